import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRound } from '@/lib/brokerage/close-round';
import { listDutyBoard } from '@/lib/duty/list-duty-board';
import { pushPackage } from '@/lib/duty/push-package';
import { recordPhoneContact } from '@/lib/duty/record-phone-contact';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { declineOffer } from '@/lib/offer/decline-offer';
import { getPackageTimeline } from '@/lib/package/get-package-timeline';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { buildDutyCouncil, dutyDraft, type TDutyFixture } from './support/duty-fixtures';

let prisma: PrismaClient;
let fx: TDutyFixture;
let other: TDutyFixture;

const MIN = 60_000;
// Monday 23 November 2026, 09:00 London (GMT).
const T0 = new Date('2026-11-23T09:00:00Z');
const plus = (minutes: number, from = T0) => new Date(from.getTime() + minutes * MIN);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildDutyCouncil(prisma, 'DTY');
  other = await buildDutyCouncil(prisma, 'OTH');
  // The council answers discharges within 20 minutes and reablement within 2 hours.
  await prisma.councilSetting.create({ data: { councilId: fx.councilId, offerMinutesHospitalDischarge: 20, offerMinutesReablement: 120 } });
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function draft(pathway: 'HOSPITAL_DISCHARGE' | 'REABLEMENT' | 'LONG_TERM', readyAt: Date | null, overrides: Record<string, unknown> = {}, f = fx) {
  return saveDraftPackage(prisma, f.best, { draft: dutyDraft(f, pathway, { ...(readyAt ? { readyAt: readyAt.toISOString() } : {}), ...overrides }) });
}

const rowOf = async (id: string, now: Date, filters = {}) => (await listDutyBoard(prisma, fx.best, filters, now)).waiting.rows.find((r) => r.id === id);

describe('the duty board clocks', () => {
  it('a BRI discharge is on time at 89 minutes, at risk at 90, and breached after 120; other demand at 179, 180 and after 240', async () => {
    const discharge = await draft('HOSPITAL_DISCHARGE', T0);
    const reablement = await draft('REABLEMENT', T0);
    const state = async (id: string, minutes: number) => (await rowOf(id, plus(minutes)))?.clock.state;

    expect(await state(discharge.id, 89)).toBe('ON_TIME');
    expect(await state(discharge.id, 90)).toBe('AT_RISK');
    expect(await state(discharge.id, 120)).toBe('AT_RISK');
    expect(await state(discharge.id, 121)).toBe('BREACHED');
    expect(await state(reablement.id, 179)).toBe('ON_TIME');
    expect(await state(reablement.id, 180)).toBe('AT_RISK');
    expect(await state(reablement.id, 240)).toBe('AT_RISK');
    expect(await state(reablement.id, 241)).toBe('BREACHED');

    const row = (await rowOf(discharge.id, plus(30)))!;
    expect(row.clock).toMatchObject({ targetMinutes: 120, source: 'READY', startedAt: T0 });
    expect(row.hospital?.code).toBe('BRI');
    expect((await rowOf(reablement.id, plus(30)))!.clock.targetMinutes).toBe(240);

    // The counts over the whole board agree with the rows, minute by minute.
    const at121 = await listDutyBoard(prisma, fx.best, {}, plus(121));
    expect(at121.waiting.counts).toEqual({ BREACHED: 1, AT_RISK: 0, ON_TIME: 1 });
    const at180 = await listDutyBoard(prisma, fx.best, {}, plus(180));
    expect(at180.waiting.counts).toEqual({ BREACHED: 1, AT_RISK: 1, ON_TIME: 0 });
    // Most urgent first: the discharge is due at 11:00, the reablement at 13:00.
    expect(at121.waiting.rows.map((r) => r.id)).toEqual([discharge.id, reablement.id]);

    await prisma.package.updateMany({ where: { id: { in: [discharge.id, reablement.id] } }, data: { status: 'CANCELLED' } });
  });

  it('lists only waiting discharge and reablement packages of the actor’s council, filtered by hospital and STEP area, with late-Friday ones marked', async () => {
    // Friday 27 November 2026, 16:00 London: late Friday.
    const friday = new Date('2026-11-27T16:00:00Z');
    const bri = await draft('HOSPITAL_DISCHARGE', friday);
    const agh = await draft('HOSPITAL_DISCHARGE', plus(5), { hospitalId: fx.hospitals.agh });
    const area2 = await draft('REABLEMENT', plus(10), { localityId: fx.localities.l2 });
    const longTerm = await draft('LONG_TERM', plus(10));
    const elsewhere = await draft('HOSPITAL_DISCHARGE', plus(10), {}, other);
    const now = new Date('2026-11-27T16:30:00Z');

    const board = await listDutyBoard(prisma, fx.best, {}, now);
    const ids = board.waiting.rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([bri.id, agh.id, area2.id]));
    expect(ids).not.toContain(longTerm.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(board.waiting.rows.find((r) => r.id === bri.id)!.lateFriday).toBe(true);
    expect(board.waiting.rows.find((r) => r.id === agh.id)!.lateFriday).toBe(false);
    expect(board.waiting.rows.find((r) => r.id === area2.id)!.area).toMatch(/DTY L2/);
    // Two STEP areas: L1 (two providers share it) and L2.
    expect(board.areas.map((a) => [a.localityIds, a.providers.length])).toEqual([
      [[fx.localities.l1], 2],
      [[fx.localities.l2], 1],
    ]);
    expect(board.areas.find((a) => a.localityIds.includes(fx.localities.l2))?.id).toBe(fx.areas.area2);

    expect((await listDutyBoard(prisma, fx.best, { hospitalId: fx.hospitals.agh }, now)).waiting.rows.map((r) => r.id)).toEqual([agh.id]);
    expect((await listDutyBoard(prisma, fx.best, { areaId: fx.areas.area2 }, now)).waiting.rows.map((r) => r.id)).toEqual([area2.id]);
    // Another council's hospital does not filter this council's board.
    expect((await listDutyBoard(prisma, fx.best, { hospitalId: other.hospitals.agh }, now)).filters.hospitalId).toBeNull();
    expect((await listDutyBoard(prisma, other.best, {}, now)).waiting.rows.map((r) => r.id)).toEqual([elsewhere.id]);

    await prisma.package.updateMany({ where: { id: { in: [bri.id, agh.id, area2.id, longTerm.id, elsewhere.id] } }, data: { status: 'CANCELLED' } });
  });
});

