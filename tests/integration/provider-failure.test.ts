import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRound } from '@/lib/brokerage/close-round';
import { enginePackage, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { declineOffer } from '@/lib/offer/decline-offer';
import { admitToHospital } from '@/lib/package/admit-to-hospital';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { greedy, type TScenario } from '@/lib/placement';
import { listProviderPackages } from '@/lib/provider/list-provider-packages';
import { reinstateProvider } from '@/lib/provider/reinstate-provider';
import { suspendProvider } from '@/lib/provider/suspend-provider';
import { getReplacementBatch } from '@/lib/replacement/get-replacement-batch';
import { previewReplacement, type TReplacementSolver } from '@/lib/replacement/preview-replacement';
import { sendReplacementOffers } from '@/lib/replacement/send-replacement-offers';
import { assess, declaredCapacity, spend } from '../unit/placement/reference';
import { rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { buildFailureCouncil, failureDraft, placeWith, type TFailureFixture, type TVisitSpec } from './support/failure-fixtures';

// Issue 7, provider failure: a provider holding 30 active packages is suspended; its packages are
// listed, re-placed as one batch by the engine's optimiser (checked feasible against the plain
// reading of the spec in tests/unit/placement/reference.ts and again straight from the database),
// the offers go out, one is accepted, and the suspended provider is never offered anything again.

let prisma: PrismaClient;
let fx: TFailureFixture;
const placedAt = new Date('2026-11-01T10:00:00Z');
const now = new Date('2026-11-23T09:00:00Z');
const ALL: TVisitSpec['days'] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const KINDS: Record<string, TVisitSpec[]> = {
  morning: [{ days: ALL, start: '07:30', minutes: 45, carers: 1 }],
  double: [{ days: ALL, start: '08:00', minutes: 30, carers: 2 }],
  evening: [{ days: ALL, start: '18:00', minutes: 30, carers: 1 }],
  both: [
    { days: ALL, start: '07:30', minutes: 45, carers: 1 },
    { days: ALL, start: '18:00', minutes: 30, carers: 1 },
  ],
  night: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '22:30', minutes: 30, carers: 1 }],
};
const ORDER = ['morning', 'double', 'evening', 'both', 'morning', 'double', 'evening', 'night'];
const hoursOf = (visits: TVisitSpec[]) => visits.reduce((a, v) => a + (v.minutes / 60) * v.carers * v.days.length, 0);

