import { describe, expect, it } from 'vitest';
import { generate, packageHours } from '@/lib/placement';

// The generator's shape at scale 1 (docs/placement.md, "Generator"; docs/domain.md).

describe('generate', () => {
  const s = generate({ seed: 2026, scale: 1, tightness: 1 });
  const count = <T>(items: T[], key: (t: T) => string) => items.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});

  it('builds a Bradford-shaped market at scale 1', () => {
    expect(s.localities).toHaveLength(35);
    expect(s.localities.every((l) => l.neighbours.length > 0)).toBe(true);
    expect(s.localities.filter((l) => l.rural).map((l) => l.name)).toContain('Worth Valley Upper');
    expect(s.providers).toHaveLength(82);
    expect(s.contracts).toHaveLength(218);
    const types = count(s.contracts, (c) => c.type);
    expect(types).toMatchObject({ LOCALITY: 35, STEP: 5, DISCHARGE: 2 });
    expect(types.ICB).toBeGreaterThan(0);
    expect(types.ISF).toBeGreaterThan(0);
    expect(new Set(s.contracts.filter((c) => c.type === 'LOCALITY').map((c) => c.providerId)).size).toBe(16);
    expect(
      s.contracts
        .filter((c) => c.type === 'DISCHARGE')
        .map((c) => c.hospital)
        .sort(),
    ).toEqual(['AGH', 'BRI']);
    const goodOrBetter = s.providers.filter((p) => p.cqcRating === 'GOOD' || p.cqcRating === 'OUTSTANDING').length;
    expect(goodOrBetter / 82).toBeGreaterThan(0.8);
    expect(s.providers.some((p) => p.status === 'SUSPENDED')).toBe(true);
    expect(s.providers.some((p) => p.cqcRating === 'INADEQUATE')).toBe(true);
    expect(s.contracts.every((c) => c.hourlyRate >= 18 && c.hourlyRate <= 24)).toBe(true);
  });

  it('posts about 300 packages: about 45% double-handed, about 14 hours a week on average', () => {
    expect(s.packages).toHaveLength(300);
    const double = s.packages.filter((p) => p.visits.some((v) => v.carers === 2)).length / 300;
    expect(double).toBeGreaterThan(0.38);
    expect(double).toBeLessThan(0.52);
    const mean = s.packages.reduce((a, p) => a + packageHours(p), 0) / 300;
    expect(mean).toBeGreaterThan(12.5);
    expect(mean).toBeLessThan(16);
    expect(Object.keys(count(s.packages, (p) => p.pathway)).sort()).toEqual(['HOSPITAL_DISCHARGE', 'LONG_TERM', 'REABLEMENT']);
  });

  it('makes demand the requested multiple of declared capacity', () => {
    for (const tightness of [0.8, 1.2]) {
      const t = generate({ seed: 2026, tightness });
      const demand = t.packages.reduce((a, p) => a + packageHours(p), 0);
      const capacity = t.providers.reduce((a, p) => a + p.capacity.reduce((b, c) => b + c.carerHours, 0), 0);
      expect(demand / capacity).toBeCloseTo(tightness, 1);
    }
  });

  it('multiplies localities, providers and packages with the scale', () => {
    const big = generate({ seed: 3, scale: 3 });
    expect([big.localities.length, big.providers.length, big.contracts.length, big.packages.length]).toEqual([105, 246, 654, 900]);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generate({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generate({ seed: 1, scale: 0 })).toThrow(RangeError);
    expect(() => generate({ seed: 1, tightness: -1 })).toThrow(RangeError);
  });
});
