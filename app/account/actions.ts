'use server';

import { z } from 'zod';
import { confirmMfa, signOutEverywhere } from '@/lib/account/mfa-setup';
import { setEmailFrequency, ZEmailFrequencySchema } from '@/lib/account/set-email-frequency';
import { defineAction } from '@/lib/action/define-action';

export const confirmMfaAction = defineAction({
  permission: 'account:manage',
  schema: z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Enter the 6-digit code your authenticator app shows now'),
  }),
  handler: ({ code }, { actor, db, ip }) => confirmMfa(db, actor, code, ip),
});

export const signOutEverywhereAction = defineAction({
  permission: 'account:manage',
  schema: z.object({}),
  handler: (_input, { actor, db, ip }) => signOutEverywhere(db, actor, ip),
});

export const setEmailFrequencyAction = defineAction({
  permission: 'account:manage',
  schema: ZEmailFrequencySchema,
  handler: (input, { actor, db, ip }) => setEmailFrequency(db, actor, input, ip),
});
