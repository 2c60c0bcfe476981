import { BANDS } from '@/lib/domain/carer-hours';
import { demandByBand, packageHours, round2 } from '@/lib/placement/demand';
import { seededRandom } from '@/lib/placement/random';
import type { TCapacity, TContract, TPackage, TProvider, TScenario } from '@/lib/placement/schema';
import type { TChange } from './changes';

// A what-if changes a copy of today's live market, never the market itself: every function here
// is pure and returns new objects. The market is the engine's scenario (providers, contracts,
// spare capacity and the packages waiting), plus the care already in place, which keeps its
// provider unless a change hands it back (docs/what-if.md).

/** A package in care now: its provider and contract, and the rate it is paid at. */
export type TInCare = {
  pkg: TPackage;
  providerId: string;
  contractId: string;
  contractType: TContract['type'];
  /** The localities the contract covers (for the locality share). */
  contractLocalityIds: string[];
  hourlyRate: number;
};

/** A holder's target share of a locality (a shared locality, such as 70/30). */
export type TShareTarget = { localityId: string; contractId: string; providerId: string; share: number };

export type TMarket = { scenario: TScenario; inCare: TInCare[]; targets: TShareTarget[] };

export type TApplied = { ok: true; market: TMarket; notes: string[] } | { ok: false; fieldErrors: Record<string, string[]> };

const hoursText = (h: number) => `${round2(h).toLocaleString('en-GB')} carer-hours a week`;
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function cloneMarket(m: TMarket): TMarket {
  return {
    scenario: {
      ...m.scenario,
      providers: m.scenario.providers.map((p) => ({ ...p, capacity: p.capacity.map((c) => ({ ...c })) })),
      contracts: m.scenario.contracts.map((c) => ({ ...c, localityIds: [...c.localityIds] })),
      packages: [...m.scenario.packages],
    },
    inCare: [...m.inCare],
    targets: [...m.targets],
  };
}

/** Adds `hours` to a provider's spare capacity in a locality and band (a new figure, every day, when it had none). */
function addCapacity(p: TProvider, localityId: string, band: TCapacity['band'], hours: number): void {
  if (hours <= 0) return;
  const slot = p.capacity.find((c) => c.localityId === localityId && c.band === band);
  if (slot) slot.carerHours = round2(slot.carerHours + hours);
  else p.capacity.push({ localityId, band, carerHours: round2(hours) });
}

/** Care handed back to the market: it waits again from `now`, and is never offered back to `notTo`. */
function handBack(market: TMarket, leaving: TInCare[], notTo: string | null): void {
  const gone = new Set(leaving.map((c) => c.pkg.id));
  market.inCare = market.inCare.filter((c) => !gone.has(c.pkg.id));
  for (const c of leaving) {
    market.scenario.packages.push({
      ...c.pkg,
      postedAt: market.scenario.now,
      excludedProviderIds: notTo && !c.pkg.excludedProviderIds.includes(notTo) ? [...c.pkg.excludedProviderIds, notTo] : c.pkg.excludedProviderIds,
    });
  }
}

/** The hours, band by band, that care handed back by one provider in one locality frees. */
function freedHours(leaving: TInCare[], providerId: string, localityId: string): Record<TCapacity['band'], number> {
  const out = { MORNING: 0, MIDDAY: 0, AFTERNOON: 0, EVENING: 0, NIGHT: 0 };
  for (const c of leaving) {
    if (c.providerId !== providerId || c.pkg.localityId !== localityId) continue;
    const d = demandByBand(c.pkg);
    for (const b of BANDS) out[b] += d[b];
  }
  return out;
}

const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));

