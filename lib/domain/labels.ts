import { BAND_START_HOUR, BANDS, type TBand } from './carer-hours';
import type { TClockState } from './clock';
import type {
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
} from './enums';

// The words shown for codes: one place for every label of an enumeration.

export const PATHWAY_LABEL: Record<Pathway, string> = {
  LONG_TERM: 'Long term',
  REABLEMENT: 'Reablement',
  HOSPITAL_DISCHARGE: 'Hospital discharge',
};

/** A pathway inside a sentence: "a new reablement package". */
export const PATHWAY_TEXT: Record<Pathway, string> = { LONG_TERM: 'long-term', REABLEMENT: 'reablement', HOSPITAL_DISCHARGE: 'hospital discharge' };

export const CONTRACT_TYPE_LABEL: Record<ContractType, string> = {
  LOCALITY: 'Locality',
  STEP: 'STEP (short term)',
  DISCHARGE: 'Hospital discharge',
  ISF: 'Individual service fund',
  ICB: 'NHS ICB',
  SPOT: 'Spot',
};

/** A contract type inside a sentence: "holds a STEP contract", "a locality contract". */
export const CONTRACT_TYPE_TEXT: Record<ContractType, string> = {
  LOCALITY: 'locality',
  STEP: 'STEP',
  DISCHARGE: 'discharge',
  ISF: 'ISF',
  ICB: 'ICB',
  SPOT: 'spot',
};

export const CQC_LABEL: Record<CqcRating, string> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
  NOT_RATED: 'Not yet rated',
};

export const ROLE_LABEL: Record<Role, string> = {
  BROKER: 'Broker',
  BEST: 'BEST duty team',
  PROVIDER: 'Provider',
  COMMISSIONER: 'Commissioner',
  ADMIN: 'Administrator',
  PLATFORM_ADMIN: 'Platform administrator',
};

export const WEEKDAY_LABEL: Record<Weekday, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

export const PACKAGE_STATUS_LABEL: Record<PackageStatus, string> = {
  DRAFT: 'Draft',
  OFFERING: 'Offered',
  OPEN_MARKET: 'Open market',
  PLACED: 'Placed',
  IN_HOSPITAL: 'In hospital (retainer)',
  ENDED: 'Ended',
  CANCELLED: 'Cancelled',
};

const BAND_NAME: Record<TBand, string> = { MORNING: 'Morning', MIDDAY: 'Midday', AFTERNOON: 'Afternoon', EVENING: 'Evening', NIGHT: 'Night' };

/** A band's name inside a sentence: "evening". */
export const bandWord = (band: TBand): string => BAND_NAME[band].toLowerCase();

const hh = (hour: number) => `${String(hour % 24).padStart(2, '0')}`;

/** A band with its hours, from the bands' start hours: "Morning 06:00–10:59". */
export function bandLabel(band: TBand, hoursInBrackets = false): string {
  const next = BANDS[(BANDS.indexOf(band) + 1) % BANDS.length];
  const hours = `${hh(BAND_START_HOUR[band])}:00–${hh(BAND_START_HOUR[next] + 23)}:59`;
  return hoursInBrackets ? `${BAND_NAME[band]} (${hours})` : `${BAND_NAME[band]} ${hours}`;
}

export const REABLEMENT_OUTCOME_LABEL: Record<ReablementOutcome, string> = {
  INDEPENDENT: 'Independent: no further care needed',
  LONG_TERM_NEEDED: 'Long-term package needed',
  OTHER: 'Something else',
};

export const PHONE_OUTCOME_LABEL: Record<PhoneContactOutcome, string> = {
  AGREED: 'Agreed to take it',
  DECLINED: 'Declined',
  NO_ANSWER: 'No answer',
  CALL_BACK: 'Will call back',
  OTHER: 'Something else',
};

/** A reablement outcome inside a sentence, on the package's timeline. */
export const REABLEMENT_OUTCOME_TEXT: Record<ReablementOutcome, string> = {
  INDEPENDENT: 'independent',
  LONG_TERM_NEEDED: 'long-term package needed',
  OTHER: 'other',
};

/** A phone outcome inside a sentence, on the package's timeline: "Phoned Acme Care: will call back". */
export const PHONE_OUTCOME_TEXT: Record<PhoneContactOutcome, string> = {
  AGREED: 'agreed',
  DECLINED: 'declined',
  NO_ANSWER: 'no answer',
  CALL_BACK: 'will call back',
  OTHER: 'other',
};

/** How a provider answered an offer, inside a sentence: "Acme Care let the deadline pass". An open offer has no answer yet. */
export const OFFER_ANSWER_TEXT: Partial<Record<OfferStatus, string>> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  EXPIRED: 'let the deadline pass',
  WITHDRAWN: 'offer withdrawn',
};

/** Why a provider declines, as the provider chooses it. */
export const DECLINE_REASON_LABEL: Record<DeclineReason, string> = {
  NO_CAPACITY: 'No carers free',
  TIMES: 'Cannot meet the visit times',
  AREA: 'Outside the areas we cover now',
  SKILLS: 'Needs skills we do not have',
  OTHER: 'Another reason',
};

/** Why a provider declined, inside a sentence on the duty board: "declined: cannot do the times". */
export const DECLINE_REASON_TEXT: Record<DeclineReason, string> = {
  NO_CAPACITY: 'no capacity',
  TIMES: 'cannot do the times',
  AREA: 'not their area',
  SKILLS: 'skills',
  OTHER: 'other reason',
};

/** What came of a stay in hospital, in the package's list of stays. */
export const HOSPITAL_STAY_OUTCOME_TEXT: Record<HospitalStayOutcome, string> = { RESUMED: 'provider resumed', HANDED_BACK: 'handed back' };

export const CLOCK_STATE_LABEL: Record<TClockState, string> = { ON_TIME: 'On time', AT_RISK: 'At risk', BREACHED: 'Breached' };

/** A code with no label of its own (a service type, a skill) in words: PERSONAL_CARE is "Personal care". */
export function codeLabel(code: string): string {
  return code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** The dashboards' bands, and NONE for a package with no visits yet. */
export const BAND_LABEL: Record<TBand | 'NONE', string> = {
  ...(Object.fromEntries(BANDS.map((b) => [b, bandLabel(b, true)])) as Record<TBand, string>),
  NONE: 'No visits yet',
};

/** The label of a code read back as text (a SQL grouping key, say), or the code itself when it has none. */
export function labelOf<K extends string>(labels: Record<K, string>, code: string): string {
  return (labels as Record<string, string>)[code] ?? code;
}

/** What a variance found: where delivered care differed from the care commissioned (docs/money.md). */
export const VARIANCE_KIND_LABEL: Record<VarianceKind, string> = {
  SHORT: 'Short call',
  MISSED: 'Missed visit',
  LATE: 'Late call',
  OVER_DELIVERY: 'Over-delivery',
  AFTER_LINE_END: 'After the line ended',
  IN_HOSPITAL: 'During a hospital stay',
};

/** The council's decision on a variance, as the provider reads it. */
export const VARIANCE_STATUS_LABEL: Record<VarianceStatus, string> = {
  OPEN: 'Not yet decided',
  ACCEPTED: 'Accepted',
  QUERIED: 'Queried',
  REJECTED: 'Rejected',
};
