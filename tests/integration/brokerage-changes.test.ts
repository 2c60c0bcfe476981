import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer, PACKAGE_CHANGED } from '@/lib/offer/accept-offer';
import { admitToHospital } from '@/lib/package/admit-to-hospital';
import { cancelPackage } from '@/lib/package/cancel-package';
import { endServiceLine } from '@/lib/package/end-service-line';
import { returnFromHospital } from '@/lib/package/return-from-hospital';
import { setRateUplift } from '@/lib/package/set-rate-uplift';
import { closeRound } from '@/lib/brokerage/close-round';
import { updateCouncilSettings } from '@/lib/brokerage/update-council-settings';
import { changePackage } from '@/lib/package/change-package';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture, rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
const now = new Date('2026-11-23T09:00:00Z');

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'CHG', localityProviders: 2 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function posted() {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
  return saved.id;
}

const evening = [{ days: ['MON' as const], start: '18:00', minutes: 45, carers: 1 as const }];

describe('changing a posted package', () => {
  it('before placement: withdraws the old offers, re-offers the new version from the first tier, and refuses the old offers', async () => {
    const id = await posted();
    const [old] = await prisma.offer.findMany({ where: { packageId: id, status: 'OFFERED' } });
    const result = await changePackage(
      prisma,
      fx.broker,
      { packageId: id, expectedVersion: 1, visits: evening, serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 0.75 }] },
      now,
    );
    expect(result).toMatchObject({ version: 2, reoffered: { kind: 'TIER', tier: 1, round: 2, offers: 2 } });
    expect(await prisma.offer.count({ where: { packageId: id, round: 1, status: 'WITHDRAWN' } })).toBe(2);
    expect(await prisma.offer.count({ where: { packageId: id, round: 2, status: 'OFFERED', packageVersion: 2 } })).toBe(2);
    expect(await prisma.serviceLine.findMany({ where: { packageId: id } })).toMatchObject([{ type: 'PERSONAL_CARE' }]);
    expect(Number((await prisma.serviceLine.findFirstOrThrow({ where: { packageId: id } })).hoursPerWeek)).toBe(0.75);
    expect((await rejection(acceptOffer(prisma, fx.providerActor(old.providerId), { offerId: old.id }, now))).message).toBe(PACKAGE_CHANGED);
    expect((await rejection(changePackage(prisma, fx.broker, { packageId: id, expectedVersion: 1, visits: evening }, now))).code).toBe('CONFLICT');
  });

  it('after placement: ends the changed line where the change starts (its last day the day before) and continues it as a new version with the same provider and rate', async () => {
    const id = await posted();
    const [offer] = await prisma.offer.findMany({ where: { packageId: id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
    await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
    const result = await changePackage(
      prisma,
      fx.broker,
      {
        packageId: id,
        expectedVersion: 2,
        visits: evening,
        serviceLines: [
          { type: 'PERSONAL_CARE', hoursPerWeek: 5 },
          { type: 'DOMESTIC', hoursPerWeek: 1 },
        ],
        effectiveDate: '2026-12-14',
      },
      now,
    );
    expect(result).toEqual({ version: 3, reoffered: null });
    const lines = await prisma.serviceLine.findMany({ where: { packageId: id }, orderBy: [{ type: 'asc' }, { startDate: 'asc' }] });
    expect(
      lines.map((l) => [
        l.type,
        Number(l.hoursPerWeek),
        l.startDate.toISOString().slice(0, 10),
        l.endDate?.toISOString().slice(0, 10) ?? null,
        l.providerId,
        Number(l.hourlyRate),
      ]),
    ).toEqual([
      // Ends are stored as the first day without care (lib/package/line-dates.ts).
      ['PERSONAL_CARE', 3, '2026-12-01', '2026-12-14', offer.providerId, 21],
      ['PERSONAL_CARE', 5, '2026-12-14', null, offer.providerId, 21],
      ['DOMESTIC', 1, '2026-12-14', null, offer.providerId, 21],
    ]);
    expect(lines[1].supersedesId).toBe(lines[0].id);
    expect(await prisma.notification.count({ where: { providerId: offer.providerId, kind: 'PACKAGE_CHANGED' } })).toBe(1);
    expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({ status: 'PLACED' });
  });
});

describe('cancelling a package', () => {
  it('withdraws its open offers and tells the providers; a placed package cannot be cancelled', async () => {
    const id = await posted();
    await cancelPackage(prisma, fx.broker, { packageId: id, reason: 'Moved to a care home' }, now);
    expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Moved to a care home',
      roundDeadline: null,
    });
    expect(await prisma.offer.count({ where: { packageId: id, status: 'WITHDRAWN' } })).toBe(2);
    expect((await rejection(cancelPackage(prisma, fx.broker, { packageId: id, reason: 'again' }, now))).message).toBe('This package is already cancelled.');
    expect((await rejection(cancelPackage(prisma, fx.broker, { packageId: id, reason: ' ' }, now))).fieldErrors).toEqual({
      reason: ['Say why the package is cancelled'],
    });

    const placed = await posted();
    const [offer] = await prisma.offer.findMany({ where: { packageId: placed, status: 'OFFERED' } });
    await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
    expect((await rejection(cancelPackage(prisma, fx.broker, { packageId: placed, reason: 'No longer needed' }, now))).message).toMatch(
      /end its service lines/,
    );
  });
});