type TSpec = { id: string; localityId: string; visits: TVisitSpec[]; excluded: string[] };
const held: TSpec[] = [];
let pendingInL1: string;
let pendingDoubleInL3: string;
let batchId: string;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildFailureCouncil(prisma, 'PF');
  let firstPerson: string | null = null;
  for (let i = 0; i < 30; i++) {
    const localityId = fx.localities[i % 4];
    const visits = KINDS[ORDER[i % ORDER.length]];
    // Two packages for one person (people affected counts people, not packages); exclusions to honour.
    const excluded = i === 4 ? [fx.a] : i === 8 ? [fx.c] : [];
    const draft = {
      ...failureDraft(localityId, visits, { personId: i === 1 && firstPerson ? firstPerson : undefined, excludedProviderIds: excluded }),
      // A second live package with personal care is posted only with a reason.
      ...(i === 1 ? { duplicateReason: 'Care at a second address on alternate weeks' } : {}),
    };
    const id = await placeWith(prisma, fx, fx.failing, draft, placedAt);
    if (i === 0) firstPerson = (await prisma.package.findFirstOrThrow({ where: { id }, select: { personId: true } })).personId;
    held.push({ id, localityId, visits, excluded });
  }
  // One person is in hospital, the provider holding their package on a retainer.
  await admitToHospital(prisma, fx.broker, { packageId: held[5].id, admittedOn: '2026-11-20' }, new Date('2026-11-20T12:00:00Z'));
  // Two packages are waiting on offers that include the failing provider.
  const posted = async (localityId: string, visits: TVisitSpec[]) => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: failureDraft(localityId, visits) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, new Date(now.getTime() - 3_600_000));
    return saved.id;
  };
  pendingInL1 = await posted(fx.localities[0], KINDS.morning);
  pendingDoubleInL3 = await posted(fx.localities[2], KINDS.double);
}, 240_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe('suspending a provider', () => {
  it('withdraws its open offers, tells it, and moves a round it alone held on to the next providers', async () => {
    expect(await prisma.offer.findMany({ where: { packageId: pendingDoubleInL3, status: 'OFFERED' }, select: { providerId: true } })).toEqual([
      { providerId: fx.failing },
    ]);
    const result = await suspendProvider(prisma, fx.commissioner, { providerId: fx.failing, reason: 'CQC rated Inadequate on 20 November 2026' }, now);
    expect(result).toEqual({ withdrawn: 2, roundsClosed: 1 });
    expect(await prisma.councilProvider.findFirstOrThrow({ where: { councilId: fx.councilId, providerId: fx.failing } })).toMatchObject({
      status: 'SUSPENDED',
      statusReason: 'CQC rated Inadequate on 20 November 2026',
      statusChangedAt: now,
    });
    expect(await prisma.offer.count({ where: { providerId: fx.failing, status: 'WITHDRAWN' } })).toBe(2);
    expect(await prisma.notification.count({ where: { providerId: fx.failing, kind: 'OFFER_WITHDRAWN' } })).toBe(2);
    // The package in L1 keeps its round (the other locality provider still has its offer) …
    expect(await prisma.offer.findMany({ where: { packageId: pendingInL1, status: 'OFFERED' }, select: { providerId: true } })).toEqual([{ providerId: fx.a }]);
    // … the double-handed one in L3 went on at once: nobody else in the locality tier can do two carers, so the spot tier.
    expect(
      await prisma.offer.findMany({ where: { packageId: pendingDoubleInL3, status: 'OFFERED' }, select: { providerId: true, round: true, tier: true } }),
    ).toEqual([{ providerId: fx.c, round: 2, tier: 3 }]);
    expect(await prisma.auditEvent.count({ where: { action: 'provider.suspended', entityId: fx.failing, actorId: fx.commissioner.userId } })).toBe(1);
    expect((await rejection(suspendProvider(prisma, fx.commissioner, { providerId: fx.failing, reason: 'Again, by mistake' }, now))).code).toBe('CONFLICT');
    expect((await rejection(suspendProvider(prisma, fx.commissioner, { providerId: fx.a, reason: 'x' }, now))).fieldErrors).toHaveProperty('reason');
  });

  it('lists the 30 active packages it holds, with hours, double-handed and people affected', async () => {
    const list = await listProviderPackages(prisma, fx.commissioner, { providerId: fx.failing });
    const expectedHours = held.reduce((a, s) => a + hoursOf(s.visits), 0);
    expect(list.provider).toMatchObject({ id: fx.failing, status: 'SUSPENDED' });
    expect(list.totals).toEqual({
      packages: 30,
      people: 29,
      carerHours: Math.round(expectedHours * 100) / 100,
      doubleHanded: held.filter((s) => s.visits.some((v) => v.carers === 2)).length,
      localities: 4,
    });
    expect(list.packages.map((p) => p.packageId).sort()).toEqual(held.map((s) => s.id).sort());
    for (const s of held) expect(list.packages.find((p) => p.packageId === s.id)?.carerHours).toBeCloseTo(hoursOf(s.visits), 6);
    expect(list.packages.find((p) => p.packageId === held[5].id)?.status).toBe('IN_HOSPITAL');
    const page = await listProviderPackages(prisma, fx.commissioner, { providerId: fx.failing, skip: 25, take: 25 });
    expect(page.packages).toHaveLength(5);
    expect(page.totals.packages).toBe(30);
    // Another council's staff see nothing of it.
    expect(
      (await rejection(listProviderPackages(prisma, { ...fx.commissioner, councilId: '00000000-0000-4000-8000-000000000999' }, { providerId: fx.failing })))
        .code,
    ).toBe('NOT_FOUND');
  });
});

