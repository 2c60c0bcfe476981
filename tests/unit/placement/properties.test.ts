import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate, greedy, optimise, parseScenario, rank, type TBatchResult, type TScenario } from '@/lib/placement';
import { assess, CODES, declaredCapacity, inForce, offerOrder, referenceGreedy, spend, tier, type TCapacity } from './reference';

// Properties over generated scenarios, checked against the plain reading of the spec in
// reference.ts. Small scales keep each run to a fraction of a second.

const options = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  scale: fc.double({ min: 0.05, max: 0.3, noNaN: true }),
  tightness: fc.double({ min: 0.5, max: 1.6, noNaN: true }),
});

/** The capacity left after the placements, checking each placement's eligibility on the way. */
function checkPlacements(s: TScenario, r: TBatchResult): TCapacity {
  const cap = declaredCapacity(s);
  const byId = new Map(s.packages.map((p) => [p.id, p]));
  for (const placement of r.placements) {
    const p = byId.get(placement.packageId)!;
    const prov = s.providers.find((x) => x.id === placement.providerId)!;
    const judged = assess(s, prov, p, declaredCapacity(s));
    expect(Array.isArray(judged), `${p.id} with ${prov.id}: ${judged}`).toBe(false);
    if (!Array.isArray(judged)) expect([judged.contract.id, judged.tier]).toEqual([placement.contractId, placement.tier]);
    spend(cap, prov.id, p);
  }
  for (const [key, left] of cap) expect(left, key).toBeGreaterThanOrEqual(-1e-6);

  const seen = [...r.placements.map((x) => x.packageId), ...r.unplaced.map((x) => x.packageId)];
  expect(seen.sort()).toEqual(s.packages.map((p) => p.id).sort());
  expect(r.summary.placed).toBe(r.placements.length);
  return cap;
}

/** Unplaced reasons by the spec: over providers with an in-force contract giving a tier. */
function checkUnplaced(s: TScenario, r: TBatchResult, cap: TCapacity): void {
  for (const u of r.unplaced) {
    const p = s.packages.find((x) => x.id === u.packageId)!;
    const found = new Set<string>();
    let any = false;
    for (const prov of s.providers) {
      const live = s.contracts.some((c) => c.providerId === prov.id && inForce(c, s.now) && tier(s, prov, c, p) !== null);
      if (!live) continue;
      any = true;
      const judged = assess(s, prov, p, cap);
      expect(Array.isArray(judged), `${p.id} left unplaced though ${prov.id} could take it`).toBe(true);
      if (Array.isArray(judged)) judged.forEach((x) => found.add(x));
    }
    expect(u.reasons).toEqual(any ? CODES.filter((c) => found.has(c)) : ['NO_CONTRACT_FOR_PACKAGE']);
  }
}

