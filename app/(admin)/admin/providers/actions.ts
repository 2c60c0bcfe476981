'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { registerProvider, ZRegisterProviderSchema } from '@/lib/provider/council-providers';
import { ZUpdateProviderSchema } from '@/lib/provider/provider-schema';
import { updateProvider } from '@/lib/provider/update-provider';

export const registerProviderAction = defineAction({
  permission: 'provider-org:manage',
  schema: ZRegisterProviderSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await registerProvider(db, actor, input, ip);
    revalidatePath('/admin/providers');
    return result;
  },
});

export const updateProviderAction = defineAction({
  permission: 'provider-org:manage',
  schema: ZUpdateProviderSchema,
  handler: async (input, { actor, db, ip }) => {
    await updateProvider(db, actor, input, ip);
    revalidatePath('/admin/providers');
    revalidatePath(`/admin/providers/${input.providerId}`);
  },
});
