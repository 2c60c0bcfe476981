import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmMfa, signOutEverywhere } from '@/lib/account/mfa-setup';
import { authenticate } from '@/lib/auth/authenticate';
import { currentMfaCode } from '@/lib/auth/mfa';
import { endSession } from '@/lib/auth/end-session';
import { actorForSession } from '@/lib/auth/session';
import { lockMinutes } from '@/lib/auth/throttle';
import { listProviderOffers } from '@/lib/offer/list-provider-offers';
import { getPackageForStaff } from '@/lib/package/get-package-for-staff';
import { searchPeople } from '@/lib/person/search-people';
import { listCouncilProviders, registerProvider } from '@/lib/provider/council-providers';
import { changeUser } from '@/lib/user/manage-user';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { councilActorOf as councilActorOfUser, providerActorOf as providerActorOfUser } from './support/actors';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

const PASSWORD = 'correct horse battery staple';
let prisma: PrismaClient;
const now = new Date('2026-11-23T09:00:00Z');

const user = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } });
const councilActorOf = (email: string) => councilActorOfUser(prisma, email);
const providerActorOf = (email: string) => providerActorOfUser(prisma, email);
const auditCount = (action: string, entityId?: string) => prisma.auditEvent.count({ where: { action, ...(entityId ? { entityId } : {}) } });

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true, demoPassword: PASSWORD });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('signing in', () => {
  it('accepts the right password and records it', async () => {
    const result = await authenticate(prisma, { email: 'Broker@Bradford.example ', password: PASSWORD, ip: '10.0.0.1' });
    expect(result).toMatchObject({ ok: true });
    expect(await auditCount('auth.sign-in', (await user('broker@bradford.example')).id)).toBe(1);
  });

  it('locks an account after 10 wrong passwords, for longer each time, even with the right password', async () => {
    const email = 'best@bradford.example';
    for (let i = 0; i < 10; i++) {
      expect(await authenticate(prisma, { email, password: `wrong ${i}`, ip: `10.1.0.${i}` }, now)).toEqual({ ok: false, reason: 'BAD_CREDENTIALS' });
    }
    expect(await authenticate(prisma, { email, password: PASSWORD, ip: '10.1.1.1' }, now)).toEqual({ ok: false, reason: 'LOCKED' });
    // The lock lifts after its time; the next failure locks for twice as long.
    const later = new Date(now.getTime() + 61_000);
    expect(await authenticate(prisma, { email, password: 'wrong again', ip: '10.1.1.2' }, later)).toEqual({ ok: false, reason: 'BAD_CREDENTIALS' });
    const row = await prisma.signInThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } });
    expect(row.lockedUntil!.getTime() - later.getTime()).toBe(2 * 60_000);
    expect([9, 10, 11, 12, 30].map((n) => lockMinutes('account', n))).toEqual([0, 1, 2, 4, 1440]);
    expect(await auditCount('auth.sign-in-failed')).toBeGreaterThanOrEqual(12);
  });

  it('throttles one address trying many accounts', async () => {
    for (let i = 0; i < 50; i++) await authenticate(prisma, { email: `nobody${i}@example.org`, password: 'x', ip: '10.9.9.9' }, now);
    expect(await authenticate(prisma, { email: 'commissioner@kirkholme.example', password: PASSWORD, ip: '10.9.9.9' }, now)).toEqual({
      ok: false,
      reason: 'LOCKED',
    });
    expect(await authenticate(prisma, { email: 'commissioner@kirkholme.example', password: PASSWORD, ip: '10.9.9.10' }, now)).toMatchObject({ ok: true });
  });

  it('checks no more passwords than the limit allows when wrong ones arrive all at once', async () => {
    const email = 'all-at-once@example.org';
    const results = await Promise.all(Array.from({ length: 14 }, (_, i) => authenticate(prisma, { email, password: `wrong ${i}`, ip: `10.5.0.${i}` }, now)));
    expect(results.filter((r) => !r.ok && r.reason === 'BAD_CREDENTIALS')).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === 'LOCKED')).toHaveLength(4);
  });

  it("forgets a shared office address's failures after a quiet hour, so a few mistakes a day never lock it", async () => {
    const ip = '10.6.0.1';
    for (let i = 0; i < 49; i++) await authenticate(prisma, { email: `typo${i}@example.org`, password: 'x', ip }, now);
    const later = new Date(now.getTime() + 61 * 60_000);
    expect(await authenticate(prisma, { email: 'typo-again@example.org', password: 'x', ip }, later)).toEqual({ ok: false, reason: 'BAD_CREDENTIALS' });
    expect(await authenticate(prisma, { email: 'commissioner@kirkholme.example', password: PASSWORD, ip }, later)).toMatchObject({ ok: true });
  });

  it('refuses a disabled user, and asks for and checks the MFA code once it is on', async () => {
    const admin = await councilActorOf('admin@bradford.example');
    const broker = await user('broker@kirkholme.example');
    await prisma.user.update({ where: { id: broker.id }, data: { disabledAt: now } });
    expect(await authenticate(prisma, { email: broker.email, password: PASSWORD, ip: '10.2.0.1' })).toEqual({ ok: false, reason: 'DISABLED' });

    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await prisma.user.update({ where: { id: admin.userId }, data: { mfaSecret: secret } });
    await confirmMfa(prisma, admin, currentMfaCode(secret), '10.2.0.2');
    expect(await auditCount('user.mfa-enabled', admin.userId)).toBe(1);
    expect(await authenticate(prisma, { email: admin.email, password: PASSWORD, ip: '10.2.0.3' })).toEqual({ ok: false, reason: 'MFA_REQUIRED' });
    expect(await authenticate(prisma, { email: admin.email, password: PASSWORD, code: '123456', ip: '10.2.0.3' })).toEqual({ ok: false, reason: 'BAD_CODE' });
    expect(await authenticate(prisma, { email: admin.email, password: PASSWORD, code: currentMfaCode(secret), ip: '10.2.0.3' })).toMatchObject({ ok: true });
  });

  it('signs in once with each two-step code: a replay, or an older code still in the window, is refused', async () => {
    const email = 'admin@kirkholme.example';
    const secret = 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TFOQ';
    await prisma.user.update({ where: { email }, data: { mfaSecret: secret, mfaEnabled: true } });
    const at = new Date('2026-11-23T10:00:10Z');
    const attempt = (code: string, when: Date, ip = '10.2.1.1') => authenticate(prisma, { email, password: PASSWORD, code, ip }, when);

    expect(await attempt(currentMfaCode(secret, at.getTime()), at)).toMatchObject({ ok: true });
    expect(await attempt(currentMfaCode(secret, at.getTime()), at, '10.2.1.2')).toEqual({ ok: false, reason: 'USED_CODE' });
    // The previous step's code is still inside the drift window, but older than the one used.
    expect(await attempt(currentMfaCode(secret, at.getTime() - 30_000), at)).toEqual({ ok: false, reason: 'USED_CODE' });
    // Two sign-ins with the next code at the same moment: exactly one gets in.
    const next = new Date(at.getTime() + 30_000);
    const both = await Promise.all([attempt(currentMfaCode(secret, next.getTime()), next), attempt(currentMfaCode(secret, next.getTime()), next, '10.2.1.3')]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'USED_CODE' }]);
  });
});