describe('pushing a package', () => {
  it('posts a draft discharge and offers it at once to the BRI discharge provider and the STEP providers, with the council’s discharge deadline', async () => {
    const d = await draft('HOSPITAL_DISCHARGE', T0);
    const result = await pushPackage(prisma, fx.best, { packageId: d.id }, plus(5));
    expect(result).toMatchObject({ posted: true, postedOffers: 1, round: 1, reminded: [] });
    const offers = await prisma.offer.findMany({ where: { packageId: d.id }, orderBy: { rank: 'asc' } });
    expect(offers.map((o) => [o.providerId, o.tier, o.round])).toEqual([
      [fx.providers.dischargeBri, 1, 1],
      [fx.providers.step1, 2, 1],
      [fx.providers.step2, 2, 1],
    ]);
    for (const o of offers) expect(o.deadline).toEqual(plus(25));
    expect(offers.find((o) => o.providerId === fx.providers.step1)!.reasons[0]).toBe('Pushed by the duty team');
    expect(result.offered.length).toBe(2);
    // Nothing that identifies the person reaches the providers before award.
    const notes = await prisma.notification.findMany({ where: { providerId: { in: [fx.providers.step1, fx.providers.step2] } } });
    expect(notes.length).toBe(2);
    for (const n of notes) expect(`${n.title} ${n.body}`).not.toMatch(/Ida|Dutytest|BD9/);

    // The board shows who has been offered what in the current round.
    const row = (await rowOf(d.id, plus(6)))!;
    expect(row.status).toBe('OFFERING');
    expect(row.offers.map((o) => o.providerId).sort()).toEqual([fx.providers.dischargeBri, fx.providers.step1, fx.providers.step2].sort());
    await prisma.package.update({ where: { councilId_id: { councilId: fx.councilId, id: d.id } }, data: { status: 'CANCELLED' } });
  });

  it('never makes a second offer to a provider in the round, even when two people push at once, and reminds those already asked', async () => {
    const d = await draft('HOSPITAL_DISCHARGE', T0);
    await postPackage(prisma, fx.broker, { packageId: d.id }, T0);
    expect(await prisma.offer.count({ where: { packageId: d.id } })).toBe(1); // round 1: the BRI discharge provider only
    const [a, b] = await Promise.all([
      pushPackage(prisma, fx.best, { packageId: d.id }, plus(10)),
      pushPackage(prisma, fx.broker, { packageId: d.id }, plus(10)),
    ]);
    expect(a.offered.length + b.offered.length).toBe(2);
    // The discharge provider's offer has been open 10 minutes: reminded once, not by both pushes.
    expect([...a.reminded, ...b.reminded]).toHaveLength(1);
    const again = await pushPackage(prisma, fx.best, { packageId: d.id }, plus(11));
    expect(again).toMatchObject({ offered: [], reminded: [] });
    // Ten minutes on, the STEP providers that have not answered are reminded.
    const later = await pushPackage(prisma, fx.best, { packageId: d.id }, plus(21));
    expect(later.offered).toEqual([]);
    expect(later.reminded.length).toBe(2);
    expect(await prisma.notification.count({ where: { providerId: fx.providers.step1, title: { startsWith: 'Reminder' } } })).toBe(1);
    const perProvider = await prisma.offer.groupBy({ by: ['providerId', 'round'], where: { packageId: d.id }, _count: true });
    expect(perProvider.every((g) => g._count === 1)).toBe(true);
    expect(perProvider.length).toBe(3);

    // The round was due at 09:20; the STEP offers made at 09:10 run to 09:30, so the round waits for them.
    const pkg = await prisma.package.findFirstOrThrow({ where: { id: d.id } });
    expect(pkg.roundDeadline).toEqual(plus(30));
    expect((await closeRound(prisma, { councilId: fx.councilId, packageId: d.id, round: 1 }, plus(22))).closed).toBe(false);
    // Offers already out keep their own deadline: the discharge provider's still closes at 09:20.
    expect((await prisma.offer.findFirstOrThrow({ where: { packageId: d.id, providerId: fx.providers.dischargeBri } })).deadline).toEqual(plus(20));
    const closed = await closeRound(prisma, { councilId: fx.councilId, packageId: d.id, round: 1 }, plus(30));
    // The STEP tier was asked in round 1, so round 2 goes to the next tier (locality).
    expect(closed).toMatchObject({ closed: true, next: { kind: 'TIER', tier: 3 } });
    await prisma.package.update({ where: { councilId_id: { councilId: fx.councilId, id: d.id } }, data: { status: 'CANCELLED' } });
  });

  it('does not ask again a STEP provider that declined this package, and uses the discharge deadline for reablement too', async () => {
    const d = await draft('REABLEMENT', T0);
    await postPackage(prisma, fx.broker, { packageId: d.id }, T0);
    const step1Offer = await prisma.offer.findFirstOrThrow({ where: { packageId: d.id, providerId: fx.providers.step1 } });
    await declineOffer(prisma, fx.providerActor(fx.providers.step1), { offerId: step1Offer.id, reason: 'NO_CAPACITY' }, plus(5));
    const result = await pushPackage(prisma, fx.best, { packageId: d.id }, plus(6));
    // step1 declined; step2's offer is only 6 minutes old, too soon for a reminder.
    expect(result).toMatchObject({ offered: [], reminded: [] });
    // step2 declines too: the round closes and moves to the locality tier; a push then offers no STEP provider again.
    const step2Offer = await prisma.offer.findFirstOrThrow({ where: { packageId: d.id, providerId: fx.providers.step2 } });
    await declineOffer(prisma, fx.providerActor(fx.providers.step2), { offerId: step2Offer.id, reason: 'TIMES' }, plus(7));
    const after = await pushPackage(prisma, fx.best, { packageId: d.id }, plus(8));
    expect(after.round).toBe(2);
    expect(after.offered).toEqual([]);
    expect(await prisma.offer.count({ where: { packageId: d.id, providerId: { in: [fx.providers.step1, fx.providers.step2] } } })).toBe(2);
    await prisma.package.update({ where: { councilId_id: { councilId: fx.councilId, id: d.id } }, data: { status: 'CANCELLED' } });
  });

  it('pushes a reablement package whose STEP offers lapsed again, with the short discharge deadline', async () => {
    const d = await draft('REABLEMENT', T0);
    await postPackage(prisma, fx.broker, { packageId: d.id }, T0);
    await closeRound(prisma, { councilId: fx.councilId, packageId: d.id, round: 1 }, plus(120)); // STEP offers expire, round 2: locality
    const result = await pushPackage(prisma, fx.best, { packageId: d.id }, plus(121));
    expect(result.round).toBe(2);
    expect(result.offered.length).toBe(2);
    const pushed = await prisma.offer.findMany({ where: { packageId: d.id, round: 2, providerId: { in: [fx.providers.step1, fx.providers.step2] } } });
    expect(pushed.map((o) => o.deadline)).toEqual([plus(141), plus(141)]);
    await prisma.package.update({ where: { councilId_id: { councilId: fx.councilId, id: d.id } }, data: { status: 'CANCELLED' } });
  });

  it('refuses long-term packages, placed packages and other councils’ packages', async () => {
    const longTerm = await draft('LONG_TERM', T0);
    expect((await rejection(pushPackage(prisma, fx.best, { packageId: longTerm.id }, plus(1)))).code).toBe('CONFLICT');
    const d = await draft('HOSPITAL_DISCHARGE', T0);
    await pushPackage(prisma, fx.best, { packageId: d.id }, plus(1));
    const offer = await prisma.offer.findFirstOrThrow({ where: { packageId: d.id, providerId: fx.providers.step1 } });
    await acceptOffer(prisma, fx.providerActor(fx.providers.step1), { offerId: offer.id }, plus(2));
    expect((await rejection(pushPackage(prisma, fx.best, { packageId: d.id }, plus(3)))).code).toBe('CONFLICT');
    expect((await rejection(pushPackage(prisma, other.best, { packageId: d.id }, plus(3)))).code).toBe('NOT_FOUND');
    expect(await rowOf(d.id, plus(3))).toBeUndefined();
  });
});

