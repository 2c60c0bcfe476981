'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { createApiToken, revokeApiToken, ZCreateApiTokenSchema } from '@/lib/auth/api-token';

export const createProviderApiTokenAction = defineAction({
  permission: 'provider-user:manage',
  schema: ZCreateApiTokenSchema,
  handler: async (input, { actor, db, ip }) => {
    const created = await createApiToken(db, actor, input, ip);
    revalidatePath('/provider/tokens');
    return created;
  },
});

export const revokeProviderApiTokenAction = defineAction({
  permission: 'provider-user:manage',
  schema: z.object({ tokenId: z.uuid() }),
  handler: async ({ tokenId }, { actor, db, ip }) => {
    await revokeApiToken(db, actor, tokenId, ip);
    revalidatePath('/provider/tokens');
  },
});
