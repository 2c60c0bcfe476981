import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor, TProviderActor } from '@/lib/auth/permissions';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { changePackage } from '@/lib/package/change-package';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { getWaitingPoolBatch } from '@/lib/replacement/get-replacement-batch';
import { previewWaitingPool } from '@/lib/replacement/preview-waiting-pool';
import { sendWaitingPool } from '@/lib/replacement/send-waiting-pool';
import { rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { failureDraft, type TVisitSpec } from './support/failure-fixtures';

// The waiting pool planned together. In one locality two providers come onto the market after
// three packages were posted (nobody could be asked then, so they wait on the open market):
//   near: LOCALITY contract, two carers, morning room for one package only;
//   spot: SPOT contract, one carer only, morning room for two single-carer packages.
// The cascade's one-by-one order gives the oldest package (one carer) to `near`, its first
// offer, and then has nobody for the two-carer package, which only `near` can staff. The
// optimiser gives the one-carer packages to `spot` and the two-carer one to `near`.

let prisma: PrismaClient;
let councilId: string;
let here: string; // the locality planned
let elsewhere: string;
let empty: string;
let near: string;
let spot: string;
let broker: TCouncilActor;
const providerActor = (providerId: string): TProviderActor => ({
  userId: randomUUID(),
  email: `${providerId}@provider.example`,
  name: 'Pat Provider',
  role: 'PROVIDER',
  councilId: null,
  providerId,
  providerManager: false,
  mfaEnabled: false,
});
const postedAt = new Date('2026-11-18T09:00:00Z');
const now = new Date('2026-11-23T09:00:00Z');
const ALL: TVisitSpec['days'] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const single: TVisitSpec[] = [{ days: ALL, start: '07:30', minutes: 45, carers: 1 }]; // 5.25 carer-hours a week
const double: TVisitSpec[] = [{ days: ALL, start: '08:00', minutes: 30, carers: 2 }]; // 7 carer-hours a week
let oldest: string; // one carer, posted first
let twoCarer: string;
let later: string; // one carer, changed after the plan
let inElsewhere: string;
let batchId: string;

async function post(localityId: string, visits: TVisitSpec[], minutes: number): Promise<string> {
  const saved = await saveDraftPackage(prisma, broker, { draft: failureDraft(localityId, visits) });
  await postPackage(prisma, broker, { packageId: saved.id }, new Date(postedAt.getTime() + minutes * 60_000));
  return saved.id;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  councilId = (await prisma.council.create({ data: { code: 'WP', name: 'WP Council' } })).id;
  [here, elsewhere, empty] = await Promise.all(
    [1, 2, 3].map(async (n) => (await prisma.locality.create({ data: { councilId, code: `WP-L${n}`, name: `WP Area ${n}` } })).id),
  );
  const provider = async (name: string, type: 'LOCALITY' | 'SPOT', doubleHanded: boolean, rate: number, morning: number) => {
    const p = await prisma.provider.create({ data: { name, cqcLocationId: `WP-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded } });
    await prisma.councilProvider.create({ data: { councilId, providerId: p.id } });
    await prisma.contract.create({
      data: {
        councilId,
        reference: `WP-${type}-${name.split(' ')[0]}`,
        providerId: p.id,
        type,
        hourlyRate: rate,
        // In force only after the packages were posted.
        validFrom: new Date('2026-11-20'),
        localities: { create: [{ localityId: here }] },
      },
    });
    await prisma.capacityDeclaration.create({
      data: { councilId, providerId: p.id, localityId: here, band: 'MORNING', carerHours: morning, declaredAt: new Date('2026-11-20T00:00:00Z') },
    });
    return p.id;
  };
  near = await provider('Nearby Care', 'LOCALITY', true, 20, 8);
  spot = await provider('Spot Care', 'SPOT', false, 25, 11);
  const u = await prisma.user.create({ data: { email: 'broker@wp.example', name: 'Bea Broker', role: 'BROKER', councilId } });
  broker = { userId: u.id, email: u.email, name: u.name, role: 'BROKER', councilId, providerId: null, providerManager: false, mfaEnabled: false };

  oldest = await post(here, single, 0);
  twoCarer = await post(here, double, 60);
  later = await post(here, single, 120);
  inElsewhere = await post(elsewhere, single, 30);
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe('planning the waiting pool', () => {
  it('waits on the open market with nobody asked, as posted before any contract was in force', async () => {
    const rows = await prisma.package.findMany({ where: { councilId }, select: { status: true, _count: { select: { offers: true } } } });
    expect(rows).toEqual(Array(4).fill({ status: 'OPEN_MARKET', _count: { offers: 0 } }));
  });

  it('places more packages than the cascade’s one-by-one order, and shows both', async () => {
    const { batchId: id, solver } = await previewWaitingPool(prisma, broker, { localityId: here }, now, { timeLimitSeconds: 5 });
    batchId = id;
    expect(solver).toMatchObject({ packages: 3, placed: 3, cascade: { placed: 2, placedHours: 10.5 } });
    expect(solver.placedHours).toBe(17.5);
    expect(solver.cascade!.placed).toBeLessThan(solver.placed);
    // Weekly cost: 7 h × £20 + 2 × 5.25 h × £25; the cascade's 5.25 h × £20 + 5.25 h × £25.
    expect(solver.weeklyCost).toBe(402.5);
    expect(solver.cascade!.weeklyCost).toBe(236.25);

    const view = await getWaitingPoolBatch(prisma, broker, batchId);
    expect(view).toMatchObject({ kind: 'WAITING_POOL', status: 'PREVIEWED', provider: null, locality: { id: here, name: 'WP Area 1' }, pathway: null });
    const byId = new Map(view.items.map((i) => [i.packageId, i]));
    expect(view.items.map((i) => i.packageId).sort()).toEqual([oldest, twoCarer, later].sort());
    expect(byId.get(twoCarer)).toMatchObject({ proposedProvider: { id: near }, proposedContract: 'WP-LOCALITY-Nearby', tier: 1, state: { kind: 'PROPOSED' } });
    expect(byId.get(oldest)).toMatchObject({ proposedProvider: { id: spot }, tier: 3 });
    expect(byId.get(later)).toMatchObject({ proposedProvider: { id: spot }, tier: 3 });
    expect(byId.get(twoCarer)!.reasons.join('; ')).toContain('£20.00/h');
    // Nothing has been offered yet.
    expect(await prisma.offer.count({ where: { councilId } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'waiting-pool.previewed', entityId: batchId, actorId: broker.userId } })).toBe(1);
  });

  it('says why a package cannot be placed, and who nearly could', async () => {
    // Only one morning of room for two-carer care: a second two-carer package cannot be placed.
    const second = await post(here, double, 150);
    const { batchId: id, solver } = await previewWaitingPool(prisma, broker, { localityId: here, pathway: 'LONG_TERM' }, now, { timeLimitSeconds: 5 });
    expect(solver).toMatchObject({ packages: 4, placed: 3 });
    const view = await getWaitingPoolBatch(prisma, broker, id);
    expect(view.pathway).toBe('LONG_TERM');
    const unplaced = view.items.filter((i) => !i.proposedProvider);
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0].reasons).toContain('No provider has spare capacity left for it in its area and times');
    expect(unplaced[0].reasons).toContain('Nearby Care has room for it, but the plan gives that room to other packages');
    await prisma.package.update({ where: { councilId_id: { councilId, id: second } }, data: { status: 'CANCELLED' } });
  });

  it('refuses a locality of another council, and a pool with nothing waiting', async () => {
    const bad = await rejection(previewWaitingPool(prisma, broker, { localityId: randomUUID() }, now));
    expect(bad.fieldErrors).toEqual({ localityId: ['Choose a locality from the list'] });
    expect((await rejection(previewWaitingPool(prisma, broker, { pathway: 'SOMETHING' as never }, now))).fieldErrors).toHaveProperty('pathway');
    expect((await rejection(previewWaitingPool(prisma, broker, { localityId: empty }, now))).code).toBe('CONFLICT');
  });

  it('sends one offer per planned package to the planned provider, skipping a package changed since the plan', async () => {
    const changed = await changePackage(
      prisma,
      broker,
      { packageId: later, expectedVersion: 1, visits: [{ days: ALL, start: '07:00', minutes: 45, carers: 1 }] },
      new Date(now.getTime() + 60_000),
    );
    expect(changed.version).toBe(2);
    const sentAt = new Date(now.getTime() + 120_000);
    const { items } = await sendWaitingPool(prisma, broker, { batchId }, sentAt);
    const outcome = new Map(items.map((i) => [i.packageId, i.outcome]));
    expect(outcome).toEqual(
      new Map([
        [oldest, 'OFFERED'],
        [twoCarer, 'OFFERED'],
        [later, 'CHANGED'],
      ]),
    );
    const made = await prisma.offer.findMany({
      where: { councilId, offeredAt: sentAt },
      select: { packageId: true, providerId: true, tier: true, packageVersion: true, deadline: true, status: true },
    });
    const madeIds = (await prisma.offer.findMany({ where: { councilId, offeredAt: sentAt }, select: { id: true } })).map((o) => o.id);
    expect(made.sort((a, b) => a.packageId.localeCompare(b.packageId))).toEqual(
      [
        { packageId: oldest, providerId: spot, tier: null, packageVersion: 1, deadline: new Date(sentAt.getTime() + 24 * 3_600_000), status: 'OFFERED' },
        { packageId: twoCarer, providerId: near, tier: null, packageVersion: 1, deadline: new Date(sentAt.getTime() + 24 * 3_600_000), status: 'OFFERED' },
      ].sort((a, b) => a.packageId.localeCompare(b.packageId)),
    );
    // The changed package was not offered to the plan's provider: only its own cascade asked anyone.
    expect(await prisma.offer.count({ where: { packageId: later, providerId: spot } })).toBe(0);
    expect(await prisma.offer.count({ where: { packageId: inElsewhere } })).toBe(0);
    // Each provider is told, with nothing personal.
    const notices = await prisma.notification.findMany({ where: { offerId: { in: madeIds }, kind: 'OFFER_RECEIVED' } });
    expect(notices.map((n) => n.providerId).sort()).toEqual([near, spot].sort());
    for (const n of notices) expect(`${n.title} ${n.body}`).not.toMatch(/Edith|Hartley|Mill Lane|BD2/);
    expect(await prisma.auditEvent.count({ where: { action: 'package.pool-offered', actorId: broker.userId } })).toBe(2);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'waiting-pool.sent', entityId: batchId } });
    expect(audit.details).toMatchObject({ offered: 2, changed: [later] });

    const view = await getWaitingPoolBatch(prisma, broker, batchId);
    const state = new Map(view.items.map((i) => [i.packageId, i.state.kind]));
    expect(state).toEqual(
      new Map([
        [oldest, 'OFFERED'],
        [twoCarer, 'OFFERED'],
        [later, 'NOT_SENT'],
      ]),
    );
  });

  it('offers nothing twice when sent twice, or when a new plan is sent', async () => {
    const before = await prisma.offer.count({ where: { councilId } });
    expect((await rejection(sendWaitingPool(prisma, broker, { batchId }, new Date(now.getTime() + 180_000)))).message).toBe(
      'These offers have already been sent.',
    );
    expect(await prisma.offer.count({ where: { councilId } })).toBe(before);

    const again = await previewWaitingPool(prisma, broker, { localityId: here }, new Date(now.getTime() + 240_000), { timeLimitSeconds: 5 });
    // The new plan says which of its providers already hold an offer of the package.
    const preview = new Map((await getWaitingPoolBatch(prisma, broker, again.batchId)).items.map((i) => [i.packageId, i.state]));
    expect(preview.get(oldest)).toEqual({ kind: 'PROPOSED', alreadyOffered: true });
    expect(preview.get(twoCarer)).toEqual({ kind: 'PROPOSED', alreadyOffered: true });
    expect(preview.get(later)).toEqual({ kind: 'PROPOSED' });
    const { items } = await sendWaitingPool(prisma, broker, { batchId: again.batchId }, new Date(now.getTime() + 300_000));
    const outcome = new Map(items.map((i) => [i.packageId, i.outcome]));
    expect(outcome.get(oldest)).toBe('ALREADY_OFFERED');
    expect(outcome.get(twoCarer)).toBe('ALREADY_OFFERED');
    const pairs = await prisma.offer.groupBy({ by: ['packageId', 'providerId', 'round'], where: { councilId }, _count: true });
    expect(pairs.every((p) => p._count === 1)).toBe(true);
  });

  it('places the package when the planned provider accepts', async () => {
    const offer = await prisma.offer.findFirstOrThrow({ where: { packageId: twoCarer, providerId: near, status: 'OFFERED' } });
    await acceptOffer(prisma, providerActor(near), { offerId: offer.id }, new Date(now.getTime() + 600_000));
    const view = await getWaitingPoolBatch(prisma, broker, batchId);
    expect(view.items.find((i) => i.packageId === twoCarer)?.state).toMatchObject({ kind: 'PLACED', providerId: near });
    expect(view.totals.placed).toBe(1);
  });

  it('is not found from another council', async () => {
    expect((await rejection(getWaitingPoolBatch(prisma, { ...broker, councilId: randomUUID() }, batchId))).code).toBe('NOT_FOUND');
    expect((await rejection(sendWaitingPool(prisma, { ...broker, councilId: randomUUID() }, { batchId }, now))).code).toBe('NOT_FOUND');
  });
});
