'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { registerProvider, ZRegisterProviderSchema } from '@/lib/provider/council-providers';

export const registerProviderAction = defineAction({
  permission: 'provider-org:manage',
  schema: ZRegisterProviderSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await registerProvider(db, actor, input, ip);
    revalidatePath('/admin/providers');
    return result;
  },
});
