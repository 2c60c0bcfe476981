import type { DeclineReason, PhoneContactOutcome, ReablementOutcome } from '@prisma/client';

// The database's enumerations, for code that must not import the database client (pages,
// components): the types, and the values where a form or a table lists them.

export {
  ContractType,
  CqcRating,
  DeclineReason,
  HospitalStayOutcome,
  OfferStatus,
  PackageStatus,
  Pathway,
  PhoneContactOutcome,
  ReablementOutcome,
  Role,
  VarianceKind,
  VarianceStatus,
  Weekday,
} from '@prisma/client';

/** How a reablement placement can end (docs/domain.md), in the order the form offers them. */
export const REABLEMENT_OUTCOMES = ['INDEPENDENT', 'LONG_TERM_NEEDED', 'OTHER'] as const satisfies readonly ReablementOutcome[];

/** Why a provider declines an offer, in the order the form offers them. */
export const DECLINE_REASONS = ['NO_CAPACITY', 'TIMES', 'AREA', 'SKILLS', 'OTHER'] as const satisfies readonly DeclineReason[];

/** What a provider said on the phone, in the order the form offers them. */
export const PHONE_OUTCOMES = ['AGREED', 'DECLINED', 'NO_ANSWER', 'CALL_BACK', 'OTHER'] as const satisfies readonly PhoneContactOutcome[];
