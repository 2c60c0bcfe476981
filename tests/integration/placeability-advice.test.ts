import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { capacityNeeds, capacityNeedsCsv, needSentence, packagePlaceability } from '@/lib/package/placeability-advice';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { resetDatabase, testPrisma } from './support/database';
import { failureDraft, type TVisitSpec } from './support/failure-fixtures';

// What would place a waiting package, on a market built here. One provider, Ace Care, holds the
// locality contract for Wharfedale: room in the morning and afternoon, one evening carer-hour a
// week, and no carers who go in twos. Four packages are posted:
//   late evening (18:15 daily, 3.5 carer-hours): Ace Care is 2.5 carer-hours short in the evening;
//   early evening (17:10 daily): the same, but moving the visit to 16:55 puts it in the afternoon;
//   two carers (08:00 daily): Ace Care cannot send two carers;
//   morning (07:30 daily): Ace Care can be offered it, so there is nothing to advise.

let prisma: PrismaClient;
let councilId: string;
let wharfedale: string;
let ace: string;
let broker: TCouncilActor;
const now = new Date('2026-11-23T09:00:00Z');
const ALL: TVisitSpec['days'] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const ids: Record<'late' | 'early' | 'twoCarers' | 'morning', string> = { late: '', early: '', twoCarers: '', morning: '' };