function growDemand(market: TMarket, change: Extract<TChange, { kind: 'DEMAND_GROWTH' }>, index: number): string {
  const within = new Set(change.localityIds);
  const pool = [...market.scenario.packages, ...market.inCare.map((c) => c.pkg)]
    .filter((p) => p.pathway === change.pathway && (within.size === 0 || within.has(p.localityId)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byLocality = new Map<string, TPackage[]>();
  for (const p of pool) byLocality.set(p.localityId, [...(byLocality.get(p.localityId) ?? []), p]);
  // The same change on the same market always draws the same copies: seeded by its place in the list.
  const random = seededRandom(7919 * (index + 1));
  let made = 0;
  let hours = 0;
  for (const localityId of [...byLocality.keys()].sort()) {
    const here = byLocality.get(localityId) as TPackage[];
    const n = Math.round((here.length * change.percent) / 100);
    for (let k = 0; k < n; k++) {
      const source = random.pick(here);
      made++;
      hours += packageHours(source);
      market.scenario.packages.push({
        ...source,
        id: `new-${index + 1}-${made}`,
        postedAt: market.scenario.now,
        preferredProviderId: null,
        excludedProviderIds: [],
      });
    }
  }
  return `${count(made, 'new package')} (${hoursText(hours)}), copies of ${count(pool.length, 'package')} in that pathway and place.`;
}

/** Applies the changes in order to a copy of the market. Ids a change names must exist in the market. */
export function applyChanges(live: TMarket, changes: readonly TChange[]): TApplied {
  const market = cloneMarket(live);
  const fieldErrors: Record<string, string[]> = {};
  const fail = (i: number, field: string, message: string) => (fieldErrors[`changes.${i}.${field}`] ??= []).push(message);
  const notes: string[] = [];
  changes.forEach((change, i) => {
    const providers = byId(market.scenario.providers);
    const localities = byId(market.scenario.localities);
    switch (change.kind) {
      case 'DEMAND_GROWTH': {
        change.localityIds.forEach((id, k) => (localities.has(id) ? null : fail(i, `localityIds.${k}`, 'There is no such locality in the council.')));
        if (!Object.keys(fieldErrors).length) notes.push(growDemand(market, change, i));
        return;
      }
      case 'PROVIDER_FAILS': {
        const p = providers.get(change.providerId);
        if (!p) return fail(i, 'providerId', 'There is no such provider on the council’s register.');
        p.status = 'SUSPENDED';
        p.capacity = [];
        const leaving = market.inCare.filter((c) => c.providerId === p.id);
        handBack(market, leaving, p.id);
        notes.push(
          `${p.name} stops: ${count(leaving.length, 'package')} in its care (${hoursText(leaving.reduce((s, c) => s + packageHours(c.pkg), 0))}) go back to the market.`,
        );
        return;
      }
      case 'CONTRACT_ENDS': {
        const contract = market.scenario.contracts.find((c) => c.id === change.contractId);
        const leaving = market.inCare.filter((c) => c.contractId === change.contractId);
        if (!contract && leaving.length === 0) return fail(i, 'contractId', 'There is no such contract in force.');
        market.scenario.contracts = market.scenario.contracts.filter((c) => c.id !== change.contractId);
        // The provider keeps its carers: the hours of the care it hands back become spare capacity.
        for (const c of leaving) {
          const p = providers.get(c.providerId);
          const d = demandByBand(c.pkg);
          if (p) for (const b of BANDS) addCapacity(p, c.pkg.localityId, b, d[b]);
        }
        handBack(market, leaving, null);
        notes.push(`A contract ends: ${count(leaving.length, 'package')} under it go back to the market.`);
        return;
      }
      case 'LOCALITY_RELET': {
        if (!localities.has(change.localityId)) fail(i, 'localityId', 'There is no such locality in the council.');
        change.holders.forEach((h, k) =>
          providers.has(h.providerId) ? null : fail(i, `holders.${k}.providerId`, 'There is no such provider on the council’s register.'),
        );
        if (Object.keys(fieldErrors).length) return;
        notes.push(relet(market, change, i));
        return;
      }
      case 'CAPACITY': {
        change.localityIds.forEach((id, k) => (localities.has(id) ? null : fail(i, `localityIds.${k}`, 'There is no such locality in the council.')));
        if (change.providerId !== null && !providers.has(change.providerId)) fail(i, 'providerId', 'There is no such provider on the council’s register.');
        if (Object.keys(fieldErrors).length) return;
        const inLocality = new Set(change.localityIds);
        const inBand = new Set(change.bands);
        let before = 0;
        let after = 0;
        for (const p of market.scenario.providers) {
          if (change.providerId !== null && p.id !== change.providerId) continue;
          for (const c of p.capacity) {
            if ((inLocality.size && !inLocality.has(c.localityId)) || (inBand.size && !inBand.has(c.band))) continue;
            before += c.carerHours;
            c.carerHours = round2(Math.max(0, c.carerHours * (1 + change.percent / 100)));
            after += c.carerHours;
          }
        }
        notes.push(`Spare capacity there goes from ${hoursText(before)} to ${hoursText(after)}.`);
        return;
      }
      case 'RATE_UPLIFT': {
        const raise = (rate: number) => round2(rate * (1 + change.percent / 100));
        let n = 0;
        for (const c of market.scenario.contracts) {
          if (change.contractType !== null && c.type !== change.contractType) continue;
          c.hourlyRate = raise(c.hourlyRate);
          n++;
        }
        market.inCare = market.inCare.map((c) =>
          change.contractType === null || c.contractType === change.contractType ? { ...c, hourlyRate: raise(c.hourlyRate) } : c,
        );
        notes.push(`${count(n, 'contract')} change rate by ${change.percent}%.`);
        return;
      }
    }
  });
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, market, notes };
}

/**
 * A locality re-let: every locality contract covering it stops covering it (a contract left with
 * no locality ends), the care under them there goes back to the market, and the outgoing holders'
 * carers there (their spare capacity and the hours of that care) move to the new holders in
 * proportion to their shares, as staff usually transfer with a re-let contract.
 */
function relet(market: TMarket, change: Extract<TChange, { kind: 'LOCALITY_RELET' }>, index: number): string {
  const { localityId } = change;
  const outgoing = market.scenario.contracts.filter((c) => c.type === 'LOCALITY' && c.localityIds.includes(localityId));
  const outgoingIds = new Set(outgoing.map((c) => c.id));
  const leaving = market.inCare.filter((c) => outgoingIds.has(c.contractId) && c.pkg.localityId === localityId);
  const pool = { MORNING: 0, MIDDAY: 0, AFTERNOON: 0, EVENING: 0, NIGHT: 0 };
  const providers = byId(market.scenario.providers);
  for (const providerId of new Set(outgoing.map((c) => c.providerId))) {
    const p = providers.get(providerId);
    if (!p) continue;
    const freed = freedHours(leaving, providerId, localityId);
    for (const b of BANDS) pool[b] += freed[b];
    for (const slot of p.capacity) {
      if (slot.localityId !== localityId) continue;
      pool[slot.band] += slot.carerHours;
      slot.carerHours = 0;
    }
  }
  for (const c of outgoing) c.localityIds = c.localityIds.filter((l) => l !== localityId);
  market.scenario.contracts = market.scenario.contracts.filter((c) => c.localityIds.length > 0 || !outgoingIds.has(c.id));
  market.targets = market.targets.filter((t) => t.localityId !== localityId);
  handBack(market, leaving, null);
  const from = market.scenario.now.slice(0, 10);
  change.holders.forEach((h, k) => {
    const id = `relet-${index + 1}-${k + 1}`;
    market.scenario.contracts.push({
      id,
      providerId: h.providerId,
      type: 'LOCALITY',
      localityIds: [localityId],
      hospital: null,
      hourlyRate: change.hourlyRate,
      validFrom: from,
      validTo: null,
    });
    market.targets.push({ localityId, contractId: id, providerId: h.providerId, share: h.share / 100 });
    const p = providers.get(h.providerId) as TProvider;
    // Rounded down to the quarter hour, so moving carers never makes hours that were not there.
    for (const b of BANDS) addCapacity(p, localityId, b, Math.floor((pool[b] * h.share) / 100 / 0.25) * 0.25);
  });
  const name = market.scenario.localities.find((l) => l.id === localityId)?.name ?? 'the locality';
  return `${name} is re-let to ${count(change.holders.length, 'holder')}: ${count(leaving.length, 'package')} under the old locality contracts go back to the market, and ${hoursText(
    BANDS.reduce((s, b) => s + pool[b], 0),
  )} of carers move to the new holders.`;
}
