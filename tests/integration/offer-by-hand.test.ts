import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRound } from '@/lib/brokerage/close-round';
import { updateCouncilSettings } from '@/lib/brokerage/update-council-settings';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { declineOffer } from '@/lib/offer/decline-offer';
import { listHandOfferChoices, offerToProvider } from '@/lib/package/offer-to-provider';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { setRateUplift } from '@/lib/package/set-rate-uplift';
import { buildCouncil, draftFor, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
let other: TFixture;
const now = new Date('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;
const later = new Date(now.getTime() + HOUR);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'HND', localityProviders: 2 });
  other = await buildCouncil(prisma, { code: 'OTH', localityProviders: 1 });
  // Long-term offers last 12 hours in this council.
  await updateCouncilSettings(
    prisma,
    { ...fx.broker, role: 'ADMIN', mfaEnabled: true },
    { offerMinutesHospitalDischarge: 30, offerMinutesReablement: 120, offerMinutesLongTerm: 720 },
  );
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function posted(f: TFixture = fx, overrides: Record<string, unknown> = {}) {
  const saved = await saveDraftPackage(prisma, f.broker, { draft: draftFor(f, overrides) });
  await postPackage(prisma, f.broker, { packageId: saved.id }, now);
  return saved.id;
}

describe('offering a package to a named provider by hand', () => {
  it('adds an offer with no tier to the open round, at the contract rate plus the uplift, with the pathway deadline, and tells the provider nothing personal', async () => {
    const id = await posted();
    await setRateUplift(prisma, fx.broker, { packageId: id, uplift: 1.5 }, now);
    const choices = await listHandOfferChoices(prisma, fx.broker, id, later);
    expect(choices.map((c) => [c.providerId, c.tier, c.hourlyRate, c.offeredThisRound])).toEqual([
      [fx.locality[0], 1, 22.5, true],
      [fx.locality[1], 1, 22.51, true],
      [fx.spot, 3, 24.5, false],
      [fx.step, null, 22.1, false],
    ]);

    const result = await offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.spot, expectedVersion: 1 }, later);
    const deadline = new Date(later.getTime() + 12 * HOUR);
    expect(result).toEqual({ offerId: expect.any(String), deadline, hourlyRate: 24.5, round: 1 });
    const offer = await prisma.offer.findFirstOrThrow({ where: { id: result.offerId }, include: { contract: true } });
    expect(offer).toMatchObject({
      packageId: id,
      packageVersion: 1,
      providerId: fx.spot,
      round: 1,
      tier: null,
      rank: 3,
      status: 'OFFERED',
      deadline,
      offeredAt: later,
    });
    expect(Number(offer.hourlyRate)).toBe(24.5);
    expect(offer.contract).toMatchObject({ providerId: fx.spot, type: 'SPOT' });
    expect(offer.reasons[0]).toBe(`Offered by hand by Bea Broker: contract ${offer.contract!.reference} covers HND L1`);

    // The round waits for the hand offer: its deadline moved out to the hand offer's.
    expect((await prisma.package.findFirstOrThrow({ where: { id } })).roundDeadline).toEqual(deadline);

    const [note] = await prisma.notification.findMany({ where: { providerId: fx.spot, kind: 'OFFER_RECEIVED' } });
    expect(note.title).toMatch(/^New long-term package HND-/);
    const person = await prisma.person.findFirstOrThrow({ where: { packages: { some: { id } } } });
    for (const personal of [
      person.givenName,
      person.familyName,
      person.nhsNumber,
      person.postcode,
      person.addressLine1,
      person.dateOfBirth.toISOString().slice(0, 10),
    ]) {
      expect(`${note.title} ${note.body}`).not.toContain(personal);
    }
    expect(await prisma.auditEvent.count({ where: { action: 'package.offered-by-hand', entityId: id, actorId: fx.broker.userId } })).toBe(1);
  });

  it('refuses a second offer to the same provider in one round with a clear message, whether made by hand or by the cascade', async () => {
    const id = await posted();
    await offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.spot }, later);
    const again = await rejection(offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.spot }, later));
    expect(again).toMatchObject({ code: 'CONFLICT', message: 'This provider has already been offered this package in the current round.' });
    expect(again.fieldErrors).toEqual({ providerId: ['This provider has already been offered this package in the current round.'] });
    expect((await rejection(offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.locality[0] }, later))).code).toBe('CONFLICT');
    expect(await prisma.offer.count({ where: { packageId: id, providerId: fx.spot } })).toBe(1);
  });

  it('refuses a provider that does not cover the locality, or that the person excluded, with a field error', async () => {
    const id = await posted(fx, { excludedProviderIds: [fx.step] });
    for (const providerId of [fx.neighbour, fx.step]) {
      const refused = await rejection(offerToProvider(prisma, fx.broker, { packageId: id, providerId }, later));
      expect(refused.code).toBe('VALIDATION');
      expect(refused.fieldErrors?.providerId?.[0]).toMatch(
        /cannot be offered this package: it needs to be active with the council, hold a contract in force covering HND L1/,
      );
    }
    expect((await listHandOfferChoices(prisma, fx.broker, id, later)).map((c) => c.providerId)).not.toContain(fx.neighbour);
    expect(await prisma.offer.count({ where: { packageId: id, providerId: { in: [fx.neighbour, fx.step] } } })).toBe(0);
  });

  it("cannot reach another council's package or provider", async () => {
    const theirs = await posted(other);
    expect((await rejection(offerToProvider(prisma, fx.broker, { packageId: theirs, providerId: fx.spot }, later))).code).toBe('NOT_FOUND');
    expect(await listHandOfferChoices(prisma, fx.broker, theirs, later)).toEqual([]);
    const ours = await posted();
    expect((await rejection(offerToProvider(prisma, fx.broker, { packageId: ours, providerId: other.spot }, later))).code).toBe('NOT_FOUND');
    expect(await prisma.offer.count({ where: { providerId: other.spot } })).toBe(0);
  });

  it('asks for a draft to be posted first, and refuses a stale version', async () => {
    const draft = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    expect((await rejection(offerToProvider(prisma, fx.broker, { packageId: draft.id, providerId: fx.spot }, later))).message).toMatch(
      /^Post this package first/,
    );
    const id = await posted();
    expect((await rejection(offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.spot, expectedVersion: 7 }, later))).code).toBe('CONFLICT');
  });

  it('is accepted like any offer: the package is placed with that provider under the offered contract, and the cascade offers are withdrawn', async () => {
    const id = await posted();
    const { offerId } = await offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.spot }, later);
    await acceptOffer(prisma, fx.providerActor(fx.spot), { offerId }, new Date(later.getTime() + HOUR));
    const pkg = await prisma.package.findFirstOrThrow({ where: { id }, include: { placements: true, serviceLines: true } });
    const offer = await prisma.offer.findFirstOrThrow({ where: { id: offerId } });
    expect(pkg.status).toBe('PLACED');
    expect(pkg.placements).toMatchObject([{ providerId: fx.spot, contractId: offer.contractId, offerId, endedAt: null }]);
    expect(pkg.serviceLines.map((l) => [l.providerId, Number(l.hourlyRate)])).toEqual([[fx.spot, 23]]);
    expect(await prisma.offer.count({ where: { packageId: id, round: 1, status: 'WITHDRAWN' } })).toBe(2);
  });

  it('keeps the round open while the hand offer is open, and closes it when its deadline passes', async () => {
    const id = await posted();
    const { offerId, deadline } = await offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.spot }, later);
    const cascade = await prisma.offer.findMany({ where: { packageId: id, tier: 1 } });
    for (const o of cascade)
      expect(await declineOffer(prisma, fx.providerActor(o.providerId), { offerId: o.id, reason: 'NO_CAPACITY' }, later)).toEqual({ roundClosed: false });
    // The cascade round's own deadline (12 hours after posting) has passed, the hand offer's has not.
    expect(await closeRound(prisma, { councilId: fx.councilId, packageId: id, round: 1 }, new Date(now.getTime() + 12 * HOUR + 60_000))).toEqual({
      closed: false,
    });
    expect((await prisma.offer.findFirstOrThrow({ where: { id: offerId } })).status).toBe('OFFERED');
    const closed = await closeRound(prisma, { councilId: fx.councilId, packageId: id, round: 1 }, deadline);
    // The cascade goes on to its next tier, as after any tier round: the hand offer has no tier of its own.
    expect(closed).toMatchObject({ closed: true, expired: 1, next: { kind: 'TIER', tier: 2, round: 2, offers: 1 } });
    expect((await prisma.offer.findFirstOrThrow({ where: { id: offerId } })).status).toBe('EXPIRED');
    expect((await prisma.package.findFirstOrThrow({ where: { id } })).offerRound).toBe(2);
  });

  it('on the open market, joins the open-market round and holds it open like the others; with nobody left to ask, it opens the round again', async () => {
    const id = await posted();
    // Let every tier lapse until the package is on the open market (only the STEP provider is left).
    let pkg = await prisma.package.findFirstOrThrow({ where: { id } });
    while (pkg.status === 'OFFERING') {
      await closeRound(prisma, { councilId: fx.councilId, packageId: id, round: pkg.offerRound }, pkg.roundDeadline!);
      pkg = await prisma.package.findFirstOrThrow({ where: { id } });
    }
    expect(pkg.status).toBe('OPEN_MARKET');
    const at = pkg.roundDeadline!.getTime() - 6 * 24 * HOUR; // a day into the seven-day open market
    const openMarketDeadline = pkg.roundDeadline;
    const [step] = await prisma.offer.findMany({ where: { packageId: id, round: pkg.offerRound } });
    expect(step.providerId).toBe(fx.step);

    // A locality provider that let its tier lapse is rung and offered it by hand in this round.
    const hand = await offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.locality[0] }, new Date(at));
    expect(hand.round).toBe(pkg.offerRound);
    expect((await prisma.package.findFirstOrThrow({ where: { id } })).roundDeadline).toEqual(openMarketDeadline);
    expect(await declineOffer(prisma, fx.providerActor(fx.step), { offerId: step.id, reason: 'AREA' }, new Date(at))).toEqual({ roundClosed: false });
    expect(await declineOffer(prisma, fx.providerActor(fx.locality[0]), { offerId: hand.offerId, reason: 'NO_CAPACITY' }, new Date(at))).toEqual({
      roundClosed: true,
    });

    // Nobody left to ask: the package waits on the open market with no round deadline...
    pkg = await prisma.package.findFirstOrThrow({ where: { id } });
    expect(pkg).toMatchObject({ status: 'OPEN_MARKET', roundDeadline: null });
    // ...until the broker offers it by hand: the round gets the hand offer's deadline.
    const again = await offerToProvider(prisma, fx.broker, { packageId: id, providerId: fx.spot }, new Date(at + HOUR));
    expect(again.round).toBe(pkg.offerRound);
    expect((await prisma.package.findFirstOrThrow({ where: { id } })).roundDeadline).toEqual(again.deadline);
    await acceptOffer(prisma, fx.providerActor(fx.spot), { offerId: again.offerId }, new Date(at + 2 * HOUR));
    expect((await prisma.package.findFirstOrThrow({ where: { id } })).status).toBe('PLACED');
  });
});
