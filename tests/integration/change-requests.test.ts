import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { approvePackage } from '@/lib/approval/approve-package';
import { listApprovalHistory } from '@/lib/approval/approval-history';
import { setApprovalLimit, setApprovalRules } from '@/lib/approval/set-approval-rules';
import { decideChangeRequest } from '@/lib/change-request/decide-change-request';
import { listChangeRequests, listProviderChangeRequests } from '@/lib/change-request/list-change-requests';
import { requestChange } from '@/lib/change-request/request-change';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { changePackage } from '@/lib/package/change-package';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// Provider change requests and approval within limits, on a controlled clock: every operation is
// handed the moment it runs at.

let prisma: PrismaClient;
let fx: TFixture;
let admin: TCouncilActor;
let low: TCouncilActor; // may approve up to £10,000 a year
let high: TCouncilActor; // up to £20,000
const placedAt = new Date('2026-11-23T09:00:00Z');
const today = new Date('2026-12-10T10:00:00Z');

async function councilUser(role: 'BROKER' | 'BEST' | 'ADMIN', name: string): Promise<TCouncilActor> {
  const u = await prisma.user.create({ data: { email: `${name.toLowerCase().replace(/ /g, '.')}@cr.example`, name, role, councilId: fx.councilId } });
  return { userId: u.id, email: u.email, name, role, councilId: fx.councilId, providerId: null, providerManager: false, mfaEnabled: true };
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'CR', localityProviders: 2 });
  admin = await councilUser('ADMIN', 'Ada Admin');
  low = await councilUser('BROKER', 'Lee Lowlimit');
  high = await councilUser('BEST', 'Hana Highlimit');
  await setApprovalLimit(prisma, admin, { userId: low.userId, yearlyLimit: 10_000 });
  await setApprovalLimit(prisma, admin, { userId: high.userId, yearlyLimit: 20_000 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A long-term package placed with the first locality provider at £21 an hour: 3 hours a week of personal care from 1 December. */
async function placed() {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, placedAt);
  const [offer] = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
  await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, placedAt);
  const pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
  expect(offer.providerId).toBe(fx.locality[0]);
  return { id: saved.id, reference: pkg.reference, provider: fx.providerActor(offer.providerId) };
}

const morning = { days: ['MON', 'WED', 'FRI'] as ('MON' | 'WED' | 'FRI')[], start: '07:30', minutes: 60, carers: 1 as const };
const evening = { days: ['MON', 'WED', 'FRI'] as ('MON' | 'WED' | 'FRI')[], start: '18:00', minutes: 30, carers: 1 as const };

const lines = (packageId: string) =>
  prisma.serviceLine
    .findMany({ where: { packageId }, orderBy: [{ startDate: 'asc' }] })
    .then((ls) =>
      ls.map((l) => ({ hours: Number(l.hoursPerWeek), from: l.startDate.toISOString().slice(0, 10), to: l.endDate?.toISOString().slice(0, 10) ?? null, l })),
    );

