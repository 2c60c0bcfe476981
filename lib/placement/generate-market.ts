import { DISTRICT_LOCALITIES, providerName } from './generate-names';
import type { TRandom } from './random';
import type { TContract, TProvider } from './schema';

// The supply side of a generated district, shaped on Bradford District's market
// (docs/domain.md): 35 localities, 16 locality providers, 5 STEP providers (one of them
// rated inadequate, as after the CQC failure in the review), 2 discharge providers (BRI, AGH),
// 59 spot providers some of which hold ICB or ISF contracts, 218 contracts in all. Capacity is
// kept as relative weights here; generate.ts scales it to the requested tightness.

export type TGenLocality = { name: string; rural: boolean; hospital: 'BRI' | 'AGH'; row: number; col: number; neighbours: number[] };

export type TGenProvider = Omit<TProvider, 'id' | 'capacity'> & {
  /** Localities the provider works in, whether or not it has carers free there now. */
  area: number[];
  /** Locality index → relative weekly carer-hours free (before scaling). */
  patch: Map<number, number>;
  nights: boolean;
};

export type TGenContract = Omit<TContract, 'id' | 'providerId' | 'localityIds'> & { provider: number; localities: number[] };

export type TMarket = { localities: TGenLocality[]; providers: TGenProvider[]; contracts: TGenContract[] };

const SKILLS: [string, number][] = [
  ['DEMENTIA', 0.85],
  ['CATHETER_CARE', 0.5],
  ['END_OF_LIFE', 0.35],
  ['PEG_FEEDING', 0.2],
];

const money = (x: number) => Math.round(x * 100) / 100;

/** Full district at fraction 1; a partial district keeps the same proportions. */
function counts(fraction: number) {
  const part = (n: number, min: number) => (fraction >= 1 ? n : Math.max(min, Math.round(n * fraction)));
  return {
    localities: part(35, 2),
    localityProviders: part(16, 1),
    step: part(5, 1),
    spot: part(59, 1),
    icb: part(14, 1),
    isf: part(8, 1),
    contracts: part(218, 1),
  };
}

