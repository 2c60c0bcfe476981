import { BAND_START_HOUR, BANDS, type TBand } from './carer-hours';
import type { TClockState } from './clock';
import type { ContractType, CqcRating, PackageStatus, Pathway, PhoneContactOutcome, ReablementOutcome, Role, Weekday } from './enums';

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
