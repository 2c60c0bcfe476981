import type { TGenContract, TGenLocality, TMarket } from './generate-market';
import type { TRandom } from './random';
import type { TPackage, TVisit } from './schema';

// The demand side of a generated district: about 300 open packages, about 45% double-handed,
// a mean of about 14 carer-hours a week, most of it in the morning; evening and night visits are
// asked for more often than providers offer them (docs/domain.md).

export type TGenPackage = Omit<TPackage, 'id' | 'localityId' | 'preferredProviderId' | 'excludedProviderIds'> & {
  locality: number;
  preferred: number | null;
  excluded: number[];
};

const EVERY_DAY = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const;
const ALTERNATE = ['MON', 'WED', 'FRI'] as const;

function visits(r: TRandom, double: boolean): TVisit[] {
  const roll = r.next();
  const days = [...(roll < 0.8 ? EVERY_DAY : roll < 0.95 ? WEEKDAYS : ALTERNATE)];
  const carers = double ? 2 : 1;
  const out: TVisit[] = [{ days, start: r.pick(['07:00', '07:30', '08:00', '08:30', '09:00', '09:30']), minutes: r.pick([30, 45, 45, 60]), carers }];
  if (r.chance(0.55)) out.push({ days, start: r.pick(['11:30', '12:00', '12:30', '13:00']), minutes: r.pick([30, 30, 45]), carers: 1 });
  if (r.chance(0.4)) out.push({ days, start: r.pick(['15:30', '16:00', '16:30', '17:00', '17:30']), minutes: 30, carers: 1 });
  if (r.chance(double ? 0.8 : 0.55)) {
    out.push({ days, start: r.pick(['19:00', '19:30', '20:00', '20:30', '21:00', '21:30']), minutes: r.pick([30, 45]), carers });
  }
  if (r.chance(0.05)) out.push({ days, start: r.pick(['22:00', '22:30', '23:00', '05:30']), minutes: r.pick([30, 45, 60]), carers: 1 });
  return out;
}

function skills(r: TRandom): string[] {
  const out: string[] = [];
  if (r.chance(0.22)) out.push('DEMENTIA');
  if (r.chance(0.06)) out.push('CATHETER_CARE');
  if (r.chance(0.04)) out.push('END_OF_LIFE');
  if (r.chance(0.03)) out.push('PEG_FEEDING');
  return out;
}

/** Providers with a contract listing the locality, by contract type. */
function servingProviders(contracts: TGenContract[], locality: number, types?: readonly string[]): number[] {
  const out = new Set<number>();
  for (const c of contracts) {
    if (c.localities.includes(locality) && (types === undefined || types.includes(c.type))) out.add(c.provider);
  }
  return [...out].sort((a, b) => a - b);
}

export function addPackages(r: TRandom, m: TMarket, localities: number[], contracts: TGenContract[], count: number, nowMs: number, out: TGenPackage[]): void {
  // The city is the most populous area, Wharfedale the least.
  const weights = localities.map((l) => weightOf(m.localities[l]));
  const serving = new Map<number, number[]>();
  const isf = new Map<number, number[]>();
  for (let k = 0; k < count; k++) {
    const locality = localities[r.weighted(weights)];
    if (!serving.has(locality)) {
      serving.set(locality, servingProviders(contracts, locality));
      isf.set(locality, servingProviders(contracts, locality, ['ISF']));
    }
    const roll = r.next();
    const pathway = roll < 0.12 ? 'HOSPITAL_DISCHARGE' : roll < 0.3 ? 'REABLEMENT' : 'LONG_TERM';
    const funding = pathway === 'LONG_TERM' && r.chance(0.1) ? 'ICB' : 'COUNCIL';
    const own = m.localities[locality].hospital;
    const hospital = pathway === 'HOSPITAL_DISCHARGE' ? (r.chance(0.9) ? own : own === 'BRI' ? 'AGH' : 'BRI') : null;
    const here = serving.get(locality) as number[];
    const chosen = isf.get(locality) as number[];
    let preferred: number | null = null;
    if (r.chance(0.1) && here.length > 0) preferred = chosen.length > 0 && r.chance(0.6) ? r.pick(chosen) : r.pick(here);
    const excluded = r.chance(0.04) && here.length > 1 ? [r.pick(here.filter((p) => p !== preferred))] : [];
    // Discharges are posted within the last day; other packages may have waited two weeks.
    const ageMinutes = r.int(0, pathway === 'HOSPITAL_DISCHARGE' ? 24 * 60 : 14 * 24 * 60);
    out.push({
      locality,
      postedAt: new Date(nowMs - ageMinutes * 60_000).toISOString().replace('.000Z', 'Z'),
      pathway,
      funding,
      hospital,
      preferred,
      excluded,
      requiredSkills: skills(r),
      visits: visits(r, r.chance(0.45)),
    });
  }
}

function weightOf(l: TGenLocality): number {
  if (l.rural) return 0.8;
  return l.name.startsWith('Bradford City') ? 1.6 : 1;
}