describe('re-placing its packages as a batch', () => {
  let scenario: TScenario;

  it('previews a plan that is feasible under the placement spec', async () => {
    const { batchId: id, solver } = await previewReplacement(prisma, fx.commissioner, { providerId: fx.failing }, now, { timeLimitSeconds: 10 });
    batchId = id;
    const batch = await prisma.replacementBatch.findFirstOrThrow({ where: { id }, include: { items: true } });
    expect(batch).toMatchObject({ status: 'PREVIEWED', providerId: fx.failing, createdById: fx.commissioner.userId });
    expect(batch.items).toHaveLength(30);
    expect(['OPTIMAL', 'TIME_LIMIT']).toContain(solver.status);
    expect(solver.placed).toBe(batch.items.filter((i) => i.proposedProviderId).length);

    // The scenario as the engine saw it (nothing has changed since).
    const rows = await prisma.package.findMany({
      where: { id: { in: held.map((s) => s.id) } },
      include: { visits: true, hospital: { select: { code: true } } },
    });
    scenario = await scenarioFromDb(
      prisma,
      fx.councilId,
      rows.map((r) => enginePackage(r, r.postedAt!)),
      now,
    );
    expect(scenario.providers.find((p) => p.id === fx.failing)?.status).toBe('SUSPENDED');
    expect(solver.score).toBeGreaterThanOrEqual(greedy(scenario).summary.score);

    // 1. The engine's own reading of feasibility (the reference used by the engine's property tests):
    //    each proposal eligible at its declared capacity, under the contract the spec picks, and
    //    the capacity left after all of them never below zero.
    const cap = declaredCapacity(scenario);
    for (const item of batch.items.filter((i) => i.proposedProviderId)) {
      const p = scenario.packages.find((x) => x.id === item.packageId)!;
      const prov = scenario.providers.find((x) => x.id === item.proposedProviderId)!;
      const judged = assess(scenario, prov, p, declaredCapacity(scenario));
      expect(Array.isArray(judged), `${p.id} with ${prov.name}: ${judged}`).toBe(false);
      if (!Array.isArray(judged)) {
        expect(judged.contract.id).toBe(item.proposedContractId);
        expect((batch.solver as TReplacementSolver).tiers[p.id]).toBe(judged.tier);
      }
      spend(cap, prov.id, p);
    }
    for (const [key, left] of cap) expect(left, key).toBeGreaterThanOrEqual(-1e-6);

    // 2. Straight from the database, rule by rule.
    const declared = await prisma.capacityDeclaration.findMany({ where: { councilId: fx.councilId } });
    const used = new Map<string, number>();
    for (const item of batch.items) {
      const spec = held.find((s) => s.id === item.packageId)!;
      expect(Number(item.carerHours)).toBeCloseTo(hoursOf(spec.visits), 6);
      if (!item.proposedProviderId) continue;
      const providerId = item.proposedProviderId;
      expect([fx.failing, fx.lapsed, fx.inadequate, fx.stepOnly]).not.toContain(providerId);
      expect((await prisma.councilProvider.findFirstOrThrow({ where: { councilId: fx.councilId, providerId } })).status).toBe('ACTIVE');
      const contract = await prisma.contract.findFirstOrThrow({
        where: { councilId: fx.councilId, id: item.proposedContractId! },
        include: { localities: true },
      });
      expect(contract.providerId).toBe(providerId);
      expect(contract.localities.map((l) => l.localityId)).toContain(spec.localityId);
      expect(contract.validFrom.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(contract.validTo === null || now.getTime() < contract.validTo.getTime() + 86_400_000).toBe(true);
      const provider = await prisma.provider.findUniqueOrThrow({ where: { id: providerId } });
      expect(provider.cqcRating).not.toBe('INADEQUATE');
      if (spec.visits.some((v) => v.carers === 2)) expect(provider.doubleHanded, `${item.packageId} is double-handed`).toBe(true);
      expect(spec.excluded).not.toContain(providerId);
      for (const v of spec.visits) {
        const h = Number(v.start.slice(0, 2));
        const band = h >= 22 || h < 6 ? 'NIGHT' : h >= 17 ? 'EVENING' : h >= 14 ? 'AFTERNOON' : h >= 11 ? 'MIDDAY' : 'MORNING';
        const key = `${providerId}|${spec.localityId}|${band}`;
        used.set(key, (used.get(key) ?? 0) + (v.minutes / 60) * v.carers * v.days.length);
      }
    }
    for (const [key, hours] of used) {
      const [providerId, localityId, band] = key.split('|');
      const d = declared.find((x) => x.providerId === providerId && x.localityId === localityId && x.band === band);
      expect(hours, key).toBeLessThanOrEqual(Number(d?.carerHours ?? 0) + 1e-9);
    }
    // The market cannot take everything (no night carers, tight evenings): those go to the open market.
    expect(batch.items.some((i) => i.proposedProviderId === null)).toBe(true);
    const night = batch.items.find((i) => i.packageId === held[7].id)!;
    expect(night.proposedProviderId).toBeNull();
    expect(night.reasons).toContain('No other provider has spare capacity left for it in its area and times');
    // Nothing has moved yet.
    expect(await prisma.placement.count({ where: { providerId: fx.failing, endedAt: null } })).toBe(30);
    const view = await getReplacementBatch(prisma, fx.commissioner, { batchId, providerId: fx.failing });
    expect(view.items.every((i) => i.state.kind === 'PROPOSED')).toBe(true);
  });

  it('refuses to preview for a provider that is not suspended', async () => {
    expect((await rejection(previewReplacement(prisma, fx.commissioner, { providerId: fx.a }, now))).code).toBe('CONFLICT');
  });

  it('sends the offers: placements and lines of the suspended provider end, lines continue unassigned, each package is offered', async () => {
    const before = await prisma.serviceLine.findMany({ where: { packageId: { in: held.map((s) => s.id) } } });
    expect(before).toHaveLength(30);
    const { items } = await sendReplacementOffers(prisma, fx.commissioner, { batchId }, now);
    expect(items).toHaveLength(30);
    expect(items.filter((i) => i.outcome === 'SKIPPED')).toEqual([]);
    const batch = await prisma.replacementBatch.findFirstOrThrow({ where: { id: batchId }, include: { items: true } });
    expect(batch).toMatchObject({ status: 'OFFERED', offeredAt: now });

    expect(await prisma.placement.count({ where: { providerId: fx.failing, endedAt: null } })).toBe(0);
    expect(await prisma.placement.count({ where: { providerId: fx.failing, endReason: 'PROVIDER_SUSPENDED', endedAt: now } })).toBe(30);
    for (const item of batch.items) {
      const pkg = await prisma.package.findFirstOrThrow({ where: { id: item.packageId } });
      expect(pkg.version).toBe(3); // 1 → placed (2) → re-placement (3)
      const offers = await prisma.offer.findMany({ where: { packageId: item.packageId, packageVersion: 3 } });
      expect(offers.length).toBeGreaterThan(0);
      expect(offers.map((o) => o.providerId)).not.toContain(fx.failing);
      if (item.proposedProviderId) {
        expect(pkg).toMatchObject({ status: 'OFFERING', offerRound: 2 });
        expect(offers.map((o) => [o.providerId, o.contractId, o.status, o.round])).toEqual([[item.proposedProviderId, item.proposedContractId, 'OFFERED', 2]]);
        expect(offers[0].deadline).toEqual(new Date(now.getTime() + 24 * 60 * 60_000));
      } else {
        expect(['OFFERING', 'OPEN_MARKET']).toContain(pkg.status);
      }
      // History kept: the old line ends where the new one starts (its last day yesterday) and the new one continues it, unassigned.
      const lines = await prisma.serviceLine.findMany({ where: { packageId: item.packageId }, orderBy: { startDate: 'asc' } });
      const old = before.find((l) => l.packageId === item.packageId)!;
      expect(
        lines.map((l) => [
          l.id === old.id,
          l.startDate.toISOString().slice(0, 10),
          l.endDate?.toISOString().slice(0, 10) ?? null,
          l.providerId,
          l.supersedesId,
        ]),
      ).toEqual([
        [true, '2026-11-02', '2026-11-23', fx.failing, null],
        [false, '2026-11-23', null, null, old.id],
      ]);
      expect(Number(lines[1].hoursPerWeek)).toBe(Number(old.hoursPerWeek));
    }
    expect(await prisma.notification.count({ where: { providerId: fx.failing, kind: 'PACKAGE_ENDED' } })).toBe(30);
    const received = await prisma.notification.findMany({ where: { kind: 'OFFER_RECEIVED', createdAt: { gte: now }, providerId: { in: [fx.a, fx.b, fx.c] } } });
    expect(received.length).toBeGreaterThan(0);
    for (const n of received) expect(`${n.title} ${n.body}`).not.toMatch(/Edith|Hartley|Mill Lane|BD2/);
    expect(await prisma.notification.count({ where: { userId: fx.broker.userId, title: { contains: 'being re-placed' } } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: { in: ['package.replacement-offered', 'package.replacement-rebrokered'] } } })).toBe(30);

    expect((await rejection(sendReplacementOffers(prisma, fx.commissioner, { batchId }, now))).code).toBe('CONFLICT');
    expect(await prisma.offer.count({ where: { packageId: { in: held.map((s) => s.id) }, packageVersion: 4 } })).toBe(0);
  });

  it('tracks each item to placement: accepted → placed with whom; declined → back in the cascade without the suspended provider', async () => {
    const proposed = (await getReplacementBatch(prisma, fx.commissioner, { batchId, providerId: fx.failing })).items.filter((i) => i.state.kind === 'OFFERED');
    expect(proposed.length).toBeGreaterThanOrEqual(2);
    const [take, refuse] = proposed;
    const takeOffer = await prisma.offer.findFirstOrThrow({ where: { packageId: take.packageId, status: 'OFFERED' } });
    await acceptOffer(prisma, fx.providerActor(takeOffer.providerId), { offerId: takeOffer.id }, new Date(now.getTime() + 60_000));
    const refuseOffer = await prisma.offer.findFirstOrThrow({ where: { packageId: refuse.packageId, status: 'OFFERED' } });
    const declined = await declineOffer(
      prisma,
      fx.providerActor(refuseOffer.providerId),
      { offerId: refuseOffer.id, reason: 'NO_CAPACITY' },
      new Date(now.getTime() + 60_000),
    );
    expect(declined.roundClosed).toBe(true);

    const view = await getReplacementBatch(prisma, fx.commissioner, { batchId, providerId: fx.failing });
    const placed = view.items.find((i) => i.packageId === take.packageId)!;
    expect(placed.state).toMatchObject({ kind: 'PLACED', providerId: takeOffer.providerId, providerName: take.proposedProvider!.name });
    expect(view.totals.placed).toBe(1);
    const lines = await prisma.serviceLine.findMany({ where: { packageId: take.packageId }, orderBy: { startDate: 'asc' } });
    expect(lines.map((l) => l.providerId)).toEqual([fx.failing, takeOffer.providerId]);

    const moved = view.items.find((i) => i.packageId === refuse.packageId)!;
    expect(['REBROKERED', 'OPEN_MARKET']).toContain(moved.state.kind);
    const next = await prisma.offer.findMany({ where: { packageId: refuse.packageId, round: 3 } });
    expect(next.length).toBeGreaterThan(0);
    expect(next.map((o) => o.providerId)).not.toContain(fx.failing);
    expect(next.map((o) => o.providerId)).not.toContain(refuseOffer.providerId);
  });

  it('a new package, through every round to the open market, never offers the suspended provider anything', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: failureDraft(fx.localities[0], KINDS.morning) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    let at = now;
    for (let i = 0; i < 6; i++) {
      at = new Date(at.getTime() + 8 * 24 * 3_600_000);
      const pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
      await closeRound(prisma, { councilId: fx.councilId, packageId: saved.id, round: pkg.offerRound }, at);
    }
    const offers = await prisma.offer.findMany({ where: { packageId: saved.id } });
    // It reached the open market, where only the STEP provider was left to ask.
    expect(offers.filter((o) => o.tier === null).map((o) => o.providerId)).toEqual([fx.stepOnly]);
    expect(offers.map((o) => o.providerId)).not.toContain(fx.failing);
    // And across the whole council: nothing offered to it since it was suspended.
    expect(await prisma.offer.count({ where: { providerId: fx.failing, offeredAt: { gte: now } } })).toBe(0);
    expect(await prisma.offer.count({ where: { providerId: fx.failing, status: 'OFFERED' } })).toBe(0);
  });

  it('an offer made to it just before the suspension cannot win the package', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: failureDraft(fx.localities[0], KINDS.morning) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    const pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
    const contract = await prisma.contract.findFirstOrThrow({ where: { councilId: fx.councilId, providerId: fx.failing } });
    // As if a round had read the provider as active a moment before the suspension committed.
    const late = await prisma.offer.create({
      data: {
        councilId: fx.councilId,
        packageId: saved.id,
        packageVersion: pkg.version,
        providerId: fx.failing,
        contractId: contract.id,
        round: pkg.offerRound,
        tier: 1,
        rank: 99,
        hourlyRate: contract.hourlyRate,
        offeredAt: now,
        deadline: new Date(now.getTime() + 3_600_000),
      },
    });
    expect((await rejection(acceptOffer(prisma, fx.providerActor(fx.failing), { offerId: late.id }, now))).code).toBe('CONFLICT');
    expect(await prisma.package.findFirstOrThrow({ where: { id: saved.id } })).toMatchObject({ status: pkg.status, version: pkg.version });
    expect(await prisma.placement.count({ where: { packageId: saved.id } })).toBe(0);
    await prisma.offer.update({ where: { councilId_id: { councilId: fx.councilId, id: late.id } }, data: { status: 'WITHDRAWN' } });
  });

  it('reinstating the provider lets it be offered work again; it does not take back re-placed packages', async () => {
    await reinstateProvider(prisma, fx.commissioner, { providerId: fx.failing, reason: 'CQC re-inspection: Good' }, now);
    expect(await prisma.councilProvider.findFirstOrThrow({ where: { councilId: fx.councilId, providerId: fx.failing } })).toMatchObject({
      status: 'ACTIVE',
      statusReason: 'CQC re-inspection: Good',
    });
    expect((await rejection(reinstateProvider(prisma, fx.commissioner, { providerId: fx.failing, reason: 'Twice over' }, now))).code).toBe('CONFLICT');
    expect(await prisma.placement.count({ where: { providerId: fx.failing, endedAt: null } })).toBe(0);
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: failureDraft(fx.localities[3], KINDS.morning) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    expect((await prisma.offer.findMany({ where: { packageId: saved.id } })).map((o) => o.providerId)).toContain(fx.failing);
  });
});