describe('phone contacts', () => {
  it('records a call to a provider offered the package, shows it on the board and the timeline, and keeps it within the council', async () => {
    const d = await draft('HOSPITAL_DISCHARGE', T0);
    await pushPackage(prisma, fx.best, { packageId: d.id }, plus(1));
    const { id } = await recordPhoneContact(
      prisma,
      fx.best,
      { packageId: d.id, providerId: fx.providers.step2, outcome: 'CALL_BACK', notes: 'Manager rings back by 10:00' },
      plus(3),
    );
    const saved = await prisma.phoneContact.findFirstOrThrow({ where: { id } });
    expect(saved).toMatchObject({
      councilId: fx.councilId,
      packageId: d.id,
      providerId: fx.providers.step2,
      userId: fx.best.userId,
      outcome: 'CALL_BACK',
      at: plus(3),
    });

    const row = (await rowOf(d.id, plus(4)))!;
    expect(row.calls).toMatchObject([{ outcome: 'CALL_BACK', notes: 'Manager rings back by 10:00', by: 'Bo Best' }]);
    expect(row.calls[0].provider).toMatch(/step care/);
    expect(row.callCount).toBe(1);
    // Providers covering the area that were not offered it are there to ring too; another area's STEP provider is not.
    expect(row.callTargets.map((t) => t.providerId)).toEqual(expect.arrayContaining([fx.providers.step1, fx.providers.locality, fx.providers.spot]));
    expect(row.callTargets.map((t) => t.providerId)).not.toContain(fx.providers.stepArea2);

    // A provider covering the locality but not offered it may be rung; one for another area may not.
    await recordPhoneContact(prisma, fx.best, { packageId: d.id, providerId: fx.providers.locality, outcome: 'NO_ANSWER' }, plus(5));
    const wrong = await rejection(recordPhoneContact(prisma, fx.best, { packageId: d.id, providerId: fx.providers.stepArea2, outcome: 'AGREED' }, plus(5)));
    expect(wrong.fieldErrors?.providerId).toBeTruthy();
    expect(
      (await rejection(recordPhoneContact(prisma, fx.best, { packageId: d.id, providerId: fx.providers.step1, outcome: 'OTHER' }, plus(5)))).fieldErrors?.notes,
    ).toBeTruthy();
    expect(
      (await rejection(recordPhoneContact(prisma, other.best, { packageId: d.id, providerId: fx.providers.step1, outcome: 'AGREED' }, plus(5)))).code,
    ).toBe('NOT_FOUND');
    expect(await prisma.phoneContact.count({ where: { packageId: d.id } })).toBe(2);

    const timeline = await getPackageTimeline(prisma, { councilId: fx.councilId, id: d.id, createdAt: T0 });
    expect(timeline.map((t) => t.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Phoned .*step care.*: will call back \(Manager rings back by 10:00\)$/),
        expect.stringMatching(/^Pushed by the duty team: 2 new offers/),
      ]),
    );
    expect(await prisma.auditEvent.count({ where: { entityId: d.id, action: 'package.phone-contact' } })).toBe(2);
  });
});