async function post(visits: TVisitSpec[]): Promise<string> {
  const saved = await saveDraftPackage(prisma, broker, { draft: failureDraft(wharfedale, visits) });
  await postPackage(prisma, broker, { packageId: saved.id }, now);
  return saved.id;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  councilId = (await prisma.council.create({ data: { code: 'PA', name: 'PA Council' } })).id;
  wharfedale = (await prisma.locality.create({ data: { councilId, code: 'PA-WH', name: 'Wharfedale' } })).id;
  const p = await prisma.provider.create({ data: { name: 'Ace Care', cqcLocationId: `PA-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded: false } });
  ace = p.id;
  await prisma.councilProvider.create({ data: { councilId, providerId: ace } });
  await prisma.contract.create({
    data: {
      councilId,
      reference: 'PA-LOC-ACE',
      providerId: ace,
      type: 'LOCALITY',
      hourlyRate: 21,
      validFrom: new Date('2025-04-01'),
      localities: { create: [{ localityId: wharfedale }] },
    },
  });
  await prisma.capacityDeclaration.createMany({
    data: (
      [
        ['MORNING', 40],
        ['AFTERNOON', 40],
        ['EVENING', 1],
      ] as const
    ).map(([band, carerHours]) => ({ councilId, providerId: ace, localityId: wharfedale, band, carerHours, declaredAt: new Date('2026-11-01T00:00:00Z') })),
  });
  const u = await prisma.user.create({ data: { email: 'broker@pa.example', name: 'Bea Broker', role: 'BROKER', councilId } });
  broker = { userId: u.id, email: u.email, name: u.name, role: 'BROKER', councilId, providerId: null, providerManager: false, mfaEnabled: false };
  ids.late = await post([{ days: ALL, start: '18:15', minutes: 30, carers: 1 }]);
  ids.early = await post([{ days: ALL, start: '17:10', minutes: 30, carers: 1 }]);
  ids.twoCarers = await post([{ days: ALL, start: '08:00', minutes: 30, carers: 2 }]);
  ids.morning = await post([{ days: ALL, start: '07:30', minutes: 30, carers: 1 }]);
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe('what would place a waiting package', () => {
  it('names, on the package page, the provider one change away, what it misses the package by and that change', async () => {
    const statuses = await prisma.package.findMany({ where: { councilId }, select: { id: true, status: true } });
    expect(statuses.every((s) => s.status === 'OFFERING' || s.status === 'OPEN_MARKET')).toBe(true);

    const late = await packagePlaceability(prisma, broker, ids.late, now);
    expect(late?.placeable).toBe(false);
    expect(late?.providers).toHaveLength(1);
    expect(late?.providers[0]).toMatchObject({
      providerId: ace,
      providerName: 'Ace Care',
      lever: { kind: 'CAPACITY', band: 'EVENING', shortByHours: 2.5, missingDays: [] },
      misses: 'Ace Care is 2.5 carer-hours a week short of room in the evening in Wharfedale.',
      change: '2.5 more evening carer-hours a week from Ace Care in Wharfedale would place it.',
    });
    expect(late?.providers[0].lever).not.toHaveProperty('shift');

    const early = await packagePlaceability(prisma, broker, ids.early, now);
    expect(early?.providers[0].lever).toMatchObject({ kind: 'CAPACITY', band: 'EVENING', shift: { from: '17:10', to: '16:55', band: 'AFTERNOON' } });
    expect(early?.providers[0].change).toContain('Or moving the 17:10 visit to 16:55 puts it in the afternoon, where Ace Care has room.');

    const twoCarers = await packagePlaceability(prisma, broker, ids.twoCarers, now);
    expect(twoCarers?.providers.map((a) => a.lever.kind)).toEqual(['DOUBLE_HANDED']);
    expect(twoCarers?.providers[0].misses).toBe('Ace Care cannot send two carers to one visit.');

    // Nobody has turned it down and Wharfedale is not rural: nothing to advise.
    expect(await packagePlaceability(prisma, broker, ids.morning, now)).toEqual({ placeable: true, providers: [], uplift: null, runs: [] });
    // Another council's broker learns nothing of the package.
    expect(await packagePlaceability(prisma, { councilId: randomUUID() }, ids.late, now)).toBeNull();
  });

  it('groups the waiting packages for the capacity meeting by locality and the change that would place them, with a CSV', async () => {
    const result = await capacityNeeds(prisma, broker, now);
    expect(result.waiting).toBe(4);
    expect(result.placeable).toBe(1);
    expect(result.needs).toEqual([
      { localityId: wharfedale, localityName: 'Wharfedale', need: 'evening capacity', packages: 2, hours: 7, hoursShort: 5, movable: 1, splittable: 0 },
      {
        localityId: wharfedale,
        localityName: 'Wharfedale',
        need: 'double-handed carers',
        packages: 1,
        hours: 7,
        hoursShort: null,
        movable: null,
        splittable: 0,
      },
    ]);
    expect(needSentence(result.needs[0])).toBe('2 packages need evening capacity in Wharfedale');
    expect(result.runs).toEqual([]);

    const csv = capacityNeedsCsv('PA Council', result, now).split('\r\n');
    expect(csv[0]).toMatch(/^# PA Council — What would place the waiting packages — 4 waiting, 1 of them/);
    const header = csv.findIndex((l) => l.startsWith('Locality,'));
    expect(csv.slice(header, header + 3)).toEqual([
      'Locality,What would place them,Packages,Carer-hours a week,Carer-hours a week short,Placed by moving a visit up to 30 minutes,Placed by a split between two providers',
      'Wharfedale,evening capacity,2,7.0,5.0,1,0',
      'Wharfedale,double-handed carers,1,7.0,,,0',
    ]);
  });
});

// A rural locality, Upper Dales, where Dale Care (20 carer-hours of morning room) and Moor Care (5)
// both hold the locality contract at £20 an hour. Two packages wait there in the morning:
//   target (07:30 daily, 3.5 carer-hours, uplift £1): Dale Care declined it, Moor Care let its offer lapse;
//   second (08:00 weekdays, 3.75 carer-hours): its offers are still out.
// Offers accepted in Upper Dales for long-term care in the last 12 weeks paid £22, £23, £24 and £26
// an hour: the 75th percentile is £24.50. Accepted offers that must not count: one 13 weeks ago, one
// for reablement, and one of another council's whose locality has Upper Dales's very id.
describe('the rate uplift and rural runs', () => {
  let dalesCouncil: string;
  let dales: string;
  let dale: string;
  let moor: string;
  let dalesBroker: TCouncilActor;
  const dalesIds = { target: '', second: '' };
  const WEEK = 7 * 86_400_000;

  const brokerOf = async (council: string, email: string): Promise<TCouncilActor> => {
    const u = await prisma.user.create({ data: { email, name: 'Dee Broker', role: 'BROKER', councilId: council } });
    return { userId: u.id, email: u.email, name: u.name, role: 'BROKER', councilId: council, providerId: null, providerManager: false, mfaEnabled: false };
  };
  const postIn = async (actor: TCouncilActor, localityId: string, visits: TVisitSpec[]) => {
    const saved = await saveDraftPackage(prisma, actor, { draft: failureDraft(localityId, visits) });
    await postPackage(prisma, actor, { packageId: saved.id }, now);
    return saved.id;
  };
  const careProvider = async (name: string, morning: number) => {
    const id = (await prisma.provider.create({ data: { name, cqcLocationId: `UD-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded: true } })).id;
    await prisma.councilProvider.create({ data: { councilId: dalesCouncil, providerId: id } });
    await prisma.contract.create({
      data: {
        councilId: dalesCouncil,
        reference: `UD-LOC-${name}`,
        providerId: id,
        type: 'LOCALITY',
        hourlyRate: 20,
        validFrom: new Date('2025-04-01'),
        localities: { create: [{ localityId: dales }] },
      },
    });
    await prisma.capacityDeclaration.create({
      data: { councilId: dalesCouncil, providerId: id, localityId: dales, band: 'MORNING', carerHours: morning, declaredAt: new Date('2026-11-01T00:00:00Z') },
    });
    return id;
  };
  /** A package of Upper Dales whose offer from Dale Care was accepted `weeksAgo` at `rate`; it waits no longer. */
  const acceptedAt = async (rate: number, weeksAgo: number, pathway: 'LONG_TERM' | 'REABLEMENT' = 'LONG_TERM') => {
    const id = await postIn(dalesBroker, dales, [{ days: ALL, start: '07:00', minutes: 30, carers: 1 }]);
    await prisma.offer.updateMany({
      where: { councilId: dalesCouncil, packageId: id, providerId: dale },
      data: { status: 'ACCEPTED', hourlyRate: rate, respondedAt: new Date(now.getTime() - weeksAgo * WEEK) },
    });
    await prisma.package.update({ where: { councilId_id: { councilId: dalesCouncil, id } }, data: { status: 'CANCELLED', pathway } });
  };

  beforeAll(async () => {
    dalesCouncil = (await prisma.council.create({ data: { code: 'UD', name: 'UD Council' } })).id;
    dales = (await prisma.locality.create({ data: { councilId: dalesCouncil, code: 'UD-UP', name: 'Upper Dales', rural: true } })).id;
    dalesBroker = await brokerOf(dalesCouncil, 'broker@ud.example');
    dale = await careProvider('Dale Care', 20);
    moor = await careProvider('Moor Care', 5);
    for (const [rate, weeksAgo] of [
      [22, 1],
      [23, 2],
      [24, 3],
      [26, 11],
      // Too long ago to count.
      [40, 13],
    ] as const)
      await acceptedAt(rate, weeksAgo);
    // Another pathway: does not count.
    await acceptedAt(40, 1, 'REABLEMENT');

    // Another council, whose locality shares Upper Dales's id, accepted an offer at £45 an hour last week.
    const other = (await prisma.council.create({ data: { code: 'OT', name: 'OT Council' } })).id;
    await prisma.locality.create({ data: { councilId: other, id: dales, code: 'OT-UP', name: 'Other Dales', rural: true } });
    const otherProvider = (
      await prisma.provider.create({ data: { name: 'Other Care', cqcLocationId: `OT-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded: true } })
    ).id;
    await prisma.councilProvider.create({ data: { councilId: other, providerId: otherProvider } });
    const otherPackage = await postIn(await brokerOf(other, 'broker@ot.example'), dales, [{ days: ALL, start: '07:00', minutes: 30, carers: 1 }]);
    await prisma.offer.create({
      data: {
        councilId: other,
        packageId: otherPackage,
        packageVersion: 1,
        providerId: otherProvider,
        round: 1,
        rank: 1,
        hourlyRate: 45,
        status: 'ACCEPTED',
        deadline: now,
        respondedAt: new Date(now.getTime() - WEEK),
      },
    });
    await prisma.package.update({ where: { councilId_id: { councilId: other, id: otherPackage } }, data: { status: 'CANCELLED' } });

    dalesIds.target = await postIn(dalesBroker, dales, [{ days: ALL, start: '07:30', minutes: 30, carers: 1 }]);
    await prisma.package.update({ where: { councilId_id: { councilId: dalesCouncil, id: dalesIds.target } }, data: { rateUplift: 1 } });
    await prisma.offer.updateMany({
      where: { councilId: dalesCouncil, packageId: dalesIds.target, providerId: dale },
      data: { status: 'DECLINED', declineReason: 'NO_CAPACITY', respondedAt: now },
    });
    await prisma.offer.updateMany({ where: { councilId: dalesCouncil, packageId: dalesIds.target, providerId: moor }, data: { status: 'EXPIRED' } });
    dalesIds.second = await postIn(dalesBroker, dales, [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', minutes: 45, carers: 1 }]);
  }, 120_000);

  it('names the uplift that brings a turned-down package up to what the council pays in its locality, counting only its own offers', async () => {
    const offered = await prisma.offer.findMany({ where: { councilId: dalesCouncil, packageId: dalesIds.target }, select: { status: true } });
    expect(offered.map((o) => o.status).sort()).toEqual(['DECLINED', 'EXPIRED']);

    const advice = await packagePlaceability(prisma, dalesBroker, dalesIds.target, now);
    expect(advice?.placeable).toBe(true);
    expect(advice?.providers).toEqual([]);
    // £20 contract rate + £1 uplift = £21; £24.50 − £21 = £3.50 an hour, on 3.5 carer-hours £12.25 a week.
    expect(advice?.uplift).toEqual({
      uplift: { rate: 21, localRate: 24.5, accepted: 4, more: 3.5, weekly: 12.25, setTo: 4.5 },
      misses:
        'Offered at £21.00 an hour, 1 provider declined it (no capacity) and 1 provider let its offer lapse. Offers accepted for long-term care in Upper Dales in the last 12 weeks paid £24.50 an hour (the 75th percentile of 4 offers).',
      change: '£3.50 an hour more would bring it up to that, adding £12.25 to its weekly cost (3.5 carer-hours a week): set the rate uplift to £4.50 an hour.',
    });
    // Nobody has turned the second package down yet.
    expect((await packagePlaceability(prisma, dalesBroker, dalesIds.second, now))?.uplift).toBeNull();
  });

  it('offers the packages waiting in a rural locality in the same band as one run to the provider with room for them all', async () => {
    const references = await prisma.package.findMany({
      where: { councilId: dalesCouncil, id: { in: [dalesIds.target, dalesIds.second] } },
      select: { id: true, reference: true },
    });
    const ref = new Map(references.map((r) => [r.id, r.reference]));
    const sentence =
      '2 packages wait in Upper Dales in the morning; together 7.25 carer-hours a week of morning care; Dale Care has room for all their morning visits: offer them as one run.';
    const advice = await packagePlaceability(prisma, dalesBroker, dalesIds.second, now);
    // Moor Care has room for either package alone (5 carer-hours), not for both.
    expect(advice?.runs).toEqual([
      {
        band: 'MORNING',
        packages: [dalesIds.target, dalesIds.second].map((id) => ({ id, reference: ref.get(id) })),
        hours: 7.25,
        providers: ['Dale Care'],
        sentence,
      },
    ]);
    const needs = await capacityNeeds(prisma, dalesBroker, now);
    expect(needs).toMatchObject({ waiting: 2, placeable: 2, needs: [], inRuns: 2 });
    expect(needs.runs).toEqual([
      {
        localityId: dales,
        localityName: 'Upper Dales',
        band: 'MORNING',
        packages: 2,
        references: [ref.get(dalesIds.target), ref.get(dalesIds.second)].sort(),
        hours: 7.25,
        providers: ['Dale Care'],
        sentence,
      },
    ]);
  });
});

// Calder: Early Care (£19 an hour) has room in the morning and one evening carer-hour; Late Care
// (£21) has room in the evening only. A package with a morning and an evening visit fits neither,
// but the two of them between them.
describe('a split between two providers', () => {
  it('names on the package page both providers and the visits each would take', async () => {
    const council = (await prisma.council.create({ data: { code: 'SP', name: 'SP Council' } })).id;
    const calder = (await prisma.locality.create({ data: { councilId: council, code: 'SP-CA', name: 'Calder' } })).id;
    const carer = async (name: string, rate: number, room: ['MORNING' | 'EVENING', number][]) => {
      const id = (await prisma.provider.create({ data: { name, cqcLocationId: `SP-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded: true } })).id;
      await prisma.councilProvider.create({ data: { councilId: council, providerId: id } });
      await prisma.contract.create({
        data: {
          councilId: council,
          reference: `SP-LOC-${name}`,
          providerId: id,
          type: 'LOCALITY',
          hourlyRate: rate,
          validFrom: new Date('2025-04-01'),
          localities: { create: [{ localityId: calder }] },
        },
      });
      await prisma.capacityDeclaration.createMany({
        data: room.map(([band, carerHours]) => ({
          councilId: council,
          providerId: id,
          localityId: calder,
          band,
          carerHours,
          declaredAt: new Date('2026-11-01T00:00:00Z'),
        })),
      });
      return id;
    };
    const early = await carer('Early Care', 19, [
      ['MORNING', 40],
      ['EVENING', 1],
    ]);
    const late = await carer('Late Care', 21, [['EVENING', 40]]);
    const u = await prisma.user.create({ data: { email: 'broker@sp.example', name: 'Sam Broker', role: 'BROKER', councilId: council } });
    const actor: TCouncilActor = {
      userId: u.id,
      email: u.email,
      name: u.name,
      role: 'BROKER',
      councilId: council,
      providerId: null,
      providerManager: false,
      mfaEnabled: false,
    };
    const saved = await saveDraftPackage(prisma, actor, {
      draft: failureDraft(calder, [
        { days: ALL, start: '07:30', minutes: 30, carers: 1 },
        { days: ALL, start: '18:00', minutes: 30, carers: 1 },
      ]),
    });
    await postPackage(prisma, actor, { packageId: saved.id }, now);

    const advice = await packagePlaceability(prisma, actor, saved.id, now);
    expect(advice?.placeable).toBe(false);
    expect(advice?.providers.map((a) => [a.lever.kind, a.providerName])).toEqual([
      ['CAPACITY', 'Early Care'],
      ['CAPACITY', 'Late Care'],
      ['SPLIT', 'Early Care'],
    ]);
    expect(advice?.providers[2]).toMatchObject({
      providerId: early,
      partnerName: 'Late Care',
      lever: {
        kind: 'SPLIT',
        partnerId: late,
        parts: [
          { providerId: early, bands: ['MORNING'], starts: ['07:30'], hours: 3.5 },
          { providerId: late, bands: ['EVENING'], starts: ['18:00'], hours: 3.5 },
        ],
      },
      misses: 'Neither Early Care nor Late Care has room for all of it in Calder, but between them they have.',
      change:
        'Early Care taking the morning visit (07:30, 3.5 carer-hours a week) and Late Care the evening visit (18:00, 3.5 carer-hours a week) would place it: offer each provider its part.',
    });
    const needs = await capacityNeeds(prisma, actor, now);
    expect(needs.needs).toEqual([
      { localityId: calder, localityName: 'Calder', need: 'evening capacity', packages: 1, hours: 7, hoursShort: 2.5, movable: 0, splittable: 1 },
    ]);
  });
});
