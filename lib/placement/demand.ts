import { BANDS, type TBand } from './constants';
import type { TPackage } from './schema';

// Bands and demand as defined in shared/specs/placement.md. Internally demand is counted in whole
// carer-minutes so that capacity checks and scores never suffer from floating-point drift
// (minutes are multiples of 5; hours would be multiples of 1/12).

/** Index into BANDS of the band a visit starting at `start` ("HH:MM") falls in. */
export function bandIndexOf(start: string): number {
  const hour = Number(start.slice(0, 2));
  if (hour >= 6 && hour < 11) return 0;
  if (hour >= 11 && hour < 14) return 1;
  if (hour >= 14 && hour < 17) return 2;
  if (hour >= 17 && hour < 22) return 3;
  return 4; // 22:00–05:59
}

export function bandOf(start: string): TBand {
  return BANDS[bandIndexOf(start)];
}

/** Carer-minutes per week the package needs in each band, in BANDS order. */
export function demandMinutesByBand(pkg: TPackage): number[] {
  const out = [0, 0, 0, 0, 0];
  for (const v of pkg.visits) out[bandIndexOf(v.start)] += v.minutes * v.carers * v.days.length;
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
  let minutes = 0;
  for (const v of pkg.visits) minutes += v.minutes * v.carers * v.days.length;
  return minutes;
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
