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

    expect(await packagePlaceability(prisma, broker, ids.morning, now)).toEqual({ placeable: true, providers: [] });
    // Another council's broker learns nothing of the package.
    expect(await packagePlaceability(prisma, { councilId: randomUUID() }, ids.late, now)).toBeNull();
  });

  it('groups the waiting packages for the capacity meeting by locality and the change that would place them, with a CSV', async () => {
    const result = await capacityNeeds(prisma, broker, now);
    expect(result.waiting).toBe(4);
    expect(result.placeable).toBe(1);
    expect(result.needs).toEqual([
      { localityId: wharfedale, localityName: 'Wharfedale', need: 'evening capacity', packages: 2, hours: 7, hoursShort: 5, movable: 1 },
      { localityId: wharfedale, localityName: 'Wharfedale', need: 'double-handed carers', packages: 1, hours: 7, hoursShort: null, movable: null },
    ]);
    expect(needSentence(result.needs[0])).toBe('2 packages need evening capacity in Wharfedale');

    const csv = capacityNeedsCsv('PA Council', result, now).split('\r\n');
    expect(csv[0]).toMatch(/^# PA Council — What would place the waiting packages — 4 waiting, 1 of them/);
    const header = csv.findIndex((l) => l.startsWith('Locality,'));
    expect(csv.slice(header, header + 3)).toEqual([
      'Locality,What would place them,Packages,Carer-hours a week,Carer-hours a week short,Placed by moving a visit up to 30 minutes',
      'Wharfedale,evening capacity,2,7.0,5.0,1',
      'Wharfedale,double-handed carers,1,7.0,,',
    ]);
  });
});
