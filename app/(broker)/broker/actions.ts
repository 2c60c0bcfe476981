'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { ZTriageReferralSchema } from '@/lib/referral/referral-schema';
import { triageReferral } from '@/lib/referral/triage-referral';

/** A broker's decision on a referral in the triage queue: accept as a draft package, ask for more information, or reject. */
export const triageReferralAction = defineAction({
  permission: 'referral:triage',
  schema: ZTriageReferralSchema,
  handler: async (input, { actor, db }) => {
    const result = await triageReferral(db, actor, input);
    revalidatePath('/broker');
    return result;
  },
});
