import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDutyBoard } from '@/lib/duty/list-duty-board';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { getPackageTimeline } from '@/lib/package/get-package-timeline';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { getPersonRecord } from '@/lib/person/get-person-record';
import { recordReablementOutcome } from '@/lib/reablement/record-reablement-outcome';
import { splitForReablement } from '@/lib/reablement/split-for-reablement';
import { rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { buildDutyCouncil, dutyDraft, type TDutyFixture } from './support/duty-fixtures';

let prisma: PrismaClient;
let fx: TDutyFixture;
let other: TDutyFixture;

// Monday 23 November 2026, 10:00 London.
const T0 = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
const days = (n: number) => new Date(T0.getTime() + n * DAY);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildDutyCouncil(prisma, 'REA');
  other = await buildDutyCouncil(prisma, 'RKO');
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A package posted and accepted by `providerId` at `at`. */
async function placed(pathway: 'REABLEMENT' | 'LONG_TERM', providerId: string, at: Date, overrides: Record<string, unknown> = {}) {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: dutyDraft(fx, pathway, { readyAt: at.toISOString(), ...overrides }) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, at);
  const offer = await prisma.offer.findFirstOrThrow({ where: { packageId: saved.id, providerId } });
  await acceptOffer(prisma, fx.providerActor(providerId), { offerId: offer.id }, at);
  return saved;
}

/** Every column of the package's own rows and its lines, placements and visits, as PostgreSQL stores them. */
async function snapshot(packageId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ row: string }[]>`
    SELECT 'package ' || row_to_json(p)::text AS row FROM "Package" p WHERE p.id = ${packageId}::uuid
    UNION ALL SELECT 'line ' || row_to_json(l)::text FROM "ServiceLine" l WHERE l."packageId" = ${packageId}::uuid
    UNION ALL SELECT 'placement ' || row_to_json(pl)::text FROM "Placement" pl WHERE pl."packageId" = ${packageId}::uuid
    UNION ALL SELECT 'visit ' || row_to_json(v)::text FROM "Visit" v WHERE v."packageId" = ${packageId}::uuid
    ORDER BY 1`;
  return rows.map((r) => r.row);
}

