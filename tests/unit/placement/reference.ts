import type { TContract, TPackage, TProvider, TScenario } from '@/lib/placement';

// A deliberately plain reading of docs/placement.md, written apart from the engine and
// without its indexes, to check the engine against on generated scenarios.

const BAND = ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT'];
export const CODES = [
  'PROVIDER_SUSPENDED',
  'CQC_INADEQUATE',
  'CONTRACT_NOT_IN_FORCE',
  'NO_CONTRACT_FOR_PACKAGE',
  'MISSING_SKILL',
  'NO_DOUBLE_HANDED',
  'EXCLUDED_BY_PACKAGE',
  'NO_CAPACITY',
];
export const RATING = ['OUTSTANDING', 'GOOD', 'NOT_RATED', 'REQUIRES_IMPROVEMENT'];

export function band(start: string): string {
  const [h] = start.split(':').map(Number);
  if (h >= 22 || h < 6) return 'NIGHT';
  if (h >= 17) return 'EVENING';
  if (h >= 14) return 'AFTERNOON';
  if (h >= 11) return 'MIDDAY';
  return 'MORNING';
}

/** Carer-minutes by band name. */
export function demand(p: TPackage): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(BAND.map((b) => [b, 0]));
  for (const v of p.visits) out[band(v.start)] += v.minutes * v.carers * v.days.length;
  return out;
}

export function inForce(c: TContract, now: string): boolean {
  const t = Date.parse(now);
  return Date.parse(`${c.validFrom}T00:00:00Z`) <= t && (c.validTo === null || t < Date.parse(`${c.validTo}T00:00:00Z`) + 86_400_000);
}

/** Capacity key → carer-minutes left. */
export type TCapacity = Map<string, number>;

export function declaredCapacity(s: TScenario): TCapacity {
  const cap: TCapacity = new Map();
  for (const p of s.providers) for (const c of p.capacity) cap.set(`${p.id}|${c.localityId}|${c.band}`, c.carerHours * 60);
  return cap;
}

export function tier(s: TScenario, prov: TProvider, c: TContract, p: TPackage): number | null {
  const here = c.localityIds.includes(p.localityId);
  if (c.type === 'DISCHARGE' && !(p.pathway === 'HOSPITAL_DISCHARGE' && c.hospital === p.hospital)) return null;
  if (here && p.preferredProviderId === prov.id) return 0;
  if (c.type === 'ISF') return null;
  if (p.pathway === 'HOSPITAL_DISCHARGE') return here ? (({ DISCHARGE: 1, STEP: 2, LOCALITY: 3, SPOT: 4 } as Record<string, number>)[c.type] ?? null) : null;
  if (p.pathway === 'REABLEMENT') return here ? (({ STEP: 1, LOCALITY: 2, SPOT: 3 } as Record<string, number>)[c.type] ?? null) : null;
  if (p.funding === 'ICB') return here ? (({ ICB: 1, SPOT: 2 } as Record<string, number>)[c.type] ?? null) : null;
  if (c.type === 'LOCALITY' && here) return 1;
  if (c.type === 'SPOT' && here) return 3;
  if (c.type === 'LOCALITY') {
    const neighbours = s.localities.find((l) => l.id === p.localityId)?.neighbours ?? [];
    const declares = prov.capacity.some((x) => x.localityId === p.localityId && x.carerHours > 0);
    if (declares && c.localityIds.some((l) => neighbours.includes(l))) return 2;
  }
  return null;
}

export type TRefOffer = { providerId: string; contract: TContract; tier: number };

