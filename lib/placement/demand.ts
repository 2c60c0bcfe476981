import { BANDS, bandIndexOf, carerMinutes, visitCarerMinutes, type TBand } from '../domain/carer-hours';
import type { TPackage } from './schema';

// Demand by band; the bands and the carer-minutes rule are lib/domain/carer-hours.ts. Internally
// demand is counted in whole carer-minutes so that capacity checks and scores never suffer from
// floating-point drift (minutes are multiples of 5; hours would be multiples of 1/12).

/** Carer-minutes per week the package needs in each band, in BANDS order. */
export function demandMinutesByBand(pkg: TPackage): number[] {
  const out = [0, 0, 0, 0, 0];
  for (const v of pkg.visits) out[bandIndexOf(v.start)] += visitCarerMinutes(v);
  return out;
}

/** Carer-hours per week the package needs in each band. */
export function demandByBand(pkg: TPackage): Record<TBand, number> {
  const minutes = demandMinutesByBand(pkg);
  const out = {} as Record<TBand, number>;
  BANDS.forEach((b, i) => (out[b] = minutes[i] / 60));
  return out;
}

/** The package's hours: carer-hours per week over all bands. */
export function packageHours(pkg: TPackage): number {
  return packageMinutes(pkg) / 60;
}

function packageMinutes(pkg: TPackage): number {
  return carerMinutes(pkg.visits);
}

/** Rounds to 2 decimals, half away from zero, after trimming float noise (4.5 × 21.4 = 96.3). */
export function round2(x: number): number {
  return Math.round(Number((x * 100).toFixed(6))) / 100;
}

/** Weekly cost in pennies: hours × hourly rate, rounded to the penny. */
export function weeklyCostPennies(minutes: number, hourlyRate: number): number {
  return Math.round(Number(((minutes * hourlyRate * 100) / 60).toFixed(6)));
}

export function weeklyCost(minutes: number, hourlyRate: number): number {
  return weeklyCostPennies(minutes, hourlyRate) / 100;
}

/** A package's weekly cost at an hourly rate, in pounds to the penny. */
export function packageWeeklyCost(pkg: TPackage, hourlyRate: number): number {
  return weeklyCost(packageMinutes(pkg), hourlyRate);
}
