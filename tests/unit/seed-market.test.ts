import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sheetCsv } from '@/lib/import/export-council-data';
import type { TSheetName } from '@/lib/import/sheets';
import { buildMarket, buildSeedMarket } from '@/prisma/seed/build-market';
import { KIRKHOLME_DIR, kirkholmeMarketSheets } from '@/prisma/seed/kirkholme-files';
import { marketFigures } from '../support/market-figures';

const now = new Date('2026-11-23T09:00:00Z');
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

// Bradford District figures from the council's Home Support review (docs/domain.md).
const DOMAIN = {
  wards: 30,
  localities: 35,
  hospitals: 2,
  providers: 82,
  contracts: 218,
  localityProviders: 16,
  goodOrOutstanding: 0.897,
  peopleReceiving: 2464,
  activeServices: 2686,
  doubleHandedShare: 0.45,
  meanHoursPerPerson: 14.29,
  externalHours: 28364.75,
  waiting: 40,
};

describe('seeded market', () => {
  const market = buildMarket({ seed: 2022, now });

  it('is the same, byte for byte, for the same seed and moment', () => {
    expect(digest(buildMarket({ seed: 2022, now }))).toBe(digest(market));
  });

  it('has the same shape whatever the time of day it is seeded at', () => {
    // Which rows exist, their statuses and their kinds; not their times, which follow the moment.
    const shape = (rows: typeof market) =>
      digest([rows.packages.map((p) => [p.status, p.pathway]), rows.offers.map((o) => [o.status, o.providerId]), rows.serviceLines.length]);
    for (const hour of [0, 12, 23]) {
      const at = new Date(now);
      at.setUTCHours(hour, 59, 30);
      expect(shape(buildMarket({ seed: 2022, now: at })), `seeded at ${at.toISOString()}`).toBe(shape(market));
    }
  });

  it('differs for another seed', () => {
    expect(digest(buildMarket({ seed: 7, now }))).not.toBe(digest(market));
  });

  it("matches Bradford's headline figures within 5%", () => {
    const figures = marketFigures(market, 'BDC', now);
    for (const [name, expected] of Object.entries(DOMAIN)) {
      const actual = figures[name as keyof typeof figures];
      expect(Math.abs(actual - expected) / expected, `${name}: ${actual} against ${expected}`).toBeLessThanOrEqual(0.05);
    }
    expect(figures.averageRate).toBeGreaterThanOrEqual(20);
    expect(figures.averageRate).toBeLessThanOrEqual(23);
  });

  it('has five STEP areas, one of them without a provider in force, and one discharge provider per hospital', () => {
    const bradford = market.councils.find((c) => c.code === 'BDC')!;
    const contracts = market.contracts.filter((c) => c.councilId === bradford.id);
    const step = contracts.filter((c) => c.type === 'STEP');
    expect(step).toHaveLength(5);
    expect(step.filter((c) => c.validTo && new Date(c.validTo) < now)).toHaveLength(1);
    const discharge = contracts.filter((c) => c.type === 'DISCHARGE');
    expect(new Set(discharge.map((c) => c.hospitalId)).size).toBe(2);
    for (const type of ['LOCALITY', 'ISF', 'ICB', 'SPOT'] as const) expect(contracts.some((c) => c.type === type)).toBe(true);
  });

  it('gives rural localities and nights less spare capacity than the rest', () => {
    const rural = new Set(market.localities.filter((l) => l.rural).map((l) => l.id));
    const mean = (rows: typeof market.capacity) => rows.reduce((s, r) => s + Number(r.carerHours), 0) / Math.max(1, rows.length);
    const day = market.capacity.filter((c) => c.band === 'MORNING');
    expect(mean(day.filter((c) => rural.has(c.localityId)))).toBeLessThan(mean(day.filter((c) => !rural.has(c.localityId))) / 2);
    expect(mean(market.capacity.filter((c) => c.band === 'NIGHT'))).toBeLessThan(mean(day) / 4);
  });

  it('shares providers between the two councils and keeps every person synthetic', () => {
    const [a, b] = market.councils;
    const of = (id: string) => new Set(market.councilProviders.filter((cp) => cp.councilId === id).map((cp) => cp.providerId));
    const shared = [...of(a.id!)].filter((p) => of(b.id!).has(p));
    expect(shared.length).toBeGreaterThanOrEqual(5);
    expect(market.people.every((p) => p.nhsNumber.startsWith('999'))).toBe(true);
    expect(new Set(market.people.map((p) => p.nhsNumber)).size).toBe(market.people.length);
  });

  it('has twelve months of history: ended packages and offers with pick-up times', () => {
    const ended = market.packages.filter((p) => p.status === 'ENDED');
    expect(ended.length).toBeGreaterThan(1000);
    const yearAgo = now.getTime() - 365 * 86_400_000;
    expect(ended.every((p) => new Date(p.postedAt!).getTime() >= yearAgo && new Date(p.placedAt!).getTime() > new Date(p.postedAt!).getTime())).toBe(true);
    expect(market.offers.filter((o) => o.status === 'ACCEPTED').length).toBeGreaterThan(1000);
  });

  it.each([2022, 1, 7, 99])('with seed %i, leaves no package waiting for good: each has an offer out in its round and a deadline', (seed) => {
    const rows = buildMarket({ seed, now });
    const waiting = rows.packages.filter((p) => p.status === 'OFFERING' || p.status === 'OPEN_MARKET');
    expect(waiting.length).toBeGreaterThan(0);
    const stuck = waiting.filter(
      (p) => !p.roundDeadline || !rows.offers.some((o) => o.packageId === p.id && o.round === p.offerRound && o.status === 'OFFERED'),
    );
    expect(stuck.map((p) => `${p.reference} (${p.status})`)).toEqual([]);
    // The deadline is the latest of the round's open offers, and still to come.
    for (const p of waiting) {
      const open = rows.offers.filter((o) => o.packageId === p.id && o.round === p.offerRound && o.status === 'OFFERED');
      expect(new Date(p.roundDeadline!).getTime()).toBe(Math.max(...open.map((o) => new Date(o.deadline).getTime())));
      expect(new Date(p.roundDeadline!).getTime()).toBeGreaterThan(now.getTime());
    }
  });

  it.each([1, 7, 99])('with seed %i, writes no row twice under a unique key', (seed) => {
    const rows = buildMarket({ seed, now });
    const unique = (keys: string[]) => expect(new Set(keys).size).toBe(keys.length);
    unique(rows.contractLocalities.map((r) => `${r.contractId}|${r.localityId}`));
    unique(rows.capacity.map((r) => `${r.providerId}|${r.localityId}|${r.band}`));
    unique(rows.offers.map((r) => `${r.packageId}|${r.round}|${r.providerId}`));
    unique(rows.packages.map((r) => r.reference));
    unique(rows.users.map((r) => r.email));
  });
});

