import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNCIL_MODELS, councilScoped } from '@/lib/council/council-scope';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

let prisma: PrismaClient;
let bradford: string;
let kirkholme: string;

type Delegate = {
  findMany(args?: object): Promise<{ councilId: string }[]>;
  count(args?: object): Promise<number>;
};
const delegate = (client: object, model: string) => (client as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)];

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date('2026-11-23T09:00:00Z'), force: true });
  // One audit row each, so the audit table is checked with data in it too.
  const councils = await prisma.council.findMany({ orderBy: { code: 'asc' } });
  [bradford, kirkholme] = councils.map((c) => c.id);
  await prisma.auditEvent.createMany({
    data: councils.map((c) => ({ councilId: c.id, action: 'test.seeded', entityType: 'Council', entityId: c.id })),
  });
  // Rows the seed does not make, so those tables are checked with data in them too.
  for (const c of councils) {
    await prisma.councilSetting.create({ data: { councilId: c.id } });
    const placement = await prisma.placement.findFirstOrThrow({ where: { councilId: c.id, endedAt: null } });
    await prisma.hospitalStay.create({
      data: {
        councilId: c.id,
        packageId: placement.packageId,
        placementId: placement.id,
        providerId: placement.providerId,
        admittedOn: new Date('2026-11-20'),
        retainerUntil: new Date('2026-12-18'),
      },
    });
    await prisma.budget.create({ data: { councilId: c.id, financialYear: 2026, contractType: 'LOCALITY', amount: 1_000_000 } });
    const user = await prisma.user.findFirstOrThrow({ where: { councilId: c.id } });
    await prisma.phoneContact.create({
      data: { councilId: c.id, packageId: placement.packageId, providerId: placement.providerId, userId: user.id, outcome: 'NO_ANSWER' },
    });
    const batch = await prisma.replacementBatch.create({ data: { councilId: c.id, providerId: placement.providerId } });
    await prisma.replacementItem.create({ data: { councilId: c.id, batchId: batch.id, packageId: placement.packageId, carerHours: 7 } });
  }
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('council-scoped queries', () => {
  it.each([...COUNCIL_MODELS])('%s: returns only its own council rows, all of them', async (model) => {
    const own = await delegate(councilScoped(prisma, bradford), model).findMany();
    const other = await delegate(prisma, model).count({ where: { councilId: kirkholme } });
    expect(other, 'the other council has rows to leak').toBeGreaterThan(0);
    expect(own.length).toBe(await delegate(prisma, model).count({ where: { councilId: bradford } }));
    expect(own.every((r) => r.councilId === bradford)).toBe(true);
  });

  it("cannot find, count, change or delete another council's package by its id", async () => {
    const theirs = await prisma.package.findFirstOrThrow({ where: { councilId: kirkholme, offers: { some: {} } } });
    const scoped = councilScoped(prisma, bradford);
    expect(await scoped.package.findFirst({ where: { id: theirs.id } })).toBeNull();
    expect(await scoped.package.findUnique({ where: { councilId_id: { councilId: kirkholme, id: theirs.id } } })).toBeNull();
    expect(await scoped.package.count({ where: { id: theirs.id } })).toBe(0);
    expect((await scoped.package.updateMany({ where: { id: theirs.id }, data: { notes: 'changed' } })).count).toBe(0);
    expect((await scoped.offer.deleteMany({ where: { packageId: theirs.id } })).count).toBe(0);
    const after = await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: kirkholme, id: theirs.id } } });
    expect(after.notes).toBe(theirs.notes);
    expect(await prisma.offer.count({ where: { packageId: theirs.id } })).toBeGreaterThan(0);
  });

  it('refuses to write a row for another council and stamps its own council on new rows', async () => {
    const scoped = councilScoped(prisma, bradford);
    await expect(scoped.auditEvent.create({ data: { councilId: kirkholme, action: 'test.write', entityType: 'Council' } })).rejects.toThrow(/another council/);
    const row = await scoped.auditEvent.create({ data: { action: 'test.write', entityType: 'Council' } });
    expect(row.councilId).toBe(bradford);
  });

  it('keeps nested reads inside the council', async () => {
    const packages = await councilScoped(prisma, bradford).package.findMany({
      take: 50,
      include: { person: true, offers: true, serviceLines: true, locality: true },
    });
    expect(packages.length).toBe(50);
    for (const p of packages) {
      expect(p.person.councilId).toBe(bradford);
      expect(p.locality.councilId).toBe(bradford);
      expect(p.offers.every((o) => o.councilId === bradford)).toBe(true);
      expect(p.serviceLines.every((l) => l.councilId === bradford)).toBe(true);
    }
  });
});

describe('the audit trail', () => {
  it('cannot be changed or deleted, even by the database owner', async () => {
    await expect(prisma.auditEvent.updateMany({ data: { action: 'tampered' } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.count({ where: { action: 'tampered' } })).toBe(0);
  });
});