describe('reablement outcomes', () => {
  it('shows on the board from a week before its six weeks end, and the outcome ends its lines and placement on the last day', async () => {
    const r = await placed('REABLEMENT', fx.providers.step1, T0);
    const pkg = await prisma.package.findFirstOrThrow({ where: { id: r.id } });
    expect(pkg.reablementEndsOn?.toISOString().slice(0, 10)).toBe('2027-01-03'); // 42 days counting 23 November

    const ending = async (now: Date) => (await listDutyBoard(prisma, fx.best, {}, now)).ending.rows.map((e) => e.id);
    expect(await ending(new Date('2026-12-26T12:00:00Z'))).not.toContain(r.id); // 8 days before
    expect(await ending(new Date('2026-12-27T12:00:00Z'))).toContain(r.id); // 7 days before
    expect(await ending(new Date('2027-01-10T12:00:00Z'))).toContain(r.id); // past, still no outcome
    expect((await listDutyBoard(prisma, fx.best, { areaId: fx.areas.area2 }, new Date('2026-12-27T12:00:00Z'))).ending.rows).toEqual([]);
    expect((await listDutyBoard(prisma, other.best, {}, new Date('2026-12-27T12:00:00Z'))).ending.rows).toEqual([]);

    // Beyond the six weeks, or before it began, is refused; so is another council.
    expect(
      (await rejection(recordReablementOutcome(prisma, fx.best, { packageId: r.id, outcome: 'INDEPENDENT', endDate: '2027-01-04' }, days(40)))).fieldErrors
        ?.endDate?.[0],
    ).toMatch(/no later than 2027-01-03/);
    expect(
      (await rejection(recordReablementOutcome(prisma, fx.best, { packageId: r.id, outcome: 'INDEPENDENT', endDate: '2026-11-22' }, days(40)))).fieldErrors
        ?.endDate,
    ).toBeTruthy();
    expect((await rejection(recordReablementOutcome(prisma, other.best, { packageId: r.id, outcome: 'INDEPENDENT' }, days(40)))).code).toBe('NOT_FOUND');

    const now = days(40);
    const result = await recordReablementOutcome(prisma, fx.best, { packageId: r.id, outcome: 'INDEPENDENT', note: 'Managing alone' }, now);
    expect(result).toEqual({ reference: r.reference, endDate: '2027-01-03', handedBackTo: null, startLongTerm: false });
    const after = await prisma.package.findFirstOrThrow({ where: { id: r.id }, include: { serviceLines: true, placements: true } });
    expect(after).toMatchObject({
      status: 'ENDED',
      reablementOutcome: 'INDEPENDENT',
      reablementOutcomeNote: 'Managing alone',
      outcomeRecordedAt: now,
      handedBackAt: null,
    });
    // Last day 3 January: stored as ending on the 4th, the first day without care (lib/package/line-dates.ts).
    expect(after.endedAt).toEqual(new Date('2027-01-04T00:00:00Z'));
    expect(after.serviceLines.map((l) => l.endDate?.toISOString().slice(0, 10))).toEqual(['2027-01-04']);
    expect(after.placements.map((p) => [p.endedAt?.toISOString().slice(0, 10), p.endReason])).toEqual([
      ['2027-01-04', 'Reablement ended: independent: no further care needed'],
    ]);
    expect(await prisma.notification.count({ where: { providerId: fx.providers.step1, kind: 'PACKAGE_ENDED' } })).toBe(1);
    // The person's page gives the outcome with the package.
    const record = await getPersonRecord(prisma, fx.broker, after.personId, '203.0.113.9');
    expect(record.packages.find((p) => p.reference === r.reference)).toMatchObject({
      status: 'ENDED',
      reablementOutcome: 'INDEPENDENT',
      reablementOutcomeNote: 'Managing alone',
    });
    expect(await ending(new Date('2026-12-27T12:00:00Z'))).not.toContain(r.id);
    expect((await rejection(recordReablementOutcome(prisma, fx.best, { packageId: r.id, outcome: 'OTHER', note: 'again' }, now))).code).toBe('CONFLICT');
  });

  it('ends early on a given day, and asks for a long-term package when one is needed and the person has none', async () => {
    const r = await placed('REABLEMENT', fx.providers.step2, T0);
    const result = await recordReablementOutcome(prisma, fx.best, { packageId: r.id, outcome: 'LONG_TERM_NEEDED', endDate: '2026-12-14' }, days(21));
    expect(result).toMatchObject({ endDate: '2026-12-14', startLongTerm: true, handedBackTo: null });
    expect((await prisma.serviceLine.findFirstOrThrow({ where: { packageId: r.id } })).endDate).toEqual(new Date('2026-12-15T00:00:00Z'));
    const timeline = await getPackageTimeline(prisma, { councilId: fx.councilId, id: r.id, createdAt: T0 });
    expect(timeline.map((t) => t.text)).toContain('Reablement outcome: long-term package needed; last day 2026-12-14');
  });
});