export function addDistrict(r: TRandom, m: TMarket, district: number, fraction: number): void {
  const n = counts(fraction);
  const local = addLocalities(m, district, n.localities);

  const newProvider = (kind: 'core' | 'spot'): number => {
    const rating = r.weighted([8, 82, 2, 8]);
    m.providers.push({
      name: providerName(m.providers.length),
      status: 'ACTIVE',
      cqcRating: (['OUTSTANDING', 'GOOD', 'NOT_RATED', 'REQUIRES_IMPROVEMENT'] as const)[rating],
      doubleHanded: kind === 'core' || r.chance(0.75),
      skills: SKILLS.filter(([, p]) => r.chance(p)).map(([s]) => s),
      area: [],
      patch: new Map(),
      nights: r.chance(kind === 'core' ? 0.4 : 0.2),
    });
    return m.providers.length - 1;
  };
  const serve = (p: number, l: number, size: number) => {
    if (!m.providers[p].area.includes(l)) m.providers[p].area.push(l);
    const rural = m.localities[l].rural ? 0.45 : 1;
    const w = size * rural * (0.2 + 2.4 * r.next() ** 3);
    m.providers[p].patch.set(l, (m.providers[p].patch.get(l) ?? 0) + w);
  };
  const contract = (p: number, type: TContract['type'], localities: number[], rate: number, extra: Partial<TGenContract> = {}) => {
    m.contracts.push({ provider: p, type, localities, hospital: null, hourlyRate: money(rate), validFrom: '2019-04-01', validTo: '2027-03-31', ...extra });
  };
  const block = (k: number, of: number) => local.slice(Math.floor((k * local.length) / of), Math.floor(((k + 1) * local.length) / of));

  const contractsBefore = m.contracts.length;
  const localityProviders: number[] = [];
  const lpCount = Math.min(n.localityProviders, local.length);
  for (let k = 0; k < lpCount; k++) {
    const p = newProvider('core');
    localityProviders.push(p);
    for (const l of block(k, lpCount)) {
      contract(p, 'LOCALITY', [l], 19.5 + 2 * r.next());
      serve(p, l, 2.2);
      // Locality providers often have carers just over the boundary: the neighbour-locality tier.
      if (r.chance(0.4)) serve(p, r.pick(m.localities[l].neighbours), 0.8);
    }
  }

  for (let k = 0; k < n.step; k++) {
    const p = newProvider('core');
    if (fraction >= 1 && k === 2) m.providers[p].cqcRating = 'INADEQUATE';
    const area = block(k, n.step);
    contract(p, 'STEP', area, 20.6, { validFrom: '2021-04-01' });
    for (const l of area) if (r.chance(0.4)) serve(p, l, 1.4);
  }

  for (const hospital of ['BRI', 'AGH'] as const) {
    const p = newProvider('core');
    const mine = local.filter((l) => m.localities[l].hospital === hospital);
    const area = mine.length > 0 ? mine : local;
    contract(p, 'DISCHARGE', area, 21.2, { hospital, validFrom: '2022-10-01' });
    for (const l of area) if (r.chance(0.25)) serve(p, l, 1);
  }

  // Providers cluster around the city centre: urban homes are three times as likely as rural.
  const homeWeights = local.map((l) => (m.localities[l].rural ? 1 : 3));
  const spotProviders: number[] = [];
  for (let k = 0; k < n.spot; k++) {
    const p = newProvider('spot');
    spotProviders.push(p);
    const home = local[r.weighted(homeWeights)];
    const patch = [home, ...m.localities[home].neighbours.filter(() => r.chance(0.1))];
    contract(p, 'SPOT', patch, 18 + 6 * r.next(), spotDates(r));
    m.providers[p].area.push(...patch);
    // Half the spot market has no carers free at all; the rest mostly at home.
    if (r.chance(0.5)) serve(p, home, 1.6);
  }
  if (spotProviders.length > 0) m.providers[r.pick(spotProviders)].status = 'SUSPENDED';
  const icbHolders = [...spotProviders, ...localityProviders];
  for (let k = 0; k < n.icb; k++) {
    const p = icbHolders[(k * 7) % icbHolders.length];
    contract(p, 'ICB', [...m.providers[p].area], 22 + 2 * r.next(), { validFrom: `202${r.int(2, 5)}-04-01`, validTo: null });
  }
  for (let k = 0; k < n.isf; k++) {
    const p = icbHolders[(k * 5 + 3) % icbHolders.length];
    contract(p, 'ISF', [...m.providers[p].area], 19 + 4 * r.next(), { validFrom: `202${r.int(3, 6)}-01-01`, validTo: null });
  }
  // The rest of the 218 are older spot arrangements layered over the years, a few of them lapsed.
  const spotHolders = [...spotProviders, ...localityProviders];
  for (let k = 0; contractsBefore + n.contracts > m.contracts.length; k++) {
    const p = spotHolders[k % spotHolders.length];
    const area = m.providers[p].area;
    const l = r.chance(0.5) ? r.pick(area) : r.pick(m.localities[r.pick(area)].neighbours);
    contract(p, 'SPOT', [l], 18 + 6 * r.next(), spotDates(r));
  }
}

function spotDates(r: TRandom): Partial<TGenContract> {
  const roll = r.next();
  if (roll < 0.07) return { validFrom: '2016-04-01', validTo: '2025-03-31' };
  if (roll < 0.1) return { validFrom: '2026-12-01', validTo: null };
  return { validFrom: `20${r.int(15, 24)}-04-01`, validTo: null };
}

function addLocalities(m: TMarket, district: number, count: number): number[] {
  const first = m.localities.length;
  // A partial district keeps a spread of the template, not just its rural first rows.
  const picks = Array.from({ length: count }, (_, k) => Math.floor((k * DISTRICT_LOCALITIES.length) / count));
  for (const t of picks) {
    const tpl = DISTRICT_LOCALITIES[t];
    m.localities.push({
      name: district === 0 ? tpl.name : `${tpl.name} ${district + 1}`,
      rural: tpl.rural,
      hospital: tpl.hospital,
      row: Math.floor(t / 5),
      col: t % 5,
      neighbours: [],
    });
  }
  const local = Array.from({ length: count }, (_, k) => first + k);
  for (const a of local) {
    const la = m.localities[a];
    const near = local.filter((b) => b !== a && Math.max(Math.abs(m.localities[b].row - la.row), Math.abs(m.localities[b].col - la.col)) <= 1);
    if (near.length === 0 && count > 1) {
      const dist = (b: number) => Math.abs(m.localities[b].row - la.row) + Math.abs(m.localities[b].col - la.col);
      near.push(local.filter((b) => b !== a).sort((x, y) => dist(x) - dist(y) || x - y)[0]);
    }
    la.neighbours = near;
  }
  return local;
}
