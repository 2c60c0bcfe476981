'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { pushPackage, ZPushPackageSchema } from '@/lib/duty/push-package';
import { recordPhoneContact, ZPhoneContactSchema } from '@/lib/duty/record-phone-contact';
import { offerToProvider, ZOfferToProviderSchema } from '@/lib/package/offer-to-provider';
import { recordReablementOutcome } from '@/lib/reablement/record-reablement-outcome';
import { ZReablementOutcomeSchema } from '@/lib/reablement/reablement-outcome-schema';
import { splitForReablement, ZSplitForReablementSchema } from '@/lib/reablement/split-for-reablement';

/** Sends a discharge or reablement package to the STEP and discharge providers now (posting it first if a draft). */
export const pushPackageAction = defineAction({
  permission: 'package:write',
  schema: ZPushPackageSchema,
  handler: async (input, { actor, db }) => {
    const result = await pushPackage(db, actor, input);
    revalidatePath('/duty');
    return { ...result, deadline: result.deadline?.toISOString() ?? null };
  },
});

export const recordPhoneContactAction = defineAction({
  permission: 'package:write',
  schema: ZPhoneContactSchema,
  handler: async (input, { actor, db }) => {
    const result = await recordPhoneContact(db, actor, input);
    revalidatePath('/duty');
    return result;
  },
});

/** After a provider said yes on the phone: the package offered to it by hand, in the current round. */
export const offerAfterCallAction = defineAction({
  permission: 'package:write',
  schema: ZOfferToProviderSchema,
  handler: async (input, { actor, db }) => {
    const result = await offerToProvider(db, actor, input);
    revalidatePath('/duty');
    return { deadline: result.deadline.toISOString() };
  },
});

export const recordReablementOutcomeAction = defineAction({
  permission: 'package:write',
  schema: ZReablementOutcomeSchema,
  handler: async (input, { actor, db }) => {
    const result = await recordReablementOutcome(db, actor, input);
    revalidatePath('/duty');
    return result;
  },
});

export const splitForReablementAction = defineAction({
  permission: 'package:write',
  schema: ZSplitForReablementSchema,
  handler: async (input, { actor, db }) => {
    const result = await splitForReablement(db, actor, input);
    revalidatePath('/duty');
    return { reference: result.reference, offers: result.outcome.offers, kind: result.outcome.kind };
  },
});