async function placed() {
  const id = await posted();
  const [offer] = await prisma.offer.findMany({ where: { packageId: id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
  await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
  return { id, providerId: offer.providerId };
}

describe('ending service lines', () => {
  it('ends a line on its last day, and the package and placement with the last line', async () => {
    const { id, providerId } = await placed();
    await changePackage(
      prisma,
      fx.broker,
      { packageId: id, expectedVersion: 2, visits: evening, serviceLines: [{ type: 'DOMESTIC', hoursPerWeek: 1 }], effectiveDate: '2026-12-07' },
      now,
    );
    const [care, domestic] = await prisma.serviceLine.findMany({ where: { packageId: id }, orderBy: { type: 'asc' } });
    expect((await rejection(endServiceLine(prisma, fx.broker, { packageId: id, serviceLineId: care.id, endDate: '2026-11-01' }, now))).fieldErrors).toEqual({
      endDate: ['The last day must be on or after the day the service started'],
    });
    expect(await endServiceLine(prisma, fx.broker, { packageId: id, serviceLineId: domestic.id, endDate: '2026-12-20' }, now)).toEqual({ packageEnded: false });
    expect(await endServiceLine(prisma, fx.broker, { packageId: id, serviceLineId: care.id, endDate: '2026-12-31' }, now)).toEqual({ packageEnded: true });
    expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({ status: 'ENDED', endedAt: new Date('2027-01-01T00:00:00Z') });
    expect(await prisma.placement.findFirstOrThrow({ where: { packageId: id } })).toMatchObject({
      endedAt: new Date('2027-01-01T00:00:00Z'),
      endReason: 'SERVICE_ENDED',
    });
    expect((await prisma.serviceLine.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: care.id } } })).endDate).toEqual(
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(await prisma.notification.count({ where: { providerId, kind: 'PACKAGE_ENDED' } })).toBe(1);
  });
});