it('puts nothing in the future, whatever the hour it is seeded at', () => {
  for (const hour of ['00:30', '13:00', '23:30']) {
    const at = new Date(`2026-06-15T${hour}:00Z`);
    const rows = buildMarket({ seed: 2022, now: at });
    const later = (d: Date | string | null | undefined) => d != null && new Date(d).getTime() > at.getTime();
    expect(rows.packages.filter((p) => later(p.postedAt) || later(p.placedAt) || later(p.endedAt))).toEqual([]);
    expect(rows.serviceLines.filter((l) => later(l.startDate))).toEqual([]);
    expect(marketFigures(rows, 'BDC', at).peopleReceiving).toBe(2464);
  }
});

it("keeps Kirkholme's market files as the builder makes them, whatever the seed and the moment", () => {
  // scripts/kirkholme-files.ts writes them; the seed only reads them.
  for (const [seed, at] of [
    [2022, now],
    [7, new Date('2027-03-02T14:00:00Z')],
  ] as const) {
    const sheets = kirkholmeMarketSheets(buildSeedMarket({ seed, now: at }).fromFiles);
    expect(Object.keys(sheets).sort()).toEqual(['contracts', 'packages', 'people', 'providers', 'service_lines', 'visits']);
    for (const [sheet, cells] of Object.entries(sheets)) {
      const kept = readFileSync(path.join(KIRKHOLME_DIR, `${sheet}.csv`), 'utf8');
      expect(sheetCsv(sheet as TSheetName, cells), `${sheet}.csv with seed ${seed}`).toBe(kept);
    }
  }
});
