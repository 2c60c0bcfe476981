import type { PrismaClient } from '@prisma/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandOf, bandOfSql, carerHours, carerHoursSql } from '@/lib/domain/carer-hours';
import { clockAtRiskSql, clockDueSql, clockStart, dutyClock, targetMinutes } from '@/lib/domain/clock';
import { contractInForceSql, isContractInForce } from '@/lib/domain/contract';
import { reablementLastDay, reablementLastDaySql } from '@/lib/domain/reablement';
import { testPrisma } from './support/database';

// The SQL fragments in lib/domain are text built beside the rule they restate; here each one runs
// in PostgreSQL on the same rows as its TypeScript function, and the two must agree.

let prisma: PrismaClient;

beforeAll(() => {
  prisma = testPrisma();
});

afterAll(async () => {
  await prisma.$disconnect();
});

const DAY = 86_400_000;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
/** A timestamp(3) literal as Prisma stores instants: the UTC wall clock. */
const ts = (d: Date) => `TIMESTAMP '${d.toISOString().replace('T', ' ').replace('Z', '')}'`;
const dateOrNull = (d: Date | null) => (d ? `DATE '${d.toISOString().slice(0, 10)}'` : 'NULL::date');

describe('SQL fragments agree with the rules they restate', () => {
  it('carer-hours of a package’s visits, none included', async () => {
    const visit = fc.record({
      minutes: fc.integer({ min: 1, max: 48 }).map((n) => n * 5),
      carers: fc.constantFrom(1, 2),
      days: fc.subarray(WEEKDAYS, { minLength: 1 }),
    });
    const packages = fc.sample(fc.array(visit, { maxLength: 8 }), { numRuns: 60, seed: 14 });
    const rows = packages.flatMap((visits, p) =>
      visits.map((v) => `(${p}, ${v.minutes}, ${v.carers}, ARRAY[${v.days.map((d) => `'${d}'`).join(', ')}]::text[])`),
    );
    const got = await prisma.$queryRawUnsafe<{ p: number; hours: number }[]>(`
      SELECT k.p, ${carerHoursSql('v')} AS hours
      FROM generate_series(0, ${packages.length - 1}) AS k(p)
      LEFT JOIN (VALUES ${rows.join(', ')}) AS v("p", "minutes", "carers", "days") ON v."p" = k.p
      GROUP BY k.p ORDER BY k.p`);
    expect(got.map((r) => r.hours)).toEqual(packages.map((visits) => carerHours(visits)));
  });

  it('the band of every start time of the day', async () => {
    const starts = Array.from({ length: 24 * 12 }, (_, i) => `${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}`);
    const got = await prisma.$queryRawUnsafe<{ band: string }[]>(`
      SELECT ${bandOfSql('s.start')} AS band FROM unnest(ARRAY[${starts.map((s) => `'${s}'`).join(', ')}]::text[]) WITH ORDINALITY AS s(start, i) ORDER BY s.i`);
    expect(got.map((r) => r.band)).toEqual(starts.map(bandOf));
  });

  it('a contract in force at an instant, on the first and last days and around them', async () => {
    const from = new Date('2026-04-01T00:00:00Z');
    const to = new Date('2026-04-30T00:00:00Z');
    const contracts = [
      { validFrom: from, validTo: to },
      { validFrom: from, validTo: from },
      { validFrom: from, validTo: null },
    ];
    const instants = [-1, 0, 1, 12 * 60, 29 * 24 * 60 - 1, 29 * 24 * 60, 30 * 24 * 60 - 1, 30 * 24 * 60, 31 * 24 * 60].map(
      (minutes) => new Date(from.getTime() + minutes * 60_000),
    );
    const cases = contracts.flatMap((c) => instants.map((at) => ({ c, at })));
    const got = await prisma.$queryRawUnsafe<{ ok: boolean }[]>(
      `SELECT ${contractInForceSql('c', 'c."at"')} AS ok FROM (VALUES ${cases
        .map(({ c, at }, i) => `(${i}, ${dateOrNull(c.validFrom)}, ${dateOrNull(c.validTo)}, ${ts(at)})`)
        .join(', ')}) AS c("i", "validFrom", "validTo", "at") ORDER BY c."i"`,
    );
    expect(got.map((r) => r.ok)).toEqual(cases.map(({ c, at }) => isContractInForce(c, at)));
  });

  it('the last day of reablement, recorded or counted in London from the placement, across the clock changes', async () => {
    const placed = [
      '2026-03-28T23:30:00Z',
      '2026-03-29T00:30:00Z',
      '2026-03-29T23:30:00Z',
      '2026-10-24T22:59:00Z',
      '2026-10-24T23:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T23:30:00Z',
      '2026-11-23T09:00:00Z',
      '2026-12-31T23:59:00Z',
    ].map((s) => new Date(s));
    const rows = [
      ...placed.map((placedAt) => ({ placedAt, reablementEndsOn: null })),
      { placedAt: placed[0], reablementEndsOn: new Date('2026-05-01T00:00:00Z') },
    ];
    const got = await prisma.$queryRawUnsafe<{ ends: Date }[]>(
      `SELECT ${reablementLastDaySql('p')} AS ends FROM (VALUES ${rows
        .map((r, i) => `(${i}, ${ts(r.placedAt)}, ${dateOrNull(r.reablementEndsOn)})`)
        .join(', ')}) AS p("i", "placedAt", "reablementEndsOn") ORDER BY p."i"`,
    );
    expect(got.map((r) => r.ends.toISOString().slice(0, 10))).toEqual(rows.map(reablementLastDay));
  });

  it('when a duty clock turns at risk and when it is due', async () => {
    const ready = new Date('2026-11-27T15:10:00Z');
    const rows = [
      { pathway: 'HOSPITAL_DISCHARGE', hospitalId: 'x', readyAt: ready, postedAt: null, createdAt: new Date(ready.getTime() - DAY) },
      { pathway: 'HOSPITAL_DISCHARGE', hospitalId: null, readyAt: null, postedAt: ready, createdAt: new Date(ready.getTime() - DAY) },
      { pathway: 'REABLEMENT', hospitalId: null, readyAt: null, postedAt: null, createdAt: ready },
    ] as const;
    const nullableTs = (d: Date | null) => (d ? ts(d) : 'NULL::timestamp');
    const got = await prisma.$queryRawUnsafe<{ due: Date; at_risk: Date }[]>(
      `SELECT ${clockDueSql('p')} AS due, ${clockAtRiskSql('p')} AS at_risk FROM (VALUES ${rows
        .map(
          (r, i) =>
            `(${i}, '${r.pathway}', ${r.hospitalId ? `'${r.hospitalId}'` : 'NULL'}, ${nullableTs(r.readyAt)}, ${nullableTs(r.postedAt)}, ${ts(r.createdAt)})`,
        )
        .join(', ')}) AS p("i", "pathway", "hospitalId", "readyAt", "postedAt", "createdAt") ORDER BY p."i"`,
    );
    const expected = rows.map((r) => dutyClock(clockStart(r).at, targetMinutes({ pathway: r.pathway, hasHospital: r.hospitalId !== null }), ready));
    expect(got.map((r) => [r.due.getTime(), r.at_risk.getTime()])).toEqual(expected.map((c) => [c.dueAt.getTime(), c.atRiskAt.getTime()]));
  });
});
