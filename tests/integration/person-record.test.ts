import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { getPersonRecord } from '@/lib/person/get-person-record';
import { dateOfBirthIn, searchPeople } from '@/lib/person/search-people';
import { buildCouncil, draftFor, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
const now = new Date('2026-11-23T09:00:00Z');

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'PRS', localityProviders: 1 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('a person’s whole record', () => {
  it('lists every package of theirs, placed ones included, with its provider, and records who opened it and from where', async () => {
    const first = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: first.id }, now);
    const offer = await prisma.offer.findFirstOrThrow({ where: { packageId: first.id }, orderBy: { rank: 'asc' }, include: { provider: true } });
    await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
    const second = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx, { personId: first.personId, person: undefined }) });
    // Someone else's package does not appear.
    await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });

    const record = await getPersonRecord(prisma, fx.broker, first.personId, '203.0.113.9');
    expect(record.person.familyName).toBe('Lovelace');
    expect(record.packages.map((p) => [p.reference, p.status, p.provider?.name ?? null])).toEqual([
      [second.reference, 'DRAFT', null],
      [first.reference, 'PLACED', offer.provider.name],
    ]);
    expect(record.openings).toMatchObject([{ role: 'BROKER', ip: '203.0.113.9', times: 1 }]);
    // Opened again by the same broker from the same place: one line, counted.
    const again = await getPersonRecord(prisma, fx.broker, first.personId, '203.0.113.9');
    expect(again.openings).toMatchObject([{ role: 'BROKER', ip: '203.0.113.9', times: 2 }]);
    expect(await prisma.auditEvent.count({ where: { action: 'person.viewed', entityId: first.personId, ip: '203.0.113.9' } })).toBe(2);
  });

  it('is not found for another council’s person or an id that is not one', async () => {
    const person = await prisma.person.findFirstOrThrow({ where: { councilId: fx.councilId } });
    const other = await buildCouncil(prisma, { code: 'PRO', localityProviders: 1 });
    expect((await rejection(getPersonRecord(prisma, other.broker, person.id, '203.0.113.9'))).code).toBe('NOT_FOUND');
    expect((await rejection(getPersonRecord(prisma, fx.broker, 'nobody', '203.0.113.9'))).code).toBe('NOT_FOUND');
  });
});

describe('searching people', () => {
  it('finds by NHS number or date of birth, and audits each search by what it was by, never the words', async () => {
    const person = await prisma.person.findFirstOrThrow({ where: { councilId: fx.councilId }, orderBy: { createdAt: 'asc' } });
    const byNhs = await searchPeople(prisma, fx.broker, person.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'), '198.51.100.4');
    expect(byNhs.map((p) => p.id)).toEqual([person.id]);
    const byBirthday = await searchPeople(prisma, fx.broker, '10/12/1936', '198.51.100.4');
    expect(byBirthday.map((p) => p.id)).toContain(person.id);
    const events = await prisma.auditEvent.findMany({ where: { action: 'person.searched', councilId: fx.councilId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.ip, (e.details as { by: string }).by])).toEqual([
      ['198.51.100.4', 'NHS number'],
      ['198.51.100.4', 'date of birth'],
    ]);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain(person.nhsNumber);
    // % and _ are themselves, not wildcards.
    expect(await searchPeople(prisma, fx.broker, '%%')).toEqual([]);
  });

  it('reads dates of birth as people type them', () => {
    expect(['27 3 1938', '27/03/1938', '27-3-1938', '1938-03-27'].map(dateOfBirthIn)).toEqual(Array(4).fill('1938-03-27'));
    expect(['31 2 1938', 'Lovelace', '1938'].map(dateOfBirthIn)).toEqual([null, null, null]);
  });
});
