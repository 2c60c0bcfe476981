import { describe, expect, it } from 'vitest';
import { generate, greedy } from '@/lib/placement';
import { packageHours } from '@/lib/placement/demand';
import { applyChanges, type TMarket } from '@/lib/whatif/apply-changes';
import { ZSaveWhatIfSchema, type TChange } from '@/lib/whatif/changes';
import { figuresOf } from '@/lib/whatif/figures';
import { placeability } from '@/lib/placement/placeability';
import { build, contract, pkg, provider } from './placement/scenario-builder';

// What-if changes on a generated market: pure, repeatable, and refusing ids the market lacks.

function market(): TMarket {
  const s = generate({ seed: 3, scale: 1 });
  const placed = greedy(s);
  const contracts = new Map(s.contracts.map((c) => [c.id, c]));
  const byId = new Map(s.packages.map((p) => [p.id, p]));
  const inCare = placed.placements.slice(0, 200).map((p) => {
    const c = contracts.get(p.contractId)!;
    return {
      pkg: byId.get(p.packageId)!,
      providerId: p.providerId,
      contractId: p.contractId,
      contractType: c.type,
      contractLocalityIds: c.localityIds,
      hourlyRate: c.hourlyRate,
    };
  });
  const held = new Set(inCare.map((c) => c.pkg.id));
  return { scenario: { ...s, packages: s.packages.filter((p) => !held.has(p.id)) }, inCare, targets: [] };
}

const applied = (m: TMarket, changes: TChange[]) => {
  const a = applyChanges(m, changes);
  if (!a.ok) throw new Error(JSON.stringify(a.fieldErrors));
  return a;
};

