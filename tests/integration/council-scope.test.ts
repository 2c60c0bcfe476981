import type { Prisma, PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { createPrismaClient } from '@/lib/database/client';
import { getOwnCouncil, listOwnLocalities } from '@/lib/council/get-council';
import { cancelPackage } from '@/lib/package/cancel-package';
import { findPackageReference } from '@/lib/package/find-package';
import { getPackageFormChoices } from '@/lib/package/get-package-form-choices';
import { listHospitalStays } from '@/lib/package/list-hospital-stays';
import { listWaitingPackages } from '@/lib/package/list-waiting-packages';
import { reofferPackage } from '@/lib/package/reoffer-package';
import { setRateUplift } from '@/lib/package/set-rate-uplift';
import { getRecordedOutcome } from '@/lib/reablement/get-recorded-outcome';
import { getReplacementBatch, listReplacementBatches } from '@/lib/replacement/get-replacement-batch';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { councilActorOf } from './support/actors';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Tenancy is carried by the data and by the types, not by a special client: every council-owned
// table holds a non-null councilId, every link between two of them includes councilId in its
// foreign key (so a row can only point at rows of its own council), and every council operation
// takes a council actor and puts actor.councilId in its `where`. These tests check each part.

/** Every model a council owns: its rows belong to exactly one council. */
const COUNCIL_MODELS = [
  'Ward',
  'Locality',
  'LocalityWard',
  'LocalityNeighbour',
  'Hospital',
  'CouncilProvider',
  'Contract',
  'ContractLocality',
  'ContractRate',
  'CapacityDeclaration',
  'Person',
  'Package',
  'Visit',
  'ServiceLine',
  'Offer',
  'Placement',
  'HospitalStay',
  'CouncilSetting',
  'Budget',
  'PhoneContact',
  'ReplacementBatch',
  'ReplacementItem',
  'PostcodeDistrict',
  'StepArea',
  'StepAreaLocality',
  'ProviderStatusChange',
  'PackageMarketEntry',
  'MarketDayChange',
  'MarketSpan',
  'MarketKeyChange',
  'MarketProviderSpan',
  'PackageFundingSpan',
  'Referral',
  'WebhookDelivery',
  'ChangeRequest',
  'ApprovalLimit',
  'ApprovalDecision',
  'ActualsSubmission',
  'Actual',
  'Variance',
  'PaymentBasisSetting',
  'PaymentLineChange',
  'PaymentRun',
  'PaymentLine',
  'WhatIfScenario',
] as const satisfies readonly Prisma.ModelName[];

/**
 * Models with a councilId that may be empty, and why: users and API tokens belong to a council or
 * to a provider (platform administrators to neither), a notification to a provider's people may
 * concern no single council (and so may the record of its emails), a provider's webhook
 * subscription hears its events from every council it works for, and the audit trail also
 * records what happens outside any council.
 */
const COUNCIL_OPTIONAL_MODELS: readonly Prisma.ModelName[] = ['User', 'ApiToken', 'Notification', 'NotificationEmail', 'WebhookSubscription', 'AuditEvent'];

let prisma: PrismaClient;
let bradford: TCouncilActor;
let kirkholme: string;

type TForeignKey = { name: string; table: string; references: string; columns: string[] };
let foreignKeys: TForeignKey[];
let notNull: Map<string, boolean>;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date('2026-11-23T09:00:00Z'), force: true });
  bradford = await councilActorOf(prisma, 'broker@bradford.example');
  kirkholme = (await prisma.council.findUniqueOrThrow({ where: { code: 'KHC' } })).id;
  foreignKeys = await prisma.$queryRaw<TForeignKey[]>`
    SELECT con.conname::text AS name, src.relname::text AS table, dst.relname::text AS references,
           array(SELECT a.attname::text FROM unnest(con.conkey) AS k(n) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS columns
    FROM pg_constraint con
    JOIN pg_class src ON src.oid = con.conrelid
    JOIN pg_class dst ON dst.oid = con.confrelid
    JOIN pg_namespace ns ON ns.oid = src.relnamespace
    WHERE con.contype = 'f' AND ns.nspname = 'public'`;
  const columns = await prisma.$queryRaw<{ table: string; nullable: string }[]>`
    SELECT table_name::text AS table, is_nullable::text AS nullable FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'councilId'`;
  notNull = new Map(columns.map((c) => [c.table, c.nullable === 'NO']));
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('council-owned tables', () => {
  it('are every table with a councilId, bar the few that may belong to no council', () => {
    const required = [...notNull].filter(([, nonNull]) => nonNull).map(([table]) => table);
    const optional = [...notNull].filter(([, nonNull]) => !nonNull).map(([table]) => table);
    expect(required.sort()).toEqual([...COUNCIL_MODELS].sort());
    expect(optional.sort()).toEqual([...COUNCIL_OPTIONAL_MODELS].sort());
  });

  it.each(COUNCIL_MODELS)('%s: has a non-null councilId, and councilId in every foreign key to another council-owned table', (model) => {
    expect(notNull.get(model), `${model}."councilId" is NOT NULL in the database`).toBe(true);
    const owned = new Set<string>(COUNCIL_MODELS);
    const links = foreignKeys.filter((fk) => fk.table === model && owned.has(fk.references));
    for (const fk of links) expect(fk.columns, `${fk.name}: ${fk.table} → ${fk.references}`).toContain('councilId');
  });

  it("keep a package's person, locality, offers and service lines in the package's council", async () => {
    const packages = await prisma.package.findMany({
      where: { councilId: bradford.councilId },
      take: 50,
      include: { person: true, offers: true, serviceLines: true, locality: true },
    });
    expect(packages.length).toBe(50);
    for (const p of packages) {
      expect(p.person.councilId).toBe(bradford.councilId);
      expect(p.locality.councilId).toBe(bradford.councilId);
      expect(p.offers.every((o) => o.councilId === bradford.councilId)).toBe(true);
      expect(p.serviceLines.every((l) => l.councilId === bradford.councilId)).toBe(true);
    }
  });
});