describe('searching for a person', () => {
  it('finds people by name, and treats % and _ as themselves, not as wildcards that match everyone', async () => {
    const broker = await councilActorOf('broker@bradford.example');
    const someone = await prisma.person.findFirstOrThrow({ where: { councilId: broker.councilId }, orderBy: { familyName: 'asc' } });
    const found = await searchPeople(prisma, broker, `${someone.givenName} ${someone.familyName}`);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect([p.givenName, p.familyName]).toEqual([someone.givenName, someone.familyName]);
    for (const pattern of ['%%', '%', '_', '__', '\\']) expect(await searchPeople(prisma, broker, pattern), pattern).toEqual([]);
  });
});

describe('sessions', () => {
  it('end on the next request when the user is disabled, changes role, or signs out everywhere', async () => {
    const admin = await councilActorOf('admin@bradford.example');
    const target = await user('commissioner@bradford.example');
    const session = { uid: target.id, sv: target.sessionVersion };
    expect(await actorForSession(prisma, session)).not.toBeNull();

    await changeUser(prisma, admin, target.id, { kind: 'role', role: 'BROKER' }, '10.3.0.1');
    expect(await actorForSession(prisma, session)).toBeNull();
    const afterRole = { uid: target.id, sv: session.sv + 1 };
    expect((await actorForSession(prisma, afterRole))?.role).toBe('BROKER');

    await changeUser(prisma, admin, target.id, { kind: 'disable' }, '10.3.0.1');
    expect(await actorForSession(prisma, { uid: target.id, sv: session.sv + 2 })).toBeNull();
    await changeUser(prisma, admin, target.id, { kind: 'enable' }, '10.3.0.1');
    const enabled = await actorForSession(prisma, { uid: target.id, sv: session.sv + 3 });
    expect(enabled).not.toBeNull();

    await signOutEverywhere(prisma, enabled!, '10.3.0.2');
    expect(await actorForSession(prisma, { uid: target.id, sv: session.sv + 3 })).toBeNull();
    for (const action of ['user.role', 'user.disable', 'user.enable', 'user.signed-out-everywhere']) {
      expect(await auditCount(action, target.id), action).toBeGreaterThanOrEqual(1);
    }
  });

  it('end one at a time when signed out, so a copied cookie stops working while other devices stay signed in', async () => {
    const broker = await user('broker@bradford.example');
    const signedInAt = Math.floor(now.getTime() / 1000);
    const laptop = { uid: broker.id, sv: broker.sessionVersion, sid: '3f2b6a8e-1c4d-4e5f-8a9b-0c1d2e3f4a5b', at: signedInAt };
    const phone = { ...laptop, sid: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' };
    expect(await actorForSession(prisma, laptop, now)).not.toBeNull();

    await endSession(prisma, laptop, '10.3.1.1', now);
    await endSession(prisma, laptop, '10.3.1.1', now);
    expect(await actorForSession(prisma, laptop, now)).toBeNull();
    expect(await actorForSession(prisma, phone, now)).not.toBeNull();
    expect(await auditCount('auth.sign-out', broker.id)).toBe(2);
  });

  it('end 12 hours after signing in, however recently they were used', async () => {
    const broker = await user('broker@bradford.example');
    const session = { uid: broker.id, sv: broker.sessionVersion, sid: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', at: Math.floor(now.getTime() / 1000) };
    expect(await actorForSession(prisma, session, new Date(now.getTime() + (12 * 60 - 1) * 60_000))).not.toBeNull();
    expect(await actorForSession(prisma, session, new Date(now.getTime() + 12 * 60 * 60_000))).toBeNull();
  });

  it('cannot belong to a user whose role and council or provider disagree: the database refuses the row', async () => {
    // actorForSession refuses such a row as well (tests/unit/actor-types.test.ts); here, none can be stored.
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const provider = await user('provider@homefirst.example');
    const odd = [
      { email: 'no-council@bradford.example', role: 'BROKER' as const, councilId: null, providerId: null },
      { email: 'both@bradford.example', role: 'ADMIN' as const, councilId: bradford.id, providerId: provider.providerId },
      { email: 'council-provider@bradford.example', role: 'PROVIDER' as const, councilId: bradford.id, providerId: provider.providerId },
      { email: 'platform-in-council@bradford.example', role: 'PLATFORM_ADMIN' as const, councilId: bradford.id, providerId: null },
    ];
    for (const data of odd) await expect(prisma.user.create({ data: { ...data, name: 'Odd One' } }), data.email).rejects.toThrow(/User_scope_check/);
  });

  it("lets a council admin manage only their own council's staff", async () => {
    const admin = await councilActorOf('admin@bradford.example');
    const theirs = await user('best@kirkholme.example');
    const provider = await user('provider@homefirst.example');
    await expect(changeUser(prisma, admin, theirs.id, { kind: 'disable' }, '10.4.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(changeUser(prisma, admin, provider.id, { kind: 'disable' }, '10.4.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await user('best@kirkholme.example')).disabledAt).toBeNull();
    expect((await user('provider@homefirst.example')).disabledAt).toBeNull();
  });
});

describe("a provider's offers", () => {
  it('come from every council it works for, and never carry personal data', async () => {
    const shared = await providerActorOf('provider@homefirst.example');
    // Make sure it has an open offer from Kirkholme as well as from Bradford.
    const kirkholme = await prisma.council.findUniqueOrThrow({ where: { code: 'KHC' } });
    const waiting = await prisma.package.findFirstOrThrow({ where: { councilId: kirkholme.id, status: 'OFFERING' } });
    const contract = await prisma.contract.findFirstOrThrow({ where: { councilId: kirkholme.id, providerId: shared.providerId! } });
    await prisma.offer.create({
      data: {
        councilId: kirkholme.id,
        packageId: waiting.id,
        packageVersion: waiting.version,
        providerId: shared.providerId!,
        contractId: contract.id,
        round: 9,
        tier: 3,
        rank: 1,
        hourlyRate: contract.hourlyRate,
        deadline: new Date(now.getTime() + 3_600_000),
      },
    });
    const offers = await listProviderOffers(prisma, shared, now);
    const expected = await prisma.offer.count({ where: { providerId: shared.providerId!, status: 'OFFERED', deadline: { gt: now } } });
    expect(offers).toHaveLength(expected);
    expect(offers.length).toBeGreaterThan(0);
    // It works for both councils, and each offer says whose it is.
    expect(new Set(offers.map((o) => o.council))).toEqual(new Set(['Bradford District', 'Kirkholme']));

    const serialised = JSON.stringify(offers);
    const people = await prisma.person.findMany({ where: { packages: { some: { offers: { some: { providerId: shared.providerId! } } } } } });
    for (const p of people) {
      for (const value of [p.familyName, p.nhsNumber, p.addressLine1, p.postcode, p.dateOfBirth.toISOString().slice(0, 10)]) {
        expect(serialised).not.toContain(value);
      }
    }
    for (const key of ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'addressLine1', 'notes', 'personId']) {
      expect(serialised).not.toContain(`"${key}"`);
    }
  });

  it("never include another provider's offers", async () => {
    const other = await providerActorOf('provider2@homefirst.example');
    const offers = await listProviderOffers(prisma, other, now);
    const ids = (await prisma.offer.findMany({ where: { providerId: other.providerId!, status: 'OFFERED', deadline: { gt: now } }, select: { id: true } }))
      .map((o) => o.id)
      .sort();
    expect(offers.map((o) => o.id).sort()).toEqual(ids);
    const shared = await providerActorOf('provider@homefirst.example');
    const sharedIds = new Set((await listProviderOffers(prisma, shared, now)).map((o) => o.id));
    expect(offers.some((o) => sharedIds.has(o.id))).toBe(false);
  });
});

describe("a person's record", () => {
  it('opens for staff of its own council and records who looked; another council gets not found and nothing is recorded', async () => {
    const bradford = await councilActorOf('broker@bradford.example');
    const kirkholme = await councilActorOf('broker@kirkholme.example').catch(() => null);
    const ours = await prisma.package.findFirstOrThrow({ where: { councilId: bradford.councilId!, status: 'PLACED' } });
    const pkg = await getPackageForStaff(prisma, bradford, ours.reference, '10.8.0.1');
    expect(pkg.person.nhsNumber).toMatch(/^999/);
    expect(await prisma.auditEvent.count({ where: { action: 'person.viewed', entityId: pkg.personId, actorId: bradford.userId } })).toBe(1);

    const theirs = await prisma.package.findFirstOrThrow({ where: { councilId: { not: bradford.councilId! } } });
    const before = await prisma.auditEvent.count({ where: { action: 'person.viewed' } });
    await expect(getPackageForStaff(prisma, bradford, theirs.reference, '10.8.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await prisma.auditEvent.count({ where: { action: 'person.viewed' } })).toBe(before);
    if (kirkholme) await expect(getPackageForStaff(prisma, kirkholme, ours.reference, '10.8.0.2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe("a council's register of providers", () => {
  it('takes a new organisation, or links one another council already uses, once, without touching the other council', async () => {
    const admin = await councilActorOf('admin@bradford.example');
    const kirkholmeAdmin = await councilActorOf('admin@kirkholme.example');
    const before = (await listCouncilProviders(prisma, kirkholmeAdmin)).length;

    const added = await registerProvider(
      prisma,
      admin,
      { name: 'Newfold Home Care', cqcLocationId: '1-999000111', cqcRating: 'GOOD', doubleHanded: true, skills: ['DEMENTIA'] },
      '10.10.0.1',
    );
    expect(added.existing).toBe(false);
    const kirkholmeOnly = await prisma.provider.findFirstOrThrow({
      where: { councils: { some: { councilId: kirkholmeAdmin.councilId! } }, NOT: { councils: { some: { councilId: admin.councilId! } } } },
    });
    const linked = await registerProvider(
      prisma,
      admin,
      { name: 'ignored', cqcLocationId: kirkholmeOnly.cqcLocationId, cqcRating: 'INADEQUATE', doubleHanded: false, skills: [] },
      '10.10.0.1',
    );
    expect(linked).toEqual({ providerId: kirkholmeOnly.id, existing: true });
    // One council cannot rewrite what every council sees of a shared organisation.
    expect((await prisma.provider.findUniqueOrThrow({ where: { id: kirkholmeOnly.id } })).cqcRating).toBe(kirkholmeOnly.cqcRating);

    await expect(
      registerProvider(prisma, admin, { name: 'again', cqcLocationId: '1-999000111', cqcRating: 'GOOD', doubleHanded: false, skills: [] }, '10.10.0.1'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { cqcLocationId: ['This organisation is already on your register'] },
    });
    const bradfordList = await listCouncilProviders(prisma, admin);
    expect(bradfordList.map((p) => p.id)).toEqual(expect.arrayContaining([added.providerId, kirkholmeOnly.id]));
    expect((await listCouncilProviders(prisma, kirkholmeAdmin)).length).toBe(before);
    expect(await prisma.auditEvent.count({ where: { action: 'provider.registered' } })).toBe(2);
  });
});

describe("another provider's offers", () => {
  it('cannot be accepted or declined, and the answer is the same as for an offer that does not exist', async () => {
    const { acceptOffer } = await import('@/lib/offer/accept-offer');
    const { declineOffer } = await import('@/lib/offer/decline-offer');
    const a = await providerActorOf('provider@homefirst.example');
    const b = await providerActorOf('provider2@homefirst.example');
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const waiting = await prisma.package.findFirstOrThrow({ where: { councilId: bradford.id, status: 'OFFERING' } });
    const contract = await prisma.contract.findFirstOrThrow({ where: { councilId: bradford.id, providerId: b.providerId! } });
    const theirs = await prisma.offer.create({
      data: {
        councilId: bradford.id,
        packageId: waiting.id,
        packageVersion: waiting.version,
        providerId: b.providerId!,
        contractId: contract.id,
        round: waiting.offerRound,
        tier: 3,
        rank: 9,
        hourlyRate: contract.hourlyRate,
        deadline: new Date(now.getTime() + 3_600_000),
      },
    });
    const missing = '00000000-0000-4000-8000-00000000dead';

    const refusal = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return 'allowed';
      } catch (error) {
        return `${(error as { code?: string }).code}: ${(error as Error).message}`;
      }
    };
    const acceptTheirs = await refusal(() => acceptOffer(prisma, a, { offerId: theirs.id }, now));
    const acceptMissing = await refusal(() => acceptOffer(prisma, a, { offerId: missing }, now));
    expect(acceptTheirs).toBe(acceptMissing);
    expect(acceptTheirs).toMatch(/^NOT_FOUND/);
    const declineTheirs = await refusal(() => declineOffer(prisma, a, { offerId: theirs.id, reason: 'NO_CAPACITY' }, now));
    const declineMissing = await refusal(() => declineOffer(prisma, a, { offerId: missing, reason: 'NO_CAPACITY' }, now));
    expect(declineTheirs).toBe(declineMissing);
    expect(declineTheirs).toMatch(/^NOT_FOUND/);

    const after = await prisma.offer.findUniqueOrThrow({ where: { councilId_id: { councilId: theirs.councilId, id: theirs.id } } });
    expect(after.status).toBe('OFFERED');
    expect(await prisma.placement.count({ where: { packageId: theirs.packageId, providerId: a.providerId! } })).toBe(0);
  });
});
