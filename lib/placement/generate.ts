import { BANDS, carerMinutes } from '../domain/carer-hours';
import { addDistrict, type TMarket } from './generate-market';
import { addPackages, type TGenPackage } from './generate-packages';
import { seededRandom } from './random';
import type { TScenario } from './schema';

// `generate`: a synthetic scenario shaped on Bradford District (docs/placement.md,
// "Generator"). Scale s builds floor(s) full districts of 35 localities, 82 providers, 218
// contracts and 300 packages, plus a proportional partial district for any fraction. Declared
// capacity is then scaled so that total demand is `tightness` × total declared capacity.

export type TGenerateOptions = { seed: number; scale?: number; tightness?: number };

/** The clock of every generated scenario, so that the same seed gives the same bytes. */
export const GENERATED_NOW = '2026-11-23T09:00:00Z';

/** Relative capacity by band; evenings and nights are what carers can least often offer. */
const BAND_SHARE = [0.46, 0.18, 0.1, 0.24, 0.1];

export function generate(options: TGenerateOptions): TScenario {
  const { seed, scale = 1, tightness = 1 } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a whole number');
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 1000)) throw new RangeError('scale must be above 0 and at most 1000');
  if (!(Number.isFinite(tightness) && tightness > 0)) throw new RangeError('tightness must be above 0');

  const r = seededRandom(seed);
  const nowMs = Date.parse(GENERATED_NOW);
  const market: TMarket = { localities: [], providers: [], contracts: [] };
  const packages: TGenPackage[] = [];
  const fractions = Array.from({ length: Math.floor(scale) }, () => 1);
  if (scale - Math.floor(scale) > 1e-9) fractions.push(scale - Math.floor(scale));
  fractions.forEach((fraction, district) => {
    const firstLocality = market.localities.length;
    const firstContract = market.contracts.length;
    addDistrict(r, market, district, fraction);
    const localities = Array.from({ length: market.localities.length - firstLocality }, (_, k) => firstLocality + k);
    const count = fraction >= 1 ? 300 : Math.max(1, Math.round(300 * fraction));
    addPackages(r, market, localities, market.contracts.slice(firstContract), count, nowMs, packages);
  });
  return toScenario(market, packages, tightness);
}

function pad(prefix: string, count: number): (i: number) => string {
  const width = Math.max(2, String(count).length);
  return (i) => `${prefix}${String(i + 1).padStart(width, '0')}`;
}

function toScenario(m: TMarket, packages: TGenPackage[], tightness: number): TScenario {
  const lid = pad('L', m.localities.length);
  const pid = pad('P', m.providers.length);
  const cid = pad('C', m.contracts.length);
  const kid = pad('PK', packages.length);

  let demandMinutes = 0;
  for (const p of packages) demandMinutes += carerMinutes(p.visits);
  let weight = 0;
  for (const p of m.providers) {
    const shares = BAND_SHARE.reduce((a, s, b) => a + (b === 4 && !p.nights ? 0 : s), 0);
    for (const w of p.patch.values()) weight += w * shares;
  }
  const k = demandMinutes / 60 / (tightness * weight);

  return {
    now: GENERATED_NOW,
    localities: m.localities.map((l, i) => ({ id: lid(i), name: l.name, rural: l.rural, neighbours: l.neighbours.map(lid) })),
    providers: m.providers.map((p, i) => ({
      id: pid(i),
      name: p.name,
      status: p.status,
      cqcRating: p.cqcRating,
      doubleHanded: p.doubleHanded,
      skills: p.skills,
      capacity: [...p.patch.entries()]
        .sort((a, b) => a[0] - b[0])
        .flatMap(([l, w]) =>
          BANDS.map((band, b) => ({
            localityId: lid(l),
            band,
            carerHours: b === 4 && !p.nights ? 0 : Math.round(w * BAND_SHARE[b] * k * 2) / 2,
          })).filter((c) => c.carerHours > 0),
        ),
    })),
    contracts: m.contracts.map((c, i) => ({
      id: cid(i),
      providerId: pid(c.provider),
      type: c.type,
      localityIds: c.localities.map(lid),
      hospital: c.hospital,
      hourlyRate: c.hourlyRate,
      validFrom: c.validFrom,
      validTo: c.validTo,
    })),
    packages: packages.map((p, i) => ({
      id: kid(i),
      localityId: lid(p.locality),
      postedAt: p.postedAt,
      pathway: p.pathway,
      funding: p.funding,
      hospital: p.hospital,
      preferredProviderId: p.preferred === null ? null : pid(p.preferred),
      excludedProviderIds: p.excluded.map(pid),
      requiredSkills: p.requiredSkills,
      visits: p.visits,
    })),
  };
}