describe('hospital retainers', () => {
  it('holds the package while the person is in hospital and resumes it when the provider takes them back', async () => {
    const { id } = await placed();
    expect(await admitToHospital(prisma, fx.broker, { packageId: id, admittedOn: '2026-12-10' }, now)).toMatchObject({ retainerUntil: '2027-01-06' });
    expect((await rejection(admitToHospital(prisma, fx.broker, { packageId: id, admittedOn: '2026-12-11' }, now))).code).toBe('CONFLICT');
    expect((await rejection(admitToHospital(prisma, fx.broker, { packageId: id, admittedOn: '2026-12-11', retainerDays: 40 }, now))).fieldErrors).toEqual({
      retainerDays: ['A retainer lasts at most 28 days'],
    });
    expect(await returnFromHospital(prisma, fx.broker, { packageId: id, returnedOn: '2026-12-20', outcome: 'RESUMED' }, now)).toEqual({
      outcome: 'RESUMED',
      reoffered: null,
    });
    expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({ status: 'PLACED' });
    expect(await prisma.hospitalStay.findFirstOrThrow({ where: { packageId: id } })).toMatchObject({
      outcome: 'RESUMED',
      returnedOn: new Date('2026-12-20T00:00:00Z'),
    });
  });

  it('re-brokers a package its provider hands back, without asking that provider again', async () => {
    const { id, providerId } = await placed();
    await admitToHospital(prisma, fx.broker, { packageId: id, admittedOn: '2026-12-10', retainerDays: 14 }, now);
    const result = await returnFromHospital(prisma, fx.broker, { packageId: id, returnedOn: '2026-12-22', outcome: 'HANDED_BACK' }, now);
    expect(result.reoffered).toMatchObject({ kind: 'TIER', tier: 1, offers: 1 });
    const pkg = await prisma.package.findFirstOrThrow({ where: { id } });
    expect(pkg).toMatchObject({ status: 'OFFERING', version: 3 });
    const open = await prisma.offer.findMany({ where: { packageId: id, status: 'OFFERED' } });
    expect(open.map((o) => o.providerId)).not.toContain(providerId);
    expect(await prisma.placement.findFirstOrThrow({ where: { packageId: id } })).toMatchObject({
      endReason: 'HANDED_BACK',
      endedAt: new Date('2026-12-22T00:00:00Z'),
    });
    const lines = await prisma.serviceLine.findMany({ where: { packageId: id }, orderBy: { startDate: 'asc' } });
    expect(lines.map((l) => [l.startDate.toISOString().slice(0, 10), l.endDate?.toISOString().slice(0, 10) ?? null, l.providerId])).toEqual([
      ['2026-12-01', '2026-12-22', providerId],
      ['2026-12-22', null, null],
    ]);
    // The new provider can take it.
    const taken = await acceptOffer(prisma, fx.providerActor(open[0].providerId), { offerId: open[0].id }, now);
    expect(taken.packageId).toBe(id);
    expect(await prisma.placement.count({ where: { packageId: id, endedAt: null } })).toBe(1);
    const after = await prisma.serviceLine.findMany({ where: { packageId: id }, orderBy: { startDate: 'asc' } });
    expect(after.map((l) => l.providerId)).toEqual([providerId, open[0].providerId]);
  });

  it('a hand-back leaves a line that ended by the day of return as it was, with no empty version after it', async () => {
    const { id, providerId } = await placed();
    await changePackage(
      prisma,
      fx.broker,
      { packageId: id, expectedVersion: 2, visits: evening, serviceLines: [{ type: 'DOMESTIC', hoursPerWeek: 1 }], effectiveDate: '2026-12-07' },
      now,
    );
    const domestic = await prisma.serviceLine.findFirstOrThrow({ where: { packageId: id, type: 'DOMESTIC' } });
    // Its last day is the day before the person comes home: it ends (exclusively) on the day of return.
    await endServiceLine(prisma, fx.broker, { packageId: id, serviceLineId: domestic.id, endDate: '2026-12-21' }, now);
    await admitToHospital(prisma, fx.broker, { packageId: id, admittedOn: '2026-12-10', retainerDays: 14 }, now);
    await returnFromHospital(prisma, fx.broker, { packageId: id, returnedOn: '2026-12-22', outcome: 'HANDED_BACK' }, now);
    const lines = await prisma.serviceLine.findMany({ where: { packageId: id }, orderBy: [{ type: 'asc' }, { startDate: 'asc' }] });
    expect(lines.map((l) => [l.type, l.startDate.toISOString().slice(0, 10), l.endDate?.toISOString().slice(0, 10) ?? null, l.providerId])).toEqual([
      ['PERSONAL_CARE', '2026-12-01', '2026-12-22', providerId],
      ['PERSONAL_CARE', '2026-12-22', null, null],
      ['DOMESTIC', '2026-12-07', '2026-12-22', providerId],
    ]);
  });
});

describe('escalation levers', () => {
  it('a rate uplift is paid on the offers of the next round, not on those already out', async () => {
    const id = await posted();
    await setRateUplift(prisma, fx.broker, { packageId: id, uplift: 1.5 }, now);
    expect((await rejection(setRateUplift(prisma, fx.broker, { packageId: id, uplift: 1.555 }, now))).fieldErrors).toEqual({
      uplift: ['Enter the uplift in pounds and pence, like 1.50'],
    });
    await closeRound(prisma, { councilId: fx.councilId, packageId: id, round: 1 }, new Date(now.getTime() + 25 * 3_600_000));
    const offers = await prisma.offer.findMany({ where: { packageId: id }, orderBy: [{ round: 'asc' }, { rank: 'asc' }] });
    expect(offers.map((o) => [o.round, Number(o.hourlyRate)])).toEqual([
      [1, 21],
      [1, 21.01],
      [2, 23.5],
    ]);
  });

  it('council admins change the offer deadlines; brokers cannot', async () => {
    const admin = { ...fx.broker, role: 'ADMIN' as const, mfaEnabled: true };
    const settings = await updateCouncilSettings(prisma, admin, { offerMinutesHospitalDischarge: 45, offerMinutesReablement: 240, offerMinutesLongTerm: 720 });
    expect(settings.offerMinutes).toEqual({ HOSPITAL_DISCHARGE: 45, REABLEMENT: 240, LONG_TERM: 720 });
    expect(
      (await rejection(updateCouncilSettings(prisma, fx.broker, { offerMinutesHospitalDischarge: 45, offerMinutesReablement: 240, offerMinutesLongTerm: 720 })))
        .code,
    ).toBe('FORBIDDEN');
    const id = await posted();
    expect((await prisma.package.findFirstOrThrow({ where: { id } })).roundDeadline).toEqual(new Date(now.getTime() + 720 * 60_000));
    expect(await prisma.auditEvent.count({ where: { action: 'council.settings-updated' } })).toBe(1);
  });
});
