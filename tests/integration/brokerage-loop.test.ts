import { spawn } from 'node:child_process';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRound } from '@/lib/brokerage/close-round';
import { acceptOffer, ALREADY_PLACED, PACKAGE_CHANGED } from '@/lib/offer/accept-offer';
import { declineOffer } from '@/lib/offer/decline-offer';
import { listProviderOffers } from '@/lib/offer/list-provider-offers';
import { NOTIFICATION_CHANNEL } from '@/lib/notification/notify';
import { postPackage } from '@/lib/package/post-package';
import { previewCascade } from '@/lib/package/preview-cascade';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture, rejection } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

let prisma: PrismaClient;
const now = new Date('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function postedPackage(fx: TFixture, at: Date = now, overrides: Record<string, unknown> = {}) {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx, overrides) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, at);
  return saved.id;
}

const openOffers = (packageId: string) => prisma.offer.findMany({ where: { packageId, status: 'OFFERED' }, orderBy: { rank: 'asc' } });

describe('drafts, preview and posting', () => {
  let fx: TFixture;
  beforeAll(async () => {
    fx = await buildCouncil(prisma, { code: 'DRF', localityProviders: 2 });
  });

  it('saves a draft with its person, visits and service lines, and bumps its version on each save', async () => {
    const first = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    const second = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    expect(first).toMatchObject({ reference: 'DRF-000001', version: 1 });
    expect(second.reference).toBe('DRF-000002');
    const pkg = await prisma.package.findFirstOrThrow({ where: { id: first.id }, include: { visits: true, serviceLines: true, person: true } });
    // The new person is recorded once, and the result names them so the form's next save does not record them again.
    expect(first.personId).toBe(pkg.personId);
    expect(pkg).toMatchObject({ status: 'DRAFT', createdById: fx.broker.userId, person: { familyName: 'Lovelace', postcode: 'BD1 1HY' } });
    expect(pkg.visits).toHaveLength(1);
    expect(pkg.serviceLines).toMatchObject([{ type: 'PERSONAL_CARE', doubleHanded: false }]);

    const updated = await saveDraftPackage(prisma, fx.broker, {
      packageId: first.id,
      expectedVersion: 1,
      draft: draftFor(fx, { personId: pkg.personId, person: undefined, visits: [{ days: ['TUE'], start: '18:00', minutes: 30, carers: 2 }] }),
    });
    expect(updated).toEqual({ id: first.id, reference: 'DRF-000001', version: 2, personId: pkg.personId });
    expect(await prisma.visit.findMany({ where: { packageId: first.id } })).toMatchObject([{ days: ['TUE'], start: '18:00', carers: 2 }]);
    const stale = await rejection(
      saveDraftPackage(prisma, fx.broker, { packageId: first.id, expectedVersion: 1, draft: draftFor(fx, { personId: pkg.personId, person: undefined }) }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(await prisma.auditEvent.count({ where: { entityId: first.id, action: { in: ['package.draft-created', 'package.draft-updated'] } } })).toBe(2);
  });

  it('refuses a draft that names another council’s locality, with the field named', async () => {
    const other = await buildCouncil(prisma, { code: 'OTH', localityProviders: 1 });
    const error = await rejection(saveDraftPackage(prisma, fx.broker, { draft: draftFor(other) }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({ localityId: ['Choose the locality from the list'] });
  });

  it('previews the cascade with provider names and contract references', async () => {
    const preview = await previewCascade(prisma, fx.broker, { draft: draftFor(fx) }, now);
    expect(preview.firstTier).toBe(1);
    expect(preview.hours).toBe(3);
    expect(preview.offers.map((o) => [o.providerName, o.contractReference, o.tier])).toEqual([
      ['DRF Care 01', 'DRF-LOCALITY-1', 1],
      ['DRF Care 02', 'DRF-LOCALITY-2', 1],
      ['DRF Care 03', 'DRF-LOCALITY-3', 2],
      ['DRF Care 04', 'DRF-SPOT-4', 3],
    ]);
    expect(preview.excluded).toContainEqual({ providerId: fx.step, providerName: 'DRF Care 05', reasons: ['NO_CONTRACT_FOR_PACKAGE', 'NO_CAPACITY'] });
  });

  it('when nobody has room, says which bands each provider has room for, and who has room next door', async () => {
    const short = await buildCouncil(prisma, { code: 'NMS', localityProviders: 1 });
    // Nobody has declared evening room in l1; the spot provider, whose contract covers l1, has room for it all only next door in l2.
    await prisma.capacityDeclaration.deleteMany({ where: { councilId: short.councilId, localityId: short.localities.l1, band: 'EVENING' } });
    await prisma.capacityDeclaration.deleteMany({ where: { councilId: short.councilId, providerId: short.spot } });
    await prisma.capacityDeclaration.createMany({
      data: (['MORNING', 'EVENING'] as const).map((band) => ({
        councilId: short.councilId,
        providerId: short.spot,
        localityId: short.localities.l2,
        band,
        carerHours: 100,
        declaredAt: now,
      })),
    });
    const visits = [
      { days: ['MON', 'WED', 'FRI'], start: '07:30', minutes: 60, carers: 1 },
      { days: ['MON', 'WED', 'FRI'], start: '18:00', minutes: 30, carers: 1 },
    ];
    const preview = await previewCascade(prisma, short.broker, { draft: draftFor(short, { visits }) }, now);
    expect(preview.offers).toEqual([]);
    const capacity = new Map(preview.excluded.map((e) => [e.providerId, e.capacity]));
    expect(capacity.get(short.locality[0])).toEqual({ roomIn: ['MORNING'], shortIn: ['EVENING'], neighboursWithRoom: [] });
    expect(capacity.get(short.neighbour)).toEqual({ roomIn: ['MORNING'], shortIn: ['EVENING'], neighboursWithRoom: [] });
    expect(capacity.get(short.spot)).toEqual({ roomIn: [], shortIn: ['MORNING', 'EVENING'], neighboursWithRoom: ['NMS L2'] });
    // Left out for something besides room: no bands given.
    expect(capacity.get(short.step)).toBeUndefined();
  });

  it('posts a draft: round 1 goes to the lowest tier with a deadline by pathway, providers are told without personal data', async () => {
    const { heard, stop } = await hearNotifications();

    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    const outcome = await postPackage(prisma, fx.broker, { packageId: saved.id, expectedVersion: 1 }, now);
    expect(outcome).toMatchObject({ kind: 'TIER', tier: 1, round: 1, offers: 2 });
    const pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
    expect(pkg).toMatchObject({ status: 'OFFERING', offerRound: 1, postedAt: now, roundDeadline: new Date(now.getTime() + 24 * HOUR) });
    const offers = await openOffers(saved.id);
    expect(offers.map((o) => [o.providerId, o.tier, o.rank, Number(o.hourlyRate), o.packageVersion])).toEqual([
      [fx.locality[0], 1, 1, 21, 1],
      [fx.locality[1], 1, 2, 21.01, 1],
    ]);
    expect(offers[0].reasons.join('; ')).toMatch(/Locality contract/);
    expect(offers[0].deadline).toEqual(new Date(now.getTime() + 24 * HOUR));

    const notes = await prisma.notification.findMany({ where: { kind: 'OFFER_RECEIVED', providerId: { in: fx.locality } } });
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(`${n.title} ${n.body}`).not.toMatch(/Ada|Lovelace|BD1|1 Test Street|1936|\d{10}/);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.map((h) => h.providerId).sort()).toEqual([...fx.locality].sort());
    await stop();

    expect((await rejection(postPackage(prisma, fx.broker, { packageId: saved.id }, now))).message).toBe('This package has already been posted.');
  });

  it('uses the council’s own deadline for discharges, and goes straight to the open market when no tier has anyone', async () => {
    await prisma.councilSetting.upsert({
      where: { councilId: fx.councilId },
      update: { offerMinutesLongTerm: 60 },
      create: { councilId: fx.councilId, offerMinutesLongTerm: 60 },
    });
    const quick = await postedPackage(fx);
    expect((await prisma.package.findFirstOrThrow({ where: { id: quick } })).roundDeadline).toEqual(new Date(now.getTime() + HOUR));

    // Nobody has capacity in L3 and only the STEP contract is in force there for long-term care.
    await prisma.contractLocality.create({
      data: {
        councilId: fx.councilId,
        contractId: (await prisma.contract.findFirstOrThrow({ where: { providerId: fx.step } })).id,
        localityId: fx.localities.l3,
      },
    });
    const id = await postedPackage(fx, now, { localityId: fx.localities.l3 });
    const pkg = await prisma.package.findFirstOrThrow({ where: { id } });
    expect(pkg.status).toBe('OPEN_MARKET');
    expect((await openOffers(id)).map((o) => [o.providerId, o.tier])).toEqual([[fx.step, null]]);
    expect(await prisma.notification.count({ where: { userId: fx.broker.userId, kind: 'PACKAGE_OPEN_MARKET' } })).toBe(1);
  });

  it('previews until when round 1 would stay open: the council’s offer time for the pathway, from now', async () => {
    // The council's long-term offer time is an hour (set above); reablement keeps the default two hours.
    expect((await previewCascade(prisma, fx.broker, { draft: draftFor(fx) }, now)).deadline).toEqual(new Date(now.getTime() + HOUR));
    const later = new Date(now.getTime() + 5 * 60_000);
    expect((await previewCascade(prisma, fx.broker, { draft: draftFor(fx, { pathway: 'REABLEMENT' }) }, later)).deadline).toEqual(
      new Date(later.getTime() + 2 * HOUR),
    );
  });

  it('tells a provider when the care it is offered starts, with its weekly carer-hours and nothing personal', async () => {
    const id = await postedPackage(fx, now, {
      serviceLines: [
        { type: 'DOMESTIC', hoursPerWeek: 1, startDate: '2026-12-07' },
        { type: 'PERSONAL_CARE', hoursPerWeek: 2, startDate: '2026-12-05' },
      ],
    });
    const { reference } = await prisma.package.findFirstOrThrow({ where: { id } });
    const offers = await listProviderOffers(prisma, fx.providerActor(fx.locality[0]), now);
    const offer = offers.find((o) => o.reference === reference)!;
    expect(offer).toMatchObject({ startDate: '2026-12-05', hours: 3 });
    expect(JSON.stringify(offer)).not.toMatch(/Lovelace|1936-12-10|BD1 1HY/);
  });
});

describe('escalation down the cascade', () => {
  let fx: TFixture;
  beforeAll(async () => {
    fx = await buildCouncil(prisma, { code: 'ESC', localityProviders: 2 });
  });

  it('closes a round only once it is due, then moves tier by tier to the open market and finally alerts the broker', async () => {
    const id = await postedPackage(fx);
    const round = (r: number) => ({ councilId: fx.councilId, packageId: id, round: r });
    expect(await closeRound(prisma, round(1), new Date(now.getTime() + 23 * HOUR))).toEqual({ closed: false });

    const t1 = new Date(now.getTime() + 24 * HOUR);
    expect(await closeRound(prisma, round(1), t1)).toMatchObject({ closed: true, expired: 2, next: { kind: 'TIER', tier: 2, round: 2, offers: 1 } });
    expect(await closeRound(prisma, round(1), t1)).toEqual({ closed: false });
    expect((await openOffers(id)).map((o) => o.providerId)).toEqual([fx.neighbour]);

    const t2 = new Date(t1.getTime() + 24 * HOUR);
    expect(await closeRound(prisma, round(2), t2)).toMatchObject({ closed: true, next: { kind: 'TIER', tier: 3, round: 3 } });
    expect((await openOffers(id)).map((o) => o.providerId)).toEqual([fx.spot]);

    const t3 = new Date(t2.getTime() + 24 * HOUR);
    expect(await closeRound(prisma, round(3), t3)).toMatchObject({ closed: true, next: { kind: 'OPEN_MARKET', round: 4, offers: 1 } });
    expect((await openOffers(id)).map((o) => [o.providerId, o.tier])).toEqual([[fx.step, null]]);
    expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({ status: 'OPEN_MARKET', offerRound: 4 });
    expect(await prisma.notification.count({ where: { userId: fx.broker.userId, kind: 'PACKAGE_OPEN_MARKET' } })).toBe(1);

    const t4 = new Date(t3.getTime() + 8 * 24 * HOUR);
    expect(await closeRound(prisma, round(4), t4)).toMatchObject({ closed: true, next: { kind: 'OPEN_MARKET', offers: 0, deadline: null } });
    expect(await prisma.notification.count({ where: { userId: fx.broker.userId, kind: 'PACKAGE_UNPLACED' } })).toBe(1);
    // Nothing left to close: no more rounds, no more alerts.
    expect(await closeRound(prisma, round(5), new Date(t4.getTime() + 365 * 24 * HOUR))).toEqual({ closed: false });
    const statuses = await prisma.offer.groupBy({ by: ['round', 'status'], where: { packageId: id }, _count: true, orderBy: { round: 'asc' } });
    expect(statuses.map((s) => [s.round, s.status, s._count])).toEqual([
      [1, 'EXPIRED', 2],
      [2, 'EXPIRED', 1],
      [3, 'EXPIRED', 1],
      [4, 'EXPIRED', 1],
    ]);
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: 'package.round-closed' } })).toBe(4);
  });

  it('closes each round exactly once when many closers race', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => postedPackage(fx)));
    const due = new Date(now.getTime() + 25 * HOUR);
    await Promise.all(ids.flatMap((packageId) => Array.from({ length: 6 }, () => closeRound(prisma, { councilId: fx.councilId, packageId, round: 1 }, due))));
    for (const id of ids) {
      expect(await prisma.auditEvent.count({ where: { entityId: id, action: 'package.round-closed' } })).toBe(1);
      expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({ offerRound: 2, status: 'OFFERING' });
      expect((await openOffers(id)).map((o) => o.providerId)).toEqual([fx.neighbour]);
    }
  });

  it('closes the round at once when its last open offer is declined', async () => {
    const id = await postedPackage(fx);
    const [a, b] = await openOffers(id);
    const other = await rejection(declineOffer(prisma, fx.providerActor(fx.locality[0]), { offerId: a.id, reason: 'OTHER' }, now));
    expect(other.fieldErrors).toEqual({ text: ['Say why you are declining'] });
    expect(await declineOffer(prisma, fx.providerActor(a.providerId), { offerId: a.id, reason: 'NO_CAPACITY' }, now)).toEqual({ roundClosed: false });
    // Another provider cannot decline (or see) someone else's offer.
    expect((await rejection(declineOffer(prisma, fx.providerActor(a.providerId), { offerId: b.id, reason: 'TIMES' }, now))).code).toBe('NOT_FOUND');
    expect(await declineOffer(prisma, fx.providerActor(b.providerId), { offerId: b.id, reason: 'OTHER', text: 'No drivers that week' }, now)).toEqual({
      roundClosed: true,
    });
    expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({ offerRound: 2 });
    expect((await openOffers(id)).map((o) => o.providerId)).toEqual([fx.neighbour]);
    expect(await prisma.offer.findFirstOrThrow({ where: { id: b.id } })).toMatchObject({
      status: 'DECLINED',
      declineReason: 'OTHER',
      declineText: 'No drivers that week',
    });
  });
});

