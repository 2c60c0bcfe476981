'use server';

import { definePublicAction } from '@/lib/action/define-action';
import { requestPasswordReset, setPasswordWithToken, ZRequestResetSchema, ZSetPasswordSchema } from '@/lib/account/set-password';
import { prisma } from '@/lib/db';

export const setPasswordAction = definePublicAction({
  schema: ZSetPasswordSchema,
  handler: (input, { ip }) => setPasswordWithToken(prisma, input, ip),
});

export const requestResetAction = definePublicAction({
  schema: ZRequestResetSchema,
  handler: ({ email }, { ip }) => requestPasswordReset(prisma, email, ip),
});
