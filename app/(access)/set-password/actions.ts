'use server';

import { definePublicAction } from '@/lib/action/define-action';
import { requestPasswordReset, setPasswordWithToken, ZRequestResetSchema, ZSetPasswordSchema } from '@/lib/account/set-password';

export const setPasswordAction = definePublicAction({
  schema: ZSetPasswordSchema,
  handler: (input, { db, ip }) => setPasswordWithToken(db, input, ip),
});

export const requestResetAction = definePublicAction({
  schema: ZRequestResetSchema,
  handler: ({ email }, { db, ip }) => requestPasswordReset(db, email, ip),
});