/** Listens on the live channel until stopped; what it heard, as parsed payloads. */
async function hearNotifications() {
  const listener = new pg.Client({ connectionString: testDatabaseUrl() });
  await listener.connect();
  const heard: { id: string; providerId?: string; userId?: string }[] = [];
  listener.on('notification', (m) => heard.push(JSON.parse(m.payload ?? '{}')));
  await listener.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
  return { heard, stop: () => listener.end() };
}

describe('accepting offers', () => {
  let fx: TFixture;
  beforeAll(async () => {
    fx = await buildCouncil(prisma, { code: 'ACC', localityProviders: 20 });
  });

  it('places the package with the first acceptance, withdraws the rest and tells everyone', async () => {
    const id = await postedPackage(fx);
    const [first, second] = await openOffers(id);
    const { heard, stop } = await hearNotifications();
    const won = await acceptOffer(prisma, fx.providerActor(second.providerId), { offerId: second.id }, now);
    expect(won.packageId).toBe(id);
    const lost = await rejection(acceptOffer(prisma, fx.providerActor(first.providerId), { offerId: first.id }, now));
    expect([lost.code, lost.message]).toEqual(['CONFLICT', ALREADY_PLACED]);
    expect(await prisma.package.findFirstOrThrow({ where: { id } })).toMatchObject({ status: 'PLACED', version: 2, placedAt: now, roundDeadline: null });
    expect(await prisma.placement.findMany({ where: { packageId: id } })).toMatchObject([
      { providerId: second.providerId, contractId: second.contractId, offerId: second.id, endedAt: null },
    ]);
    expect(await prisma.serviceLine.findMany({ where: { packageId: id } })).toMatchObject([{ providerId: second.providerId, contractId: second.contractId }]);
    const statuses = await prisma.offer.groupBy({ by: ['status'], where: { packageId: id }, _count: true });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count]))).toEqual({ ACCEPTED: 1, WITHDRAWN: 19 });
    expect(await prisma.notification.count({ where: { kind: 'OFFER_WITHDRAWN', title: { contains: won.reference } } })).toBe(19);
    expect(await prisma.notification.count({ where: { kind: 'PACKAGE_PLACED', userId: fx.broker.userId } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: 'package.placed' } })).toBe(1);
    // Every notice of the acceptance is announced on the live channel, once, by its id.
    const notices = await prisma.notification.findMany({
      where: { kind: { in: ['PACKAGE_AWARDED', 'PACKAGE_PLACED', 'OFFER_WITHDRAWN'] }, title: { contains: won.reference } },
    });
    expect(notices).toHaveLength(21);
    await new Promise((r) => setTimeout(r, 200));
    await stop();
    expect(heard.map((h) => h.id).sort()).toEqual(notices.map((n) => n.id).sort());
    expect(heard.filter((h) => h.userId)).toEqual([{ id: expect.any(String), userId: fx.broker.userId }]);
    expect(
      heard
        .filter((h) => h.providerId)
        .map((h) => h.providerId)
        .sort(),
    ).toEqual(fx.locality.toSorted());
  });

  it('refuses an offer after its deadline and someone else’s offer', async () => {
    const id = await postedPackage(fx);
    const [a, b] = await openOffers(id);
    expect((await rejection(acceptOffer(prisma, fx.providerActor(a.providerId), { offerId: b.id }, now))).code).toBe('NOT_FOUND');
    expect((await rejection(acceptOffer(prisma, fx.providerActor(a.providerId), { offerId: a.id }, new Date(now.getTime() + 25 * HOUR)))).message).toMatch(
      /offer has closed/,
    );
    expect(await prisma.placement.count({ where: { packageId: id } })).toBe(0);
  });

  it('answers a winner that accepts again with the same placement, and changes nothing', async () => {
    const id = await postedPackage(fx);
    const [offer] = await openOffers(id);
    const won = await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
    const counts = async () => [await prisma.placement.count({ where: { packageId: id } }), await prisma.auditEvent.count(), await prisma.notification.count()];
    const before = await counts();
    expect(await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, new Date(now.getTime() + 60_000))).toEqual(won);
    expect(await counts()).toEqual(before);
  });

  it('20 concurrent acceptances of each of 50 packages: exactly one placement each, the rest told it is already placed', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await postedPackage(fx));
    const offers = await prisma.offer.findMany({ where: { packageId: { in: ids }, status: 'OFFERED' } });
    expect(offers).toHaveLength(50 * 20);
    // Five packages at a time, each with all 20 of its acceptances at once.
    const results: PromiseSettledResult<unknown>[] = [];
    for (let i = 0; i < ids.length; i += 5) {
      const batch = offers.filter((o) => ids.slice(i, i + 5).includes(o.packageId));
      results.push(...(await Promise.allSettled(batch.map((o) => acceptOffer(prisma, fx.providerActor(o.providerId), { offerId: o.id }, now)))));
    }
    const wins = results.filter((r) => r.status === 'fulfilled');
    const losses = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(wins).toHaveLength(50);
    expect(losses).toHaveLength(950);
    for (const loss of losses) expect(loss).toMatchObject({ code: 'CONFLICT', message: ALREADY_PLACED });
    const placements = await prisma.placement.groupBy({ by: ['packageId'], where: { packageId: { in: ids } }, _count: true });
    expect(placements).toHaveLength(50);
    for (const p of placements) expect(p._count).toBe(1);
    expect(await prisma.offer.count({ where: { packageId: { in: ids }, status: 'ACCEPTED' } })).toBe(50);
  });

  it('with acceptances spread over two separate processes, still exactly one placement per package', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await postedPackage(fx));
    const offers = await prisma.offer.findMany({
      where: { packageId: { in: ids }, status: 'OFFERED' },
      select: { id: true, providerId: true },
      orderBy: [{ packageId: 'asc' }, { rank: 'asc' }],
    });
    // Each process takes every other offer, so both race for every package.
    const halves = [offers.filter((_, i) => i % 2 === 0), offers.filter((_, i) => i % 2 === 1)];
    const outcomes = await Promise.all(halves.map((half) => acceptInChildProcess(half)));
    const total = outcomes.reduce((s, o) => ({ won: s.won + o.won, placed: s.placed + o.placed, other: [...s.other, ...o.other] }), {
      won: 0,
      placed: 0,
      other: [] as string[],
    });
    expect(total).toEqual({ won: 20, placed: offers.length - 20, other: [] });
    expect(outcomes.every((o) => o.placed > 0)).toBe(true);
    const placements = await prisma.placement.groupBy({ by: ['packageId'], where: { packageId: { in: ids } }, _count: true });
    expect(placements.map((p) => p._count)).toEqual(Array(20).fill(1));
  });

  it('a broker edit racing an acceptance never lets a stale version be placed', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await postedPackage(fx));
    const offers = await prisma.offer.findMany({ where: { packageId: { in: ids }, rank: 1 } });
    // The broker's edit of a posted package: one conditional statement on the version it loaded
    // (what a change to visits does before re-offering), racing the provider's acceptance.
    const edit = (packageId: string) =>
      prisma.package.updateMany({ where: { id: packageId, version: 1, status: { in: ['OFFERING', 'OPEN_MARKET'] } }, data: { version: { increment: 1 } } });
    const results = await Promise.all(
      offers.map(async (o) => {
        const [edited, accepted] = await Promise.allSettled([edit(o.packageId), acceptOffer(prisma, fx.providerActor(o.providerId), { offerId: o.id }, now)]);
        return { edited: edited.status === 'fulfilled' && edited.value.count === 1, accepted, packageId: o.packageId };
      }),
    );
    for (const r of results) {
      // Exactly one of them wins: the edit (and the offer is refused as changed) or the acceptance.
      expect(r.edited).toBe(r.accepted.status === 'rejected');
      if (r.accepted.status === 'rejected') expect(r.accepted.reason).toMatchObject({ code: 'CONFLICT', message: PACKAGE_CHANGED });
      const placements = await prisma.placement.findMany({ where: { packageId: r.packageId }, include: { package: { select: { version: true } } } });
      const accepted = await prisma.offer.findMany({ where: { packageId: r.packageId, status: 'ACCEPTED' } });
      expect(placements).toHaveLength(r.edited ? 0 : 1);
      // A placement always comes from an offer of the version that was current when it won.
      for (const a of accepted) expect(a.packageVersion).toBe(1);
    }
    expect(results.some((r) => r.edited) || results.some((r) => !r.edited)).toBe(true);
  });
});