describe('splitting reablement from a long-term package', () => {
  it('sends only the reablement to the STEP providers, leaves the original provider’s package untouched byte for byte, and tracks the hand-back', async () => {
    const longTerm = await placed('LONG_TERM', fx.providers.locality, days(-100), {
      serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 3.5, startDate: '2026-08-15' }],
    });
    const person = (await prisma.package.findFirstOrThrow({ where: { id: longTerm.id } })).personId;
    const before = await snapshot(longTerm.id);
    expect(before.filter((r) => r.startsWith('line '))).toHaveLength(1);

    // Reablement visits a person cannot receive are refused as a package's are, naming the visit.
    await expect(
      splitForReablement(
        prisma,
        fx.best,
        {
          packageId: longTerm.id,
          startDate: '2026-11-23',
          visits: [
            { days: ['MON'], start: '12:30', minutes: 60, carers: 1 },
            { days: ['MON'], start: '13:00', minutes: 30, carers: 1 },
          ],
        },
        T0,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { 'visits.1.start': [expect.stringMatching(/overlaps visit 1 on Monday/)] } });

    const split = await splitForReablement(
      prisma,
      fx.best,
      {
        packageId: longTerm.id,
        startDate: '2026-11-23',
        readyAt: T0.toISOString(),
        visits: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '12:30', minutes: 45, carers: 2 }],
        notes: 'After hip fracture',
      },
      T0,
    );
    expect(split.outcome).toMatchObject({ kind: 'TIER', tier: 1, offers: 2 });
    const r = await prisma.package.findFirstOrThrow({ where: { id: split.id }, include: { serviceLines: true, visits: true, offers: true } });
    expect(r).toMatchObject({
      pathway: 'REABLEMENT',
      status: 'OFFERING',
      splitFromId: longTerm.id,
      personId: person,
      localityId: fx.localities.l1,
      readyAt: T0,
    });
    expect(r.serviceLines.map((l) => [l.type, Number(l.hoursPerWeek), l.doubleHanded, l.providerId])).toEqual([['REABLEMENT', 7.5, true, null]]);
    expect(r.offers.map((o) => o.providerId).sort()).toEqual([fx.providers.step1, fx.providers.step2].sort());
    expect(await snapshot(longTerm.id)).toEqual(before);
    // The original provider is told its package carries on; the board shows the split.
    expect(await prisma.notification.count({ where: { providerId: fx.providers.locality, kind: 'PACKAGE_CHANGED' } })).toBe(1);
    expect((await listDutyBoard(prisma, fx.best, {}, T0)).waiting.rows.find((w) => w.id === split.id)?.splitFrom).toBe(longTerm.reference);

    // One reablement at a time alongside a package; only placed long-term packages can be split.
    expect(
      (
        await rejection(
          splitForReablement(
            prisma,
            fx.best,
            { packageId: longTerm.id, startDate: '2026-11-23', visits: [{ days: ['MON'], start: '12:30', minutes: 30, carers: 1 }] },
            T0,
          ),
        )
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await rejection(
          splitForReablement(
            prisma,
            fx.best,
            { packageId: split.id, startDate: '2026-11-23', visits: [{ days: ['MON'], start: '12:30', minutes: 30, carers: 1 }] },
            T0,
          ),
        )
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await rejection(
          splitForReablement(
            prisma,
            other.best,
            { packageId: longTerm.id, startDate: '2026-11-23', visits: [{ days: ['MON'], start: '12:30', minutes: 30, carers: 1 }] },
            T0,
          ),
        )
      ).code,
    ).toBe('NOT_FOUND');

    // The STEP provider takes the reablement: it gets the reablement line, nothing of the original.
    const offer = r.offers.find((o) => o.providerId === fx.providers.step1)!;
    await acceptOffer(prisma, fx.providerActor(fx.providers.step1), { offerId: offer.id }, new Date(T0.getTime() + 3600_000));
    expect((await prisma.serviceLine.findFirstOrThrow({ where: { packageId: split.id } })).providerId).toBe(fx.providers.step1);
    expect(await snapshot(longTerm.id)).toEqual(before);

    const outcome = await recordReablementOutcome(
      prisma,
      fx.best,
      { packageId: split.id, outcome: 'LONG_TERM_NEEDED', note: 'Back to the assessed package' },
      days(42),
    );
    // The person already has a long-term package, so none needs starting: it resumes in full.
    expect(outcome).toMatchObject({ handedBackTo: longTerm.reference, startLongTerm: false, endDate: '2027-01-03' });
    expect((await prisma.package.findFirstOrThrow({ where: { id: split.id } })).handedBackAt).toEqual(days(42));
    expect(await snapshot(longTerm.id)).toEqual(before);
    expect(await prisma.notification.count({ where: { providerId: fx.providers.locality, kind: 'PACKAGE_CHANGED', title: { contains: 'has ended' } } })).toBe(
      1,
    );
    expect(await prisma.notification.count({ where: { userId: fx.broker.userId, title: `Reablement for ${longTerm.reference} has ended` } })).toBe(1);
    const board = await listDutyBoard(prisma, fx.best, {}, days(43));
    expect(board.handedBack.map((h) => [h.reference, h.splitFrom.reference, h.splitFrom.provider])).toEqual([
      [split.reference, longTerm.reference, expect.stringMatching(/locality care/)],
    ]);
    const timeline = (await getPackageTimeline(prisma, { councilId: fx.councilId, id: longTerm.id, createdAt: days(-100) })).map((t) => t.text);
    expect(timeline).toEqual(
      expect.arrayContaining([
        `Reablement ${split.reference} split off: this package and its provider carry on unchanged`,
        `Reablement ${split.reference} ended on 2027-01-03 (long-term package needed): handed back to this package`,
      ]),
    );
    // A new split can follow once the previous one has ended.
    const again = await splitForReablement(
      prisma,
      fx.best,
      { packageId: longTerm.id, startDate: '2027-02-01', visits: [{ days: ['MON'], start: '12:30', minutes: 30, carers: 1 }] },
      days(60),
    );
    expect(again.reference).not.toBe(split.reference);
  });
});
