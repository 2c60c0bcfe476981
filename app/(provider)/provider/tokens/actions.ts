'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { createApiToken, revokeApiToken, ZCreateApiTokenSchema } from '@/lib/auth/api-token';
import { prisma } from '@/lib/db';

export const createProviderApiTokenAction = defineAction({
  permission: 'provider-user:manage',
  schema: ZCreateApiTokenSchema,
  handler: async (input, { actor, ip }) => {
    const created = await createApiToken(prisma, actor, input, ip);
    revalidatePath('/provider/tokens');
    return created;
  },
});

export const revokeProviderApiTokenAction = defineAction({
  permission: 'provider-user:manage',
  schema: z.object({ tokenId: z.uuid() }),
  handler: async ({ tokenId }, { actor, ip }) => {
    await revokeApiToken(prisma, actor, tokenId, ip);
    revalidatePath('/provider/tokens');
  },
});
