'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { admitToHospital, ZAdmitToHospitalSchema } from '@/lib/package/admit-to-hospital';
import { cancelPackage, ZCancelPackageSchema } from '@/lib/package/cancel-package';
import { changePackage, ZChangePackageSchema } from '@/lib/package/change-package';
import { endServiceLine, ZEndServiceLineSchema } from '@/lib/package/end-service-line';
import { offerToProvider, ZOfferToProviderSchema } from '@/lib/package/offer-to-provider';
import { reofferPackage } from '@/lib/package/reoffer-package';
import { returnFromHospital, ZReturnFromHospitalSchema } from '@/lib/package/return-from-hospital';
import { setRateUplift, ZRateUpliftSchema } from '@/lib/package/set-rate-uplift';
import { setFunding, ZSetFundingSchema } from '@/lib/package/set-funding';
import { recordPhoneContact, ZPhoneContactSchema } from '@/lib/duty/record-phone-contact';
import { remindProviders, ZRemindProvidersSchema } from '@/lib/package/remind-providers';

// The changes a broker makes to a package after posting it, one action per operation.

/** One entry per service type: the change sets each type's new weekly hours. */
const ZChangeRequestSchema = ZChangePackageSchema.superRefine((change, ctx) => {
  const seen = new Set<string>();
  change.serviceLines.forEach((line, i) => {
    if (seen.has(line.type)) ctx.addIssue({ code: 'custom', path: ['serviceLines', i, 'type'], message: 'List each type of service once' });
    seen.add(line.type);
  });
});

export const changePackageAction = defineAction({
  permission: 'package:write',
  schema: ZChangeRequestSchema,
  handler: async (input, { actor, db }) => {
    const result = await changePackage(db, actor, input);
    return { version: result.version, reoffered: result.reoffered ? { kind: result.reoffered.kind, offers: result.reoffered.offers } : null };
  },
});

export const endServiceLineAction = defineAction({
  permission: 'package:write',
  schema: ZEndServiceLineSchema,
  handler: (input, { actor, db }) => endServiceLine(db, actor, input),
});

export const admitToHospitalAction = defineAction({
  permission: 'package:write',
  schema: ZAdmitToHospitalSchema,
  handler: (input, { actor, db }) => admitToHospital(db, actor, input),
});

export const returnFromHospitalAction = defineAction({
  permission: 'package:write',
  schema: ZReturnFromHospitalSchema,
  handler: async (input, { actor, db }) => {
    const result = await returnFromHospital(db, actor, input);
    return { outcome: result.outcome, reoffered: result.reoffered ? { kind: result.reoffered.kind, offers: result.reoffered.offers } : null };
  },
});

export const cancelPackageAction = defineAction({
  permission: 'package:write',
  schema: ZCancelPackageSchema,
  handler: (input, { actor, db }) => cancelPackage(db, actor, input),
});

/**
 * Sets the uplift; with `reoffer`, a package waiting on the open market goes out again at once
 * from the first tier at the new rate (as a change of the package does: a new version, so the
 * providers asked before may be asked again). Without it, the uplift waits for the next round.
 */
export const setRateUpliftAction = defineAction({
  permission: 'package:write',
  schema: ZRateUpliftSchema.extend({ reoffer: z.boolean().default(false), expectedVersion: z.number().int() }),
  handler: async ({ packageId, uplift, reoffer, expectedVersion }, { actor, db }) => {
    await setRateUplift(db, actor, { packageId, uplift });
    if (!reoffer) return { reoffered: null };
    const changed = await reofferPackage(db, actor, { packageId, expectedVersion });
    return { reoffered: changed.reoffered ? { kind: changed.reoffered.kind, offers: changed.reoffered.offers } : null };
  },
});

export const offerToProviderAction = defineAction({
  permission: 'package:write',
  schema: ZOfferToProviderSchema,
  handler: async (input, { actor, db }) => {
    const result = await offerToProvider(db, actor, input);
    return { deadline: result.deadline.toISOString(), hourlyRate: result.hourlyRate, round: result.round };
  },
});

/** A call the broker made to a provider about the package: the duty board's record, kept the same way. */
export const recordCallAction = defineAction({
  permission: 'package:write',
  schema: ZPhoneContactSchema,
  handler: (input, { actor, db }) => recordPhoneContact(db, actor, input),
});

export const remindProvidersAction = defineAction({
  permission: 'package:write',
  schema: ZRemindProvidersSchema,
  handler: (input, { actor, db }) => remindProviders(db, actor, input),
});

export const setFundingAction = defineAction({
  permission: 'package:write',
  schema: ZSetFundingSchema,
  handler: (input, { actor, db }) => setFunding(db, actor, input),
});