describe('placement properties on generated scenarios', () => {
  it('rank lists every provider once, offers in spec order, every reason that applies', () => {
    fc.assert(
      fc.property(options, (o) => {
        const s = generate(o);
        const cap = declaredCapacity(s);
        for (const ranking of rank(s).rankings) {
          const p = s.packages.find((x) => x.id === ranking.packageId)!;
          const ids = [...ranking.offers.map((x) => x.providerId), ...ranking.excluded.map((x) => x.providerId)];
          expect(ids.sort()).toEqual(s.providers.map((x) => x.id).sort());
          expect(ranking.offers.map((x) => [x.providerId, x.contractId, x.tier])).toEqual(
            offerOrder(s, p, cap).map((x) => [x.providerId, x.contract.id, x.tier]),
          );
          for (const e of ranking.excluded) {
            expect(e.reasons).toEqual(
              assess(
                s,
                s.providers.find((x) => x.id === e.providerId)!,
                p,
                cap,
              ),
            );
          }
        }
      }),
      { numRuns: 12 },
    );
  });

  it('greedy places exactly as the spec orders it, eligibly, within capacity', () => {
    fc.assert(
      fc.property(options, (o) => {
        const s = generate(o);
        const r = greedy(s);
        const expected = referenceGreedy(s);
        expect(Object.fromEntries(r.placements.map((x) => [x.packageId, `${x.providerId}/${x.contractId}/${x.tier}`]))).toEqual(
          Object.fromEntries([...expected].map(([id, x]) => [id, `${x.providerId}/${x.contract.id}/${x.tier}`])),
        );
        checkUnplaced(s, r, checkPlacements(s, r));
      }),
      { numRuns: 25 },
    );
  });

  it('optimise stays eligible and within capacity, never scores below greedy, and bounds its score', async () => {
    await fc.assert(
      fc.asyncProperty(options, async (o) => {
        const s = generate(o);
        const r = await optimise(s, { timeLimitSeconds: 20 });
        checkUnplaced(s, r, checkPlacements(s, r));
        expect(r.summary.score).toBeGreaterThanOrEqual(greedy(s).summary.score);
        expect(r.solver!.bound).toBeGreaterThanOrEqual(r.summary.score);
        expect(r.solver!.status).toBe('OPTIMAL');
        expect(r.solver!.bound).toBe(r.summary.score);
      }),
      { numRuns: 20 },
    );
  });

  it('with some providers covering weekdays only, rank, greedy and optimise still follow the spec', async () => {
    // Every third provider's capacity covers Monday to Friday only: weekend visits do not fit it.
    const weekdaysOnly = (s: TScenario): TScenario => ({
      ...s,
      providers: s.providers.map((p, i) =>
        i % 3 === 0
          ? { ...p, capacity: p.capacity.map((c) => ({ ...c, days: ['MON' as const, 'TUE' as const, 'WED' as const, 'THU' as const, 'FRI' as const] })) }
          : p,
      ),
    });
    await fc.assert(
      fc.asyncProperty(options, async (o) => {
        const s = weekdaysOnly(generate(o));
        const cap = declaredCapacity(s);
        for (const ranking of rank(s).rankings) {
          const p = s.packages.find((x) => x.id === ranking.packageId)!;
          expect(ranking.offers.map((x) => [x.providerId, x.contractId, x.tier])).toEqual(
            offerOrder(s, p, cap).map((x) => [x.providerId, x.contract.id, x.tier]),
          );
          for (const e of ranking.excluded)
            expect(e.reasons).toEqual(
              assess(
                s,
                s.providers.find((x) => x.id === e.providerId)!,
                p,
                cap,
              ),
            );
        }
        const g = greedy(s);
        expect(Object.fromEntries(g.placements.map((x) => [x.packageId, `${x.providerId}/${x.contractId}/${x.tier}`]))).toEqual(
          Object.fromEntries([...referenceGreedy(s)].map(([id, x]) => [id, `${x.providerId}/${x.contract.id}/${x.tier}`])),
        );
        checkUnplaced(s, g, checkPlacements(s, g));
        const r = await optimise(s, { timeLimitSeconds: 20 });
        checkUnplaced(s, r, checkPlacements(s, r));
        expect(r.summary.score).toBeGreaterThanOrEqual(g.summary.score);
      }),
      { numRuns: 10 },
    );
  });

  it('gives the same output for the same input, the generator byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(options, async (o) => {
        const text = JSON.stringify(generate(o));
        expect(JSON.stringify(generate({ ...o }))).toBe(text);
        const parsed = parseScenario(JSON.parse(text));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const again = parseScenario(JSON.parse(text));
        if (!again.ok) return;
        expect(JSON.stringify(greedy(again.scenario))).toBe(JSON.stringify(greedy(parsed.scenario)));
        expect(JSON.stringify(rank(again.scenario))).toBe(JSON.stringify(rank(parsed.scenario)));
        const a = await optimise(parsed.scenario);
        const b = await optimise(again.scenario);
        expect({ ...b, solver: { ...b.solver, seconds: 0 } }).toEqual({ ...a, solver: { ...a.solver, seconds: 0 } });
      }),
      { numRuns: 8 },
    );
  });
});
