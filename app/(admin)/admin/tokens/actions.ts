'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { createApiToken, revokeApiToken, ZCreateApiTokenSchema } from '@/lib/auth/api-token';

export const createApiTokenAction = defineAction({
  permission: 'token:manage',
  schema: ZCreateApiTokenSchema,
  handler: async (input, { actor, db, ip }) => {
    const created = await createApiToken(db, actor, input, ip);
    revalidatePath('/admin/tokens');
    return created;
  },
});

export const revokeApiTokenAction = defineAction({
  permission: 'token:manage',
  schema: z.object({ tokenId: z.uuid() }),
  handler: async ({ tokenId }, { actor, db, ip }) => {
    await revokeApiToken(db, actor, tokenId, ip);
    revalidatePath('/admin/tokens');
  },
});
