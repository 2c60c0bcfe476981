// Enumerations and fixed orders from docs/placement.md, kept in one place so that the
// schema, the ranking and the reason codes cannot drift apart.

export const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export const HOSPITALS = ['BRI', 'AGH'] as const;
export const PROVIDER_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export const PATHWAYS = ['LONG_TERM', 'REABLEMENT', 'HOSPITAL_DISCHARGE'] as const;
export const FUNDINGS = ['COUNCIL', 'ICB'] as const;

/** Best first: the rating order used to rank offers within a tier. INADEQUATE is never offered. */
export const RATING_ORDER = ['OUTSTANDING', 'GOOD', 'NOT_RATED', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'] as const;
export type TCqcRating = (typeof RATING_ORDER)[number];

/** Exclusion reasons, in the order the spec lists them; unplaced reasons are reported in this order. */
export const REASON_CODES = [
  'PROVIDER_SUSPENDED',
  'CQC_INADEQUATE',
  'CONTRACT_NOT_IN_FORCE',
  'NO_CONTRACT_FOR_PACKAGE',
  'MISSING_SKILL',
  'NO_DOUBLE_HANDED',
  'EXCLUDED_BY_PACKAGE',
  'NO_CAPACITY',
] as const;
export type TReasonCode = (typeof REASON_CODES)[number];

/** Score weight per pathway: discharges matter most because a hospital bed is waiting. */
export const PATHWAY_WEIGHT = { HOSPITAL_DISCHARGE: 3, REABLEMENT: 2, LONG_TERM: 1 } as const;

/** Greedy's priority order of pathways. */
export const PATHWAY_PRIORITY = { HOSPITAL_DISCHARGE: 0, REABLEMENT: 1, LONG_TERM: 2 } as const;