describe('a provider asks for a change', () => {
  it('cannot backdate it: from last month is refused, from tomorrow is accepted and queued, and approval applies it from its date as new versions', async () => {
    const pkg = await placed();
    const ask = {
      reference: pkg.reference,
      reason: 'Needs help with tea as well',
      visits: [morning, evening],
      serviceLines: [{ type: 'PERSONAL_CARE' as const, hoursPerWeek: 4.5 }],
    };

    const backdated = await rejection(requestChange(prisma, pkg.provider, { ...ask, startDate: '2026-11-16' }, today));
    expect(backdated.code).toBe('VALIDATION');
    expect(backdated.fieldErrors?.startDate?.[0]).toMatch(/cannot be backdated/);
    // The database holds the same rule: a row dated before the day it was asked for is refused.
    await expect(
      prisma.changeRequest.create({
        data: {
          councilId: fx.councilId,
          packageId: pkg.id,
          providerId: pkg.provider.providerId,
          requestedAt: today,
          startDate: new Date('2026-11-16'),
          reason: 'x',
          visits: [],
          serviceLines: [],
          previousVisits: [],
          previousLines: [],
          weeklyCostChange: 0,
        },
      }),
    ).rejects.toThrow(/ChangeRequest_not_backdated/);
    expect(await prisma.changeRequest.count({ where: { packageId: pkg.id } })).toBe(0);

    const made = await requestChange(prisma, pkg.provider, { ...ask, startDate: '2026-12-11' }, today);
    // 1.5 more carer-hours a week at £21.
    expect(made.weeklyCostChange).toBe(31.5);
    // A second request waits for the first.
    expect((await rejection(requestChange(prisma, pkg.provider, { ...ask, startDate: '2026-12-12' }, today))).code).toBe('CONFLICT');

    // In the brokers' queue two days later, with its age and yearly cost (weekly × 52).
    const queue = await listChangeRequests(prisma, low, new Date('2026-12-12T12:00:00Z'));
    const row = queue.find((r) => r.id === made.id)!;
    expect(row).toMatchObject({ reference: pkg.reference, ageDays: 2, yearlyCost: 1638, startDate: '2026-12-11', canApprove: true });
    // The broker who posted the package was told.
    expect(await prisma.notification.count({ where: { userId: fx.broker.userId, kind: 'CHANGE_REQUESTED' } })).toBe(1);

    const decided = await decideChangeRequest(prisma, low, { changeRequestId: made.id, decision: 'APPROVED' }, new Date('2026-12-12T12:00:00Z'));
    expect(decided).toMatchObject({ outcome: 'APPROVED', yearlyCost: 1638, version: 3 });
    const after = await lines(pkg.id);
    expect(after.map(({ hours, from, to }) => ({ hours, from, to }))).toEqual([
      { hours: 3, from: '2026-12-01', to: '2026-12-11' },
      { hours: 4.5, from: '2026-12-11', to: null },
    ]);
    expect(after[1].l.supersedesId).toBe(after[0].l.id);
    expect(Number(after[1].l.hourlyRate)).toBe(21);
    expect(after[1].l.providerId).toBe(pkg.provider.providerId);

    // The provider sees the outcome; the package's approval history has the decision.
    const mine = await listProviderChangeRequests(prisma, pkg.provider);
    expect(mine.find((r) => r.id === made.id)).toMatchObject({ status: 'APPROVED', reference: pkg.reference });
    expect(await prisma.notification.count({ where: { providerId: pkg.provider.providerId, kind: 'CHANGE_DECIDED' } })).toBe(1);
    expect((await listApprovalHistory(prisma, fx.councilId, pkg.id)).map((h) => [h.decision, h.yearlyCost, h.decidedBy])).toEqual([
      ['APPROVED', 1638, 'Lee Lowlimit'],
    ]);
    expect(await prisma.auditEvent.count({ where: { entityId: made.id, action: { in: ['change-request.made', 'change-request.decided'] } } })).toBe(2);
    // Decided once.
    expect((await rejection(decideChangeRequest(prisma, high, { changeRequestId: made.id, decision: 'REFUSED', note: 'No' }, today))).code).toBe('CONFLICT');

    // A later request compares with the visits in force on its day, not with versions already ended:
    // the evening visit ends from 14 December, so asking again from the 16th for the morning alone changes nothing.
    const later = new Date('2026-12-13T10:00:00Z');
    const drop = await requestChange(
      prisma,
      pkg.provider,
      { ...ask, startDate: '2026-12-14', visits: [morning], serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 3 }] },
      later,
    );
    await decideChangeRequest(prisma, low, { changeRequestId: drop.id, decision: 'APPROVED' }, later);
    const again = await rejection(
      requestChange(
        prisma,
        pkg.provider,
        { ...ask, startDate: '2026-12-16', visits: [morning], serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 3 }] },
        later,
      ),
    );
    expect(again.fieldErrors?.visits?.[0]).toBe('Change a visit or the hours you are asking for');
    const back = await requestChange(prisma, pkg.provider, { ...ask, startDate: '2026-12-16' }, later);
    const stored = await prisma.changeRequest.findFirstOrThrow({ where: { id: back.id } });
    expect((stored.previousVisits as { start: string }[]).map((v) => v.start)).toEqual(['07:30']);
  });

  it('is refused with a reason, or held for an assessment, and the provider is told; nothing changes', async () => {
    const pkg = await placed();
    const ask = { reference: pkg.reference, reason: 'More time needed', startDate: '2026-12-15', visits: [{ ...morning, minutes: 90 }] };
    const first = await requestChange(prisma, pkg.provider, ask, today);
    // No hours given: the one line takes the visits' extra 1.5 carer-hours.
    expect(first.weeklyCostChange).toBe(31.5);
    expect((await rejection(decideChangeRequest(prisma, low, { changeRequestId: first.id, decision: 'REFUSED' }, today))).fieldErrors).toEqual({
      note: ['Say why the request is refused'],
    });
    await decideChangeRequest(prisma, low, { changeRequestId: first.id, decision: 'REFUSED', note: 'The review found the current visits enough' }, today);
    const second = await requestChange(prisma, pkg.provider, ask, today);
    await decideChangeRequest(prisma, low, { changeRequestId: second.id, decision: 'NEEDS_ASSESSMENT', note: 'An OT will visit' }, today);
    expect(
      (await listProviderChangeRequests(prisma, pkg.provider)).filter((r) => r.reference === pkg.reference).map((r) => [r.status, r.decisionNote]),
    ).toEqual([
      ['NEEDS_ASSESSMENT', 'An OT will visit'],
      ['REFUSED', 'The review found the current visits enough'],
    ]);
    expect((await lines(pkg.id)).map((l) => l.hours)).toEqual([3]);
  });
});

