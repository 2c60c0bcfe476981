import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declineOffer } from '@/lib/offer/decline-offer';
import { listWaitingPackages } from '@/lib/package/list-waiting-packages';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { formatLondon } from '@/lib/time/london';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
let other: TFixture;
const now = new Date('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;
const ids: Record<string, string> = {};

async function save(f: TFixture, name: [string, string], overrides: Record<string, unknown> = {}) {
  const draft = draftFor(f, overrides);
  const saved = await saveDraftPackage(prisma, f.broker, { draft: { ...draft, person: { ...draft.person, givenName: name[0], familyName: name[1] } } });
  return saved.id;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'WTL', localityProviders: 2 });
  other = await buildCouncil(prisma, { code: 'OWL', localityProviders: 1 });
  // Posted 30 hours ago in locality 1; every provider asked declines, round after round.
  ids.declined = await save(fx, ['Ada', 'Lovelace']);
  await postPackage(prisma, fx.broker, { packageId: ids.declined }, new Date(now.getTime() - 30 * HOUR));
  for (let round = 0; round < 6; round++) {
    const open = await prisma.offer.findMany({ where: { packageId: ids.declined, status: 'OFFERED' } });
    if (open.length === 0) break;
    for (const o of open) {
      await declineOffer(prisma, fx.providerActor(o.providerId), { offerId: o.id, reason: 'NO_CAPACITY' }, new Date(now.getTime() - (29 - round) * HOUR));
    }
  }
  // Posted an hour ago in locality 1, two carers, a name with an underscore in it; offers open.
  ids.open = await save(fx, ['Grace', 'Hop_per'], { visits: [{ days: ['MON'], start: '08:00', minutes: 30, carers: 2 }] });
  await postPackage(prisma, fx.broker, { packageId: ids.open }, new Date(now.getTime() - HOUR));
  // A draft in locality 2, created by someone else.
  ids.draft = await save(fx, ['Alan', 'Turing'], { localityId: fx.localities.l2 });
  await prisma.package.update({ where: { councilId_id: { councilId: fx.councilId, id: ids.draft } }, data: { createdById: null } });
  // Another council's package with the same name is never listed.
  ids.elsewhere = await save(other, ['Grace', 'Hop_per']);
});

afterAll(async () => {
  await prisma.$disconnect();
});

const list = async (filters: Parameters<typeof listWaitingPackages>[2]) => {
  const { total, packages } = await listWaitingPackages(prisma, fx.broker, { includeDrafts: true, take: 50, ...filters }, now);
  return { total, ids: packages.map((p) => p.id), packages };
};

describe('the broker’s waiting list', () => {
  it('lists the council’s unplaced packages, longest wait first, drafts last', async () => {
    expect((await list({})).ids).toEqual([ids.declined, ids.open, ids.draft]);
  });

  it('filters by locality, pathway, status, two carers, waiting over a day and creator', async () => {
    expect((await list({ localityId: fx.localities.l2 })).ids).toEqual([ids.draft]);
    expect((await list({ pathways: ['REABLEMENT'] })).ids).toEqual([]);
    expect((await list({ status: 'DRAFT' })).ids).toEqual([ids.draft]);
    expect((await list({ status: 'OPEN_MARKET' })).ids).toEqual([ids.declined]);
    expect((await list({ twoCarers: true })).ids).toEqual([ids.open]);
    expect((await list({ waitingOverDay: true })).ids).toEqual([ids.declined]);
    expect((await list({ mine: true })).ids).toEqual([ids.declined, ids.open]);
    expect((await list({ localityId: fx.localities.l1, twoCarers: true, mine: true })).total).toBe(1);
  });

  it('finds a person by name or by the start of their NHS number, and reads % and _ as themselves', async () => {
    expect((await list({ search: 'hop_per' })).ids).toEqual([ids.open]);
    expect((await list({ search: 'grace HOP' })).ids).toEqual([ids.open]);
    // As a LIKE wildcard, _ would match every one-letter name part; % would match everyone.
    expect((await list({ search: 'Hop%' })).ids).toEqual([]);
    expect((await list({ search: '%' })).ids).toEqual([]);
    expect((await list({ search: 'Lovelac_' })).ids).toEqual([]);
    const nhs = (await prisma.person.findFirstOrThrow({ where: { councilId: fx.councilId, familyName: 'Turing' } })).nhsNumber;
    expect((await list({ search: `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}` })).ids).toEqual([ids.draft]);
  });

  it('counts open offers with the next deadline, and says why a package is stuck', async () => {
    const { packages } = await list({});
    const byId = new Map(packages.map((p) => [p.id, p]));
    const open = byId.get(ids.open)!;
    expect(open.openOffers).toBe(2);
    expect(open.nextDeadline).toBeInstanceOf(Date);
    expect(open.stuck).toBeNull();
    const declined = byId.get(ids.declined)!;
    expect(declined.status).toBe('OPEN_MARKET');
    expect(declined.openOffers).toBe(0);
    expect(declined.nextDeadline).toBeNull();
    // The cascade's tiers were declined, then the open market's one provider; nobody is left.
    const market = await prisma.offer.findMany({ where: { packageId: ids.declined, tier: null } });
    expect(market).toHaveLength(1);
    expect(market[0].round).toBe(declined.offerRound - 1);
    expect(declined.stuck).toBe(`On the open market since ${formatLondon(market[0].offeredAt)}; the only offer was declined; no provider left to ask`);
    expect(byId.get(ids.draft)!.stuck).toBeNull();
  });
});