describe("council read models and operations, given another council's ids", () => {
  it('read nothing', async () => {
    const theirs = await prisma.package.findFirstOrThrow({ where: { councilId: kirkholme, hospitalStays: { some: {} } } }).catch(async () => {
      const placement = await prisma.placement.findFirstOrThrow({ where: { councilId: kirkholme, endedAt: null } });
      await prisma.hospitalStay.create({
        data: {
          councilId: kirkholme,
          packageId: placement.packageId,
          placementId: placement.id,
          providerId: placement.providerId,
          admittedOn: new Date('2026-11-20'),
          retainerUntil: new Date('2026-12-18'),
        },
      });
      return prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: kirkholme, id: placement.packageId } } });
    });
    expect(await prisma.hospitalStay.count({ where: { packageId: theirs.id } }), 'the other council has a stay to leak').toBeGreaterThan(0);
    expect(await listHospitalStays(prisma, bradford, theirs.id)).toEqual([]);
    expect(await findPackageReference(prisma, bradford, theirs.reference)).toBeNull();
    expect(await getRecordedOutcome(prisma, bradford, theirs.reference)).toBeNull();
    const provider = await prisma.councilProvider.findFirstOrThrow({ where: { councilId: kirkholme } });
    const batch = await prisma.replacementBatch.create({ data: { councilId: kirkholme, providerId: provider.providerId } });
    expect(await listReplacementBatches(prisma, bradford, provider.providerId)).toEqual([]);
    await expect(getReplacementBatch(prisma, bradford, { batchId: batch.id, providerId: provider.providerId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("show only the council's own localities, hospitals, packages and name", async () => {
    const council = await getOwnCouncil(prisma, bradford);
    expect(council.id).toBe(bradford.councilId);
    const localities = await listOwnLocalities(prisma, bradford);
    expect(localities.length).toBe(await prisma.locality.count({ where: { councilId: bradford.councilId } }));
    const choices = await getPackageFormChoices(prisma, bradford);
    const ownLocalities = new Set(localities.map((l) => l.id));
    expect(choices.localities.every((l) => ownLocalities.has(l.id))).toBe(true);
    const ownHospitals = await prisma.hospital.findMany({ where: { councilId: bradford.councilId }, select: { id: true } });
    expect(choices.hospitals.map((h) => h.id).sort()).toEqual(ownHospitals.map((h) => h.id).sort());
    const { packages } = await listWaitingPackages(prisma, bradford, { includeDrafts: true, take: 200 });
    const theirs = new Set((await prisma.package.findMany({ where: { councilId: kirkholme }, select: { id: true } })).map((p) => p.id));
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.some((p) => theirs.has(p.id))).toBe(false);
  });

  it('change nothing, and answer as if the package did not exist', async () => {
    const theirs = await prisma.package
      .findFirstOrThrow({ where: { councilId: kirkholme, status: 'OPEN_MARKET' } })
      .catch(() => prisma.package.findFirstOrThrow({ where: { councilId: kirkholme, status: 'OFFERING' } }));
    await expect(setRateUplift(prisma, bradford, { packageId: theirs.id, uplift: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(reofferPackage(prisma, bradford, { packageId: theirs.id, expectedVersion: theirs.version })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cancelPackage(prisma, bradford, { packageId: theirs.id, reason: 'Moved away' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: kirkholme, id: theirs.id } } });
    expect({ status: after.status, version: after.version, rateUplift: after.rateUplift }).toEqual({
      status: theirs.status,
      version: theirs.version,
      rateUplift: theirs.rateUplift,
    });
  });
});

describe('the audit trail', () => {
  it('cannot be changed or deleted, even by the database owner', async () => {
    await prisma.auditEvent.create({ data: { councilId: kirkholme, action: 'test.seeded', entityType: 'Council', entityId: kirkholme } });
    // The app's role may not even try (tests/integration/database-roles.test.ts); the owner's is stopped by the trigger.
    const owner = createPrismaClient(testDatabaseUrl(), { max: 1 });
    try {
      await expect(owner.auditEvent.updateMany({ data: { action: 'tampered' } })).rejects.toThrow(/append-only/);
      await expect(owner.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    } finally {
      await owner.$disconnect();
    }
    expect(await prisma.auditEvent.count({ where: { action: 'tampered' } })).toBe(0);
  });
});