describe('approval within limits', () => {
  it('a £10,000 limit approves a change costing about £9,000 a year; one costing about £11,000 goes to the next approver, and waits until they approve it', async () => {
    const a = await placed();
    // 8.25 more hours a week at £21: £173.25 a week, £9,009 a year.
    const small = await requestChange(
      prisma,
      a.provider,
      {
        reference: a.reference,
        reason: 'Daily lunch call',
        startDate: '2026-12-14',
        visits: [morning, evening],
        serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 11.25 }],
      },
      today,
    );
    expect(await decideChangeRequest(prisma, low, { changeRequestId: small.id, decision: 'APPROVED' }, today)).toMatchObject({
      outcome: 'APPROVED',
      yearlyCost: 9009,
    });

    const b = await placed();
    // 10 more hours a week at £21: £210 a week, £10,920 a year.
    const big = await requestChange(
      prisma,
      b.provider,
      {
        reference: b.reference,
        reason: 'Twice-daily calls',
        startDate: '2026-12-14',
        visits: [morning, evening],
        serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 13 }],
      },
      today,
    );
    const referred = await decideChangeRequest(prisma, low, { changeRequestId: big.id, decision: 'APPROVED' }, today);
    expect(referred).toEqual({ outcome: 'REFERRED', yearlyCost: 10920, referredTo: ['Hana Highlimit'] });
    // Awaiting approval: not applied, and the approver above was told.
    expect((await lines(b.id)).map((l) => [l.hours, l.to])).toEqual([[3, null]]);
    expect(await prisma.changeRequest.findFirstOrThrow({ where: { id: big.id } })).toMatchObject({ status: 'REFERRED' });
    expect(await prisma.notification.count({ where: { userId: high.userId, kind: 'APPROVAL_NEEDED' } })).toBe(1);
    expect((await listChangeRequests(prisma, low, today)).find((r) => r.id === big.id)).toMatchObject({ canApprove: false, status: 'REFERRED' });
    expect((await listChangeRequests(prisma, high, today)).find((r) => r.id === big.id)).toMatchObject({ canApprove: true });

    const nextDay = new Date('2026-12-11T09:00:00Z');
    expect(await decideChangeRequest(prisma, high, { changeRequestId: big.id, decision: 'APPROVED' }, nextDay)).toMatchObject({
      outcome: 'APPROVED',
      yearlyCost: 10920,
    });
    expect((await lines(b.id)).map((l) => [l.hours, l.to])).toEqual([
      [3, '2026-12-14'],
      [13, null],
    ]);
    expect((await listApprovalHistory(prisma, fx.councilId, b.id)).map((h) => [h.decision, h.approverLimit, h.decidedBy])).toEqual([
      ['REFERRED', 10_000, 'Lee Lowlimit'],
      ['APPROVED', 20_000, 'Hana Highlimit'],
    ]);
  });

  it('a decrease needs no limit, but a user without one cannot approve an increase', async () => {
    const pkg = await placed();
    const down = await requestChange(
      prisma,
      pkg.provider,
      { reference: pkg.reference, reason: 'Managing mornings alone', startDate: '2026-12-14', visits: [{ ...morning, days: ['MON', 'FRI'] }] },
      today,
    );
    expect(down.weeklyCostChange).toBe(-21);
    // fx.broker has no approval limit: a decrease costs nothing to agree.
    expect(await decideChangeRequest(prisma, fx.broker, { changeRequestId: down.id, decision: 'APPROVED' }, today)).toMatchObject({
      outcome: 'APPROVED',
      yearlyCost: 0,
    });
    const up = await requestChange(
      prisma,
      pkg.provider,
      { reference: pkg.reference, reason: 'Back to three', startDate: '2026-12-21', visits: [morning] },
      today,
    );
    expect(await decideChangeRequest(prisma, fx.broker, { changeRequestId: up.id, decision: 'APPROVED' }, today)).toMatchObject({ outcome: 'REFERRED' });
  });

  it("a package over the council's threshold cannot be posted before approval", async () => {
    await setApprovalRules(prisma, admin, { newPackageApproval: true, newPackageApprovalThreshold: 5_000 });
    try {
      // 3 hours a week at the highest rate in force (£23, the SPOT contract): £3,588 a year, under the threshold.
      const cheap = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
      await postPackage(prisma, fx.broker, { packageId: cheap.id }, today);

      // 10 hours a week: £11,960 a year.
      const dear = await saveDraftPackage(prisma, fx.broker, {
        draft: draftFor(fx, {
          visits: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', minutes: 120, carers: 1 }],
          serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 10, startDate: '2026-12-20' }],
        }),
      });
      const refused = await rejection(postPackage(prisma, fx.broker, { packageId: dear.id }, today));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toMatch(/£11,960\.00 a year, above the council's £5,000 threshold: it needs approval/);
      expect(await approvePackage(prisma, low, { packageId: dear.id }, today)).toEqual({
        outcome: 'REFERRED',
        yearlyCost: 11960,
        referredTo: ['Hana Highlimit'],
      });
      expect((await rejection(postPackage(prisma, fx.broker, { packageId: dear.id }, today))).code).toBe('CONFLICT');
      expect(await approvePackage(prisma, high, { packageId: dear.id }, today)).toEqual({ outcome: 'APPROVED', yearlyCost: 11960 });
      expect(await postPackage(prisma, fx.broker, { packageId: dear.id }, today)).toMatchObject({ kind: 'TIER' });
      expect(await prisma.auditEvent.count({ where: { entityId: dear.id, action: { in: ['package.approval-referred', 'package.approved'] } } })).toBe(2);
    } finally {
      await setApprovalRules(prisma, admin, { newPackageApproval: false, newPackageApprovalThreshold: null });
    }
  });

  it("a broker's own change to a placed package that raises its cost is held to their limit", async () => {
    const pkg = await placed();
    const version = async () => (await prisma.package.findFirstOrThrow({ where: { id: pkg.id } })).version;
    const raise = async (hoursPerWeek: number) => ({
      packageId: pkg.id,
      expectedVersion: await version(),
      visits: [morning, evening],
      serviceLines: [{ type: 'PERSONAL_CARE' as const, hoursPerWeek }],
      effectiveDate: '2026-12-14',
    });
    // 9 more hours a week at £21: £9,828 a year. The posting broker has no limit; Lee's £10,000 covers it.
    const refused = await rejection(changePackage(prisma, fx.broker, await raise(12), today));
    expect(refused.code).toBe('VALIDATION');
    expect(refused.fieldErrors?.serviceLines?.[0]).toMatch(/adds about £9,828\.00 a year, above your approval limit/);
    expect((await lines(pkg.id)).map((l) => l.hours)).toEqual([3]);
    // 10 more hours (£10,920 a year) is above Lee's limit too; 9 more is within it.
    expect((await rejection(changePackage(prisma, low, await raise(13), today))).fieldErrors?.serviceLines?.[0]).toMatch(/£10,920\.00 a year/);
    await changePackage(prisma, low, await raise(12), today);
    expect((await lines(pkg.id)).map((l) => l.hours)).toEqual([3, 12]);
    // A decrease needs no limit.
    await changePackage(prisma, fx.broker, { ...(await raise(6)), effectiveDate: '2026-12-16' }, today);
    expect((await lines(pkg.id)).map((l) => l.hours)).toEqual([3, 12, 6]);
  });
});