type TChildOutcome = { won: number; placed: number; other: string[] };

function acceptInChildProcess(offers: { id: string; providerId: string }[]): Promise<TChildOutcome> {
  const code = `
    import { createPrismaClient } from '@/lib/database/client';
    import { acceptOffer, ALREADY_PLACED } from '@/lib/offer/accept-offer';
    async function main() {
    const offers = JSON.parse(process.env.OFFERS ?? '[]');
    const prisma = createPrismaClient(process.env.DATABASE_URL ?? '');
    const now = new Date(process.env.NOW ?? '');
    const out = { won: 0, placed: 0, other: [] as string[] };
    // A few packages at a time (both processes go through them in the same order).
    for (let i = 0; i < offers.length; i += 50) await Promise.all(offers.slice(i, i + 50).map(async (o: { id: string; providerId: string }) => {
      const actor = { userId: crypto.randomUUID(), email: 'p@example', name: 'P', role: 'PROVIDER' as const, councilId: null, providerId: o.providerId, providerManager: false, mfaEnabled: false };
      try { await acceptOffer(prisma, actor, { offerId: o.id }, now); out.won++; }
      catch (e) { if ((e as Error).message === ALREADY_PLACED) out.placed++; else out.other.push(String(e)); }
    }));
    await prisma.$disconnect();
    process.stdout.write(JSON.stringify(out));
    }
    main().catch((e) => { console.error(e); process.exit(1); });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', '-e', code], {
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(), OFFERS: JSON.stringify(offers), NOW: now.toISOString() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => {
      if (status !== 0) return reject(new Error(`child exited ${status}: ${stderr}`));
      resolve(JSON.parse(stdout) as TChildOutcome);
    });
  });
}
