import { round2 } from './demand';

// The rate uplift lever: a package someone could be offered, turned down by the providers asked,
// may be paid too little for where it is. What the council pays in its locality is the 75th
// percentile of the hourly rates of offers accepted there for the same pathway lately; the lever
// is the uplift that brings the package's own rate (contract rate plus its uplift) up to that.

/** How far back accepted offers count, in weeks. */
export const LOCAL_RATE_WEEKS = 12;
/** Which percentile of accepted offers' rates is "what the council pays" there. */
export const LOCAL_RATE_PERCENTILE = 0.75;

/** The p-th percentile of the values, interpolated between them as PostgreSQL's percentile_cont; null for none. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export type TRateUplift = {
  /** The package's rate now, £ an hour: the contract rate it would be offered at plus its uplift. */
  rate: number;
  /** What the council pays in the locality for the pathway, £ an hour. */
  localRate: number;
  /** How many accepted offers that rests on. */
  accepted: number;
  /** £ an hour more that would bring the rate up to the local rate. */
  more: number;
  /** What that adds a week: carer-hours × `more`, to the penny. */
  weekly: number;
  /** The uplift to set on the package: its own plus `more`. */
  setTo: number;
};

/**
 * The uplift that would bring a package's rate up to the local rate of `accepted` offers' hourly
 * rates; null when none were accepted or its rate already reaches the local rate.
 */
export function rateUplift(input: { contractRate: number; uplift: number; carerHours: number; accepted: readonly number[] }): TRateUplift | null {
  const local = percentileCont(input.accepted, LOCAL_RATE_PERCENTILE);
  if (local === null) return null;
  const localRate = round2(local);
  const rate = round2(input.contractRate + input.uplift);
  const more = round2(localRate - rate);
  if (more <= 0) return null;
  return { rate, localRate, accepted: input.accepted.length, more, weekly: round2(input.carerHours * more), setTo: round2(input.uplift + more) };
}