/** Best contract: lowest tier, then rate, then id; or the reasons the provider is excluded. */
export function assess(s: TScenario, prov: TProvider, p: TPackage, cap: TCapacity): TRefOffer | string[] {
  const reasons: string[] = [];
  if (prov.status === 'SUSPENDED') reasons.push('PROVIDER_SUSPENDED');
  if (prov.cqcRating === 'INADEQUATE') reasons.push('CQC_INADEQUATE');
  const tiered = s.contracts
    .filter((c) => c.providerId === prov.id)
    .map((c) => ({ c, t: tier(s, prov, c, p) }))
    .filter((x): x is { c: TContract; t: number } => x.t !== null);
  const live = tiered.filter((x) => inForce(x.c, s.now));
  if (tiered.length === 0) reasons.push('NO_CONTRACT_FOR_PACKAGE');
  else if (live.length === 0) reasons.push('CONTRACT_NOT_IN_FORCE');
  if (p.requiredSkills.some((k) => !prov.skills.includes(k))) reasons.push('MISSING_SKILL');
  if (p.visits.some((v) => v.carers === 2) && !prov.doubleHanded) reasons.push('NO_DOUBLE_HANDED');
  if (p.excludedProviderIds.includes(prov.id)) reasons.push('EXCLUDED_BY_PACKAGE');
  const d = demand(p);
  const short = BAND.some((b) => d[b] > 0 && d[b] > (cap.get(`${prov.id}|${p.localityId}|${b}`) ?? 0) + 1e-6);
  if (short || !coversEveryDay(prov, p)) reasons.push('NO_CAPACITY');
  if (reasons.length > 0) return reasons;
  live.sort((a, b) => a.t - b.t || a.c.hourlyRate - b.c.hourlyRate || (a.c.id < b.c.id ? -1 : 1));
  return { providerId: prov.id, contract: live[0].c, tier: live[0].t };
}

/** Whether, for each visit, the provider's capacity in the package's locality and the visit's band names every day of the visit. */
export function coversEveryDay(prov: TProvider, p: TPackage): boolean {
  return p.visits.every((v) =>
    v.days.every((day) =>
      prov.capacity.some(
        (x) => x.localityId === p.localityId && x.band === band(v.start) && (x.days ?? ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']).includes(day),
      ),
    ),
  );
}

export function freeInLocality(cap: TCapacity, providerId: string, localityId: string): number {
  return BAND.reduce((a, b) => a + (cap.get(`${providerId}|${localityId}|${b}`) ?? 0), 0);
}

export function offerOrder(s: TScenario, p: TPackage, cap: TCapacity): TRefOffer[] {
  const offers = s.providers.map((prov) => assess(s, prov, p, cap)).filter((x): x is TRefOffer => !Array.isArray(x));
  const rating = (id: string) => RATING.indexOf(s.providers.find((x) => x.id === id)?.cqcRating ?? '');
  return offers.sort(
    (a, b) =>
      a.tier - b.tier ||
      rating(a.providerId) - rating(b.providerId) ||
      a.contract.hourlyRate - b.contract.hourlyRate ||
      freeInLocality(cap, b.providerId, p.localityId) - freeInLocality(cap, a.providerId, p.localityId) ||
      (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
  );
}

export function spend(cap: TCapacity, providerId: string, p: TPackage): void {
  const d = demand(p);
  for (const b of BAND) {
    const key = `${providerId}|${p.localityId}|${b}`;
    if (d[b] > 0) cap.set(key, (cap.get(key) ?? 0) - d[b]);
  }
}

/** Greedy as the spec orders it: pathway, then postedAt, then id; the first offer each time. */
export function referenceGreedy(s: TScenario): Map<string, TRefOffer> {
  const prio: Record<string, number> = { HOSPITAL_DISCHARGE: 0, REABLEMENT: 1, LONG_TERM: 2 };
  const order = [...s.packages].sort((a, b) => prio[a.pathway] - prio[b.pathway] || Date.parse(a.postedAt) - Date.parse(b.postedAt) || (a.id < b.id ? -1 : 1));
  const cap = declaredCapacity(s);
  const out = new Map<string, TRefOffer>();
  for (const p of order) {
    const first = offerOrder(s, p, cap)[0];
    if (first === undefined) continue;
    out.set(p.id, first);
    spend(cap, first.providerId, p);
  }
  return out;
}
