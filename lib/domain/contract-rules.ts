import { z } from 'zod';
import { CONTRACT_TYPES, type TContractType } from './contract';
import { atMostTwoDecimals } from './carer-hours';

// What makes a contract a valid entry in a council's register: one home for the rules the register
// form, the importer and the API all apply. Pure: ids are already resolved, the caller reads the
// council's other contracts.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export const ZContractDay = z.string().refine(isRealDay, 'Enter a real date, for example 2027-04-01');

/** An hourly rate in pounds: more than £0, at most £999.99, whole pence. */
export const ZHourlyRate = z
  .number({ error: 'Enter the hourly rate in pounds, for example 21.50' })
  .positive('The hourly rate must be more than £0')
  .max(999.99, 'The hourly rate must be at most £999.99')
  .refine(atMostTwoDecimals, 'Give the hourly rate in pounds and pence, for example 21.50');

/** A target share of a shared locality's hours, in percent. */
export const ZTargetShare = z
  .number()
  .gt(0, 'A target share must be more than 0%')
  .max(100, 'A target share must be at most 100%')
  .refine(atMostTwoDecimals, 'Give the share to at most two decimal places');

export const ZContractDraft = z.object({
  reference: z.string().trim().min(1, 'Enter the contract reference').max(40, 'A contract reference has at most 40 characters'),
  providerId: z.uuid('Choose the provider'),
  type: z.enum(CONTRACT_TYPES, { error: 'Choose the contract type' }),
  hospitalId: z.uuid('Choose the hospital').nullable(),
  personId: z.uuid('Choose the person').nullable(),
  localityIds: z.array(z.uuid()).min(1, 'Choose at least one locality').max(200, 'A contract covers at most 200 localities'),
  hourlyRate: ZHourlyRate,
  validFrom: ZContractDay,
  validTo: ZContractDay.nullable(),
  // Target shares by locality id, for localities shared between holders.
  targetShares: z.record(z.uuid(), ZTargetShare).default({}),
});
export type TContractDraft = z.output<typeof ZContractDraft>;

/** A contract already in the register, as the rules need it. Days are 'YYYY-MM-DD'. */
export type TContractOnRecord = {
  id: string;
  reference: string;
  providerId: string;
  type: TContractType;
  hospitalId: string | null;
  personId: string | null;
  localityIds: readonly string[];
  validFrom: string;
  validTo: string | null;
  /** Its target shares by locality id, where it shares a locality by target. */
  targetShares?: Readonly<Record<string, number>>;
};

export type TContractDraftErrors = Partial<Record<keyof TContractDraft, string>>;

/** Whether two day ranges (inclusive; null = open-ended) share a day. */
export function dayRangesOverlap(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);
}

const describeDays = (c: { validFrom: string; validTo: string | null }) => (c.validTo ? `${c.validFrom} to ${c.validTo}` : `from ${c.validFrom}`);

/**
 * The draft's problems, by field, against the council's other contracts (`others` may include the
 * contract being varied: it is skipped by `draftId`). Empty when the draft can be saved.
 * - a DISCHARGE contract names its hospital and no other type does;
 * - an ISF contract names its person and no other type does;
 * - the last day is not before the first;
 * - the reference is the council's only contract with it;
 * - a provider never holds two contracts of one type (and hospital, and person) covering one
 *   locality on the same day: that is a variation of the first, not a second contract;
 * - the target shares of one locality's holders in force on any one day add up to at most 100%.
 */
export function contractDraftErrors(draft: TContractDraft, others: readonly TContractOnRecord[], draftId?: string): TContractDraftErrors {
  const errors: TContractDraftErrors = {};
  if (draft.type === 'DISCHARGE' && !draft.hospitalId) errors.hospitalId = 'A hospital discharge contract names its hospital';
  if (draft.type !== 'DISCHARGE' && draft.hospitalId) errors.hospitalId = 'Only a hospital discharge (DISCHARGE) contract names a hospital';
  if (draft.type === 'ISF' && !draft.personId) errors.personId = 'An individual service fund (ISF) contract names the person it is for';
  if (draft.type !== 'ISF' && draft.personId) errors.personId = 'Only an individual service fund (ISF) contract names a person';
  if (draft.validTo !== null && draft.validTo < draft.validFrom) errors.validTo = 'The last day cannot be before the first day';
  for (const id of Object.keys(draft.targetShares)) {
    if (!draft.localityIds.includes(id)) errors.targetShares = 'A target share is for one of the contract’s own localities';
  }

  const reference = draft.reference.trim().toLowerCase();
  const localities = new Set(draft.localityIds);
  for (const other of others) {
    if (other.id === draftId) continue;
    if (!errors.reference && other.reference.trim().toLowerCase() === reference)
      errors.reference = `Another contract already has the reference ${other.reference}`;
    const sameKind =
      other.providerId === draft.providerId && other.type === draft.type && other.hospitalId === draft.hospitalId && other.personId === draft.personId;
    if (!errors.validFrom && sameKind && other.localityIds.some((l) => localities.has(l)) && dayRangesOverlap(draft, other)) {
      errors.validFrom = `These dates overlap contract ${other.reference} (${describeDays(other)}) for the same provider, type and locality`;
    }
  }
  if (!errors.targetShares) {
    const over = sharesOverfilled(draft, others, draftId);
    if (over) errors.targetShares = over;
  }
  return errors;
}

/**
 * Where the draft's target share of a locality, with the shares of the locality's other holders in
 * force on the same day, would add up to more than 100%: the message naming it, else null. Shares
 * only rise on a day some contract starts, so the days to check are those starts.
 */
function sharesOverfilled(draft: TContractDraft, others: readonly TContractOnRecord[], draftId: string | undefined): string | null {
  for (const [localityId, share] of Object.entries(draft.targetShares)) {
    const holders = others.filter(
      (o) => o.id !== draftId && o.targetShares?.[localityId] !== undefined && o.localityIds.includes(localityId) && dayRangesOverlap(draft, o),
    );
    const days = [draft.validFrom, ...holders.map((o) => (o.validFrom > draft.validFrom ? o.validFrom : draft.validFrom))];
    for (const day of days) {
      const inForce = holders.filter((o) => o.validFrom <= day && (o.validTo === null || day <= o.validTo));
      const total = inForce.reduce((sum, o) => sum + (o.targetShares?.[localityId] ?? 0), share);
      if (Math.round(total * 100) > 100_00) {
        const named = inForce.map((o) => `${o.reference} ${o.targetShares?.[localityId]}%`).join(', ');
        return `Target shares of one locality cannot add up to more than 100%: on ${day} this ${share}% and ${named} make ${Math.round(total * 100) / 100}%`;
      }
    }
  }
  return null;
}

/** The rate in force on `day` ('YYYY-MM-DD'): the latest dated rate from on or before it, else the starting rate. */
export function rateOnDay(startingRate: number, rates: readonly { validFrom: string; hourlyRate: number }[], day: string): number {
  let best: { validFrom: string; hourlyRate: number } | null = null;
  for (const r of rates) if (r.validFrom <= day && (best === null || r.validFrom > best.validFrom)) best = r;
  return best ? best.hourlyRate : startingRate;
}

/** A rate raised by `percent` (an uplift such as 7.2), to the nearest penny. */
export function upliftRate(rate: number, percent: number): number {
  // toFixed first so a product such as 2304.4999999 from binary fractions rounds as the pence it is.
  return Math.round(Number((rate * (100 + percent)).toFixed(6))) / 100;
}
