import { PackageStatus, type PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTED_OPEN_STATUSES } from '@/lib/domain/package-status';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture, rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// A second live package for a person with a line of the same service type over the same days is
// refused unless the broker says why; the database refuses it whoever posts.

let prisma: PrismaClient;
let fx: TFixture;
const now = new Date('2026-11-23T09:00:00Z');

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'DUP', localityProviders: 2 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A live package for a new person: its id, reference and the person. */
async function livePackage() {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
  return saved;
}

/** A draft for a person already recorded. */
function secondFor(personId: string, overrides: Record<string, unknown> = {}) {
  const { person: _new, ...draft } = draftFor(fx, overrides);
  return { ...draft, personId };
}

describe('a second live package for a person', () => {
  it('is refused when a line of the same type overlaps, naming the package already there and the field to give a reason in', async () => {
    const first = await livePackage();
    const draft = await saveDraftPackage(prisma, fx.broker, { draft: secondFor(first.personId) });
    const error = await rejection(postPackage(prisma, fx.broker, { packageId: draft.id }, now));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(`live package ${first.reference} with personal care from 1 Dec 2026`);
    expect(error.fieldErrors?.['draft.duplicateReason']?.[0]).toContain('Give the reason for a second package');
    expect(await prisma.package.findFirstOrThrow({ where: { id: draft.id } })).toMatchObject({ status: 'DRAFT' });
  });

  it('saved to be posted at once, is refused before anything is written', async () => {
    const first = await livePackage();
    const before = await prisma.package.count();
    const error = await rejection(saveDraftPackage(prisma, fx.broker, { draft: secondFor(first.personId), posting: true }));
    expect(error.fieldErrors?.['draft.duplicateReason']?.[0]).toContain(first.reference);
    expect(await prisma.package.count()).toBe(before);
  });

  it('goes through with a reason, which the package and the audit trail keep', async () => {
    const first = await livePackage();
    const reason = 'Second address during respite: two providers cover different homes';
    const draft = await saveDraftPackage(prisma, fx.broker, { draft: secondFor(first.personId, { duplicateReason: `  ${reason} ` }), posting: true });
    await postPackage(prisma, fx.broker, { packageId: draft.id }, now);
    expect(await prisma.package.findFirstOrThrow({ where: { id: draft.id } })).toMatchObject({ status: 'OFFERING', duplicateReason: reason });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: draft.id, action: 'package.posted' } });
    expect(audit.details).toMatchObject({ duplicateReason: reason });
  });

  it('goes through without a reason when no line overlaps: another type, or days after the first ends', async () => {
    const first = await livePackage();
    const domestic = await saveDraftPackage(prisma, fx.broker, {
      draft: secondFor(first.personId, { serviceLines: [{ type: 'DOMESTIC', hoursPerWeek: 1, startDate: '2026-12-01' }] }),
    });
    await postPackage(prisma, fx.broker, { packageId: domestic.id }, now);
    const ending = await livePackage();
    await prisma.serviceLine.updateMany({ where: { packageId: ending.id }, data: { endDate: new Date('2027-01-01T00:00:00Z') } });
    const after = await saveDraftPackage(prisma, fx.broker, {
      draft: secondFor(ending.personId, { serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 3, startDate: '2027-01-01' }] }),
    });
    await postPackage(prisma, fx.broker, { packageId: after.id }, now);
    expect(await prisma.package.count({ where: { id: { in: [domestic.id, after.id] }, status: 'OFFERING' } })).toBe(2);
  });

  it('is refused by the database itself, whoever moves it out of draft', async () => {
    const first = await livePackage();
    const draft = await saveDraftPackage(prisma, fx.broker, { draft: secondFor(first.personId) });
    await expect(prisma.$executeRaw`UPDATE "Package" SET "status" = 'OFFERING' WHERE "id" = ${draft.id}::uuid`).rejects.toThrow(/duplicate package/);
    await prisma.$executeRaw`UPDATE "Package" SET "duplicateReason" = 'Reablement split', "status" = 'OFFERING' WHERE "id" = ${draft.id}::uuid`;
    expect(await prisma.package.findFirstOrThrow({ where: { id: draft.id } })).toMatchObject({ status: 'OFFERING' });
  });

  it("counts as live exactly the statuses the app calls posted and open (the database's list is its own copy)", async () => {
    const first = await livePackage();
    for (const status of Object.values(PackageStatus)) {
      await prisma.$executeRaw`UPDATE "Package" SET "status" = ${status}::"PackageStatus" WHERE "id" = ${first.id}::uuid`;
      const [{ n }] = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "live_package_overlaps"(${fx.councilId}::uuid, ${first.personId}::uuid, NULL,
          ARRAY['PERSONAL_CARE']::"ServiceType"[], ARRAY['2026-12-01']::date[], ARRAY[NULL]::date[])`;
      expect(n > 0, status).toBe((POSTED_OPEN_STATUSES as readonly string[]).includes(status));
    }
  });

  it('posted twice at once for the same person: exactly one goes through without a reason', async () => {
    const a = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    const b = await saveDraftPackage(prisma, fx.broker, { draft: secondFor(a.personId) });
    const results = await Promise.allSettled([
      postPackage(prisma, fx.broker, { packageId: a.id }, now),
      postPackage(prisma, fx.broker, { packageId: b.id }, now),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'VALIDATION' });
    expect(await prisma.package.count({ where: { id: { in: [a.id, b.id] }, status: 'OFFERING' } })).toBe(1);
  });
});