describe('what-if changes', () => {
  it('grow demand the same way every time, by the percentage in each locality, without touching the market given', () => {
    const m = market();
    const before = JSON.stringify(m);
    const [l1, l2] = m.scenario.localities;
    const change: TChange = { kind: 'DEMAND_GROWTH', pathway: 'LONG_TERM', localityIds: [l1.id, l2.id], percent: 20 };
    const a = applied(m, [change]);
    expect(JSON.stringify(applied(m, [change]).market)).toBe(JSON.stringify(a.market));
    expect(JSON.stringify(m)).toBe(before);
    const all = [...m.scenario.packages, ...m.inCare.map((c) => c.pkg)];
    const made = a.market.scenario.packages.filter((p) => p.id.startsWith('new-1-'));
    for (const l of [l1, l2]) {
      const here = all.filter((p) => p.localityId === l.id && p.pathway === 'LONG_TERM').length;
      expect(made.filter((p) => p.localityId === l.id)).toHaveLength(Math.round(here * 0.2));
    }
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((p) => p.pathway === 'LONG_TERM' && p.postedAt === m.scenario.now && p.preferredProviderId === null)).toBe(true);
  });

  it('hand back a failed provider’s care, never to it, and take its capacity away', () => {
    const m = market();
    const failing = m.inCare[0].providerId;
    const held = m.inCare.filter((c) => c.providerId === failing);
    const a = applied(m, [{ kind: 'PROVIDER_FAILS', providerId: failing }]);
    const p = a.market.scenario.providers.find((x) => x.id === failing)!;
    expect(p.status).toBe('SUSPENDED');
    expect(p.capacity).toEqual([]);
    expect(a.market.inCare.some((c) => c.providerId === failing)).toBe(false);
    const back = a.market.scenario.packages.filter((x) => held.some((h) => h.pkg.id === x.id));
    expect(back).toHaveLength(held.length);
    expect(back.every((x) => x.excludedProviderIds.includes(failing))).toBe(true);
  });

  it('re-let a locality 70/30: new locality contracts with targets, the old ones off it, and no carer-hours made up', () => {
    const m = market();
    const target = m.scenario.contracts.find((c) => c.type === 'LOCALITY')!.localityIds[0];
    const [a1, a2] = m.scenario.providers.filter((p) => p.status === 'ACTIVE').slice(-2);
    const hoursIn = (mm: TMarket) =>
      mm.scenario.providers.reduce((s, p) => s + p.capacity.filter((c) => c.localityId === target).reduce((t, c) => t + c.carerHours, 0), 0) +
      mm.inCare.filter((c) => c.pkg.localityId === target).reduce((s, c) => s + packageHours(c.pkg), 0);
    const a = applied(m, [
      {
        kind: 'LOCALITY_RELET',
        localityId: target,
        hourlyRate: 24,
        holders: [
          { providerId: a1.id, share: 70 },
          { providerId: a2.id, share: 30 },
        ],
      },
    ]);
    const locality = a.market.scenario.contracts.filter((c) => c.type === 'LOCALITY' && c.localityIds.includes(target));
    expect(locality.map((c) => [c.providerId, c.hourlyRate])).toEqual([
      [a1.id, 24],
      [a2.id, 24],
    ]);
    expect(a.market.targets.map((t) => t.share)).toEqual([0.7, 0.3]);
    expect(hoursIn(a.market)).toBeLessThanOrEqual(hoursIn(m) + 1e-9);
  });

  it('refuse ids the market does not hold, naming the change and the field', () => {
    const a = applyChanges(market(), [
      { kind: 'RATE_UPLIFT', contractType: null, percent: 5 },
      { kind: 'PROVIDER_FAILS', providerId: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(a).toEqual({ ok: false, fieldErrors: { 'changes.1.providerId': ['There is no such provider on the council’s register.'] } });
  });

  it('refuse a shared locality whose shares do not add up to 100, naming the field', () => {
    const parsed = ZSaveWhatIfSchema.safeParse({
      name: 'Shared',
      changes: [
        {
          kind: 'LOCALITY_RELET',
          localityId: '00000000-0000-4000-8000-000000000001',
          hourlyRate: 24,
          holders: [
            { providerId: '00000000-0000-4000-8000-000000000002', share: 70 },
            { providerId: '00000000-0000-4000-8000-000000000003', share: 20 },
          ],
        },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['changes.0.holders', 'The holders’ shares must add up to 100%.']]);
  });
});

describe('what-if figures', () => {
  it('count care in place and newly placed, the locality share, concentration and cost by hand', () => {
    const scenario = build({
      providers: [provider('PA'), provider('PB'), provider('PC')],
      contracts: [contract('CA', 'PA', 'LOCALITY', ['L1']), contract('CB', 'PB', 'SPOT', ['L1']), contract('CC', 'PC', 'SPOT', ['L1'])],
      // 5.25 carer-hours a week each.
      packages: [pkg('W1'), pkg('W2', { pathway: 'REABLEMENT' })],
    });
    const inCare = (id: string, providerId: string, contractId: string, contractType: 'LOCALITY' | 'SPOT', hourlyRate: number) => ({
      pkg: { ...scenario.packages[0], id },
      providerId,
      contractId,
      contractType,
      contractLocalityIds: ['L1'],
      hourlyRate,
    });
    const m: TMarket = {
      scenario,
      inCare: [inCare('K1', 'PA', 'CA', 'LOCALITY', 20), inCare('K2', 'PA', 'CA', 'LOCALITY', 20), inCare('K3', 'PB', 'CB', 'SPOT', 24)],
      targets: [],
    };
    const result = {
      placements: [{ packageId: 'W1', providerId: 'PC', contractId: 'CC', contractType: 'SPOT' as const, tier: 3, hourlyRate: 22, weeklyCost: 115.5 }],
      unplaced: [{ packageId: 'W2', reasons: ['NO_CAPACITY' as const] }],
      summary: { packages: 2, placed: 1, placedHours: 5.25, unplacedHours: 5.25, score: 5.25, weeklyCost: 115.5, byTier: { 3: 1 } },
    };
    const f = figuresOf(m, result, placeability(scenario, ['W2']));
    // Care: K1, K2 (PA, locality), K3 (PB, spot), W1 (PC, spot): 4 × 5.25 hours; PA holds half.
    expect(f.totals).toMatchObject({ packages: 5, inCare: 3, placed: 1, unplaced: 1, careHours: 21, unplacedHours: 5.25, localityShare: 0.5, providers: 3 });
    // 2 × 105 + 126 + 115.50.
    expect(f.totals.weeklyCost).toBe(451.5);
    // Shares 50%, 25%, 25%: 2,500 + 625 + 625.
    expect(f.totals.hhi).toBe(3750);
    expect(f.totals.top5Share).toBe(1);
    expect(f.byPathway.find((p) => p.pathway === 'REABLEMENT')).toMatchObject({ unplaced: 1, unplacedHours: 5.25 });
    expect(f.byBand.find((b) => b.band === 'MORNING')).toEqual({ band: 'MORNING', careHours: 21, unplacedHours: 5.25 });
    expect(f.byTier).toEqual([{ tier: 3, packages: 1 }]);
    // W2 fits PA's declared capacity: it was left out only because others took the room.
    expect(f.byLever.find((l) => l.lever === 'TAKEN')).toEqual({ lever: 'TAKEN', packages: 1, hours: 5.25 });
  });
});
