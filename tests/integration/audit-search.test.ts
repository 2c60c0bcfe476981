import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActionLabel } from '@/lib/audit/action-label';
import { searchAudit, ZAuditSearchSchema } from '@/lib/audit/search-audit';
import { getPackageForStaff } from '@/lib/package/get-package-for-staff';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('the audit trail', () => {
  it('finds the events about a package by its reference, and about a person by name, with the records named', async () => {
    const fx = await buildCouncil(prisma, { code: 'AUD', localityProviders: 1 });
    const admin = { ...fx.broker, role: 'ADMIN' as const };
    const draft = (givenName: string, familyName: string) => ({
      ...draftFor(fx),
      person: { ...draftFor(fx).person, givenName, familyName },
    });
    const first = await saveDraftPackage(prisma, fx.broker, { draft: draft('Percy', 'Wild_Card') });
    await postPackage(prisma, fx.broker, { packageId: first.id }, new Date('2026-11-23T09:00:00Z'));
    await getPackageForStaff(prisma, fx.broker, first.reference, '10.0.0.9');
    const other = await saveDraftPackage(prisma, fx.broker, { draft: draft('Olga', 'Other') });

    const search = (q: Record<string, string>) => searchAudit(prisma, admin, ZAuditSearchSchema.parse(q));
    const byReference = await search({ about: first.reference.toLowerCase() });
    const actions = byReference.events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['package.posted', 'package.round-opened', 'person.viewed']));
    expect(byReference.events.every((e) => e.entityId !== other.id)).toBe(true);
    // The record is named, not shown as an id.
    expect(byReference.events.find((e) => e.action === 'package.posted')?.record).toBe(first.reference);
    expect(byReference.events.find((e) => e.action === 'person.viewed')?.record).toBe('Percy Wild_Card');

    // By name: "wild_card" finds Percy; "_" is read as itself, so "wild card" with another letter does not.
    const byName = await search({ about: 'wild_card' });
    expect(byName.total).toBe(byReference.total);
    expect((await search({ about: 'wildXcard' })).total).toBe(0);
    expect((await search({ about: 'Olga' })).events.every((e) => e.entityId !== first.id)).toBe(true);
  });

  it('says what happened in words', () => {
    expect(auditActionLabel('package.round-opened')).toBe('Package: round opened');
    expect(auditActionLabel('person.viewed')).toBe('Person’s record opened');
    expect(auditActionLabel('auth.sign-in-failed')).toBe('Sign-in failed');
  });
});
