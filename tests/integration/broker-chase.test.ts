import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { getPackageTimeline } from '@/lib/package/get-package-timeline';
import { postPackage } from '@/lib/package/post-package';
import { remindProviders } from '@/lib/package/remind-providers';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
const now = new Date('2026-11-23T09:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'CHS', localityProviders: 2 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

const reminders = (packageId: string) =>
  prisma.notification
    .findMany({ where: { councilId: fx.councilId, title: { startsWith: 'Reminder' }, link: { not: null } }, orderBy: { createdAt: 'asc' } })
    .then((all) => all.filter((n) => n.body.includes(packageId)));

describe('a broker chasing the providers asked', () => {
  it('reminds each provider holding an open offer once it has had it a while, never twice in a row, with nothing personal', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    const offers = await prisma.offer.findMany({ where: { packageId: saved.id }, orderBy: { rank: 'asc' }, include: { provider: true } });
    expect(offers).toHaveLength(2);

    // Straight after posting: the offers are too fresh to chase.
    const early = await remindProviders(prisma, fx.broker, { packageId: saved.id }, minutes(2));
    expect(early).toEqual({ reference: saved.reference, reminded: [], tooSoon: offers.map((o) => o.provider.name) });
    expect(await reminders(saved.reference)).toHaveLength(0);

    const later = await remindProviders(prisma, fx.broker, { packageId: saved.id }, minutes(15));
    expect(later.reminded).toEqual(offers.map((o) => o.provider.name));
    const sent = await reminders(saved.reference);
    expect(sent.map((n) => [n.providerId, n.link])).toEqual(offers.map((o) => [o.providerId, `/provider#offer-${o.id}`]));
    for (const n of sent) {
      expect(n.body).toContain('Reply by');
      expect(`${n.title} ${n.body}`).not.toMatch(/Ada|Lovelace|BD1|Test Street/);
    }

    // A second press moments later sends nothing more.
    const again = await remindProviders(prisma, fx.broker, { packageId: saved.id }, minutes(18));
    expect(again.reminded).toEqual([]);
    expect(await reminders(saved.reference)).toHaveLength(2);

    const timeline = await getPackageTimeline(prisma, { councilId: fx.councilId, id: saved.id, createdAt: now });
    expect(timeline.map((t) => t.text)).toContain('Reminded 2 providers of the open offer');
    expect(await prisma.auditEvent.count({ where: { entityId: saved.id, action: 'package.reminded', actorId: fx.broker.userId } })).toBe(3);
  });

  it('refuses to chase a placed package, or another council’s', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    const offer = await prisma.offer.findFirstOrThrow({ where: { packageId: saved.id }, orderBy: { rank: 'asc' } });
    const other = await buildCouncil(prisma, { code: 'CHO', localityProviders: 1 });
    expect((await rejection(remindProviders(prisma, other.broker, { packageId: saved.id }, minutes(15)))).code).toBe('NOT_FOUND');

    await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, minutes(5));
    const placed = await rejection(remindProviders(prisma, fx.broker, { packageId: saved.id }, minutes(15)));
    expect(placed.code).toBe('CONFLICT');
    expect(placed.message).toMatch(/no longer waiting/);
    expect((await rejection(remindProviders(prisma, fx.broker, { packageId: 'not-a-uuid' }, minutes(15)))).fieldErrors).toEqual({
      packageId: ['Choose a package'],
    });
  });
});
