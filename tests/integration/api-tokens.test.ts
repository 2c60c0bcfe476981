import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actorFromApiToken, createApiToken, revokeApiToken } from '@/lib/auth/api-token';
import { recordAudit } from '@/lib/audit/record-audit';
import { createPrismaClient } from '@/lib/database/client';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { actorOf as actorOfUser } from './support/actors';
import { insertApiToken } from './support/api-tokens';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Requests without a token fall back to the browser session: nobody is signed in here.
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => null }));

let prisma: PrismaClient;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let GET: Handler;
let packagesGET: Handler;
let packageGET: Handler;

const call = (token?: string) =>
  GET(new Request('http://localhost/api/v1/market', { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({}) });

const adminOf = (email: string) => actorOfUser(prisma, email);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date('2026-11-23T09:00:00Z'), force: true });
  process.env.DATABASE_URL = testDatabaseUrl();
  ({ GET } = (await import('@/app/api/v1/market/route')) as { GET: Handler });
  ({ GET: packagesGET } = (await import('@/app/api/v1/packages/route')) as { GET: Handler });
  ({ GET: packageGET } = (await import('@/app/api/v1/packages/[reference]/route')) as { GET: Handler });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('API tokens', () => {
  it('answer for their own council only, are stored hashed, and record when they were last used', async () => {
    const bradford = await adminOf('admin@bradford.example');
    const kirkholme = await adminOf('admin@kirkholme.example');
    const a = await createApiToken(prisma, bradford, { name: 'BI', role: 'COMMISSIONER', scopes: ['market:view'], expiresInDays: 30 }, '10.7.0.1');
    const b = await createApiToken(prisma, kirkholme, { name: 'BI', role: 'COMMISSIONER', scopes: ['market:view'], expiresInDays: 30 }, '10.7.0.1');

    const ra = await call(a.token);
    expect(ra.status).toBe(200);
    expect((await ra.json()).people).toBe(2464);
    const rb = await call(b.token);
    expect((await rb.json()).people).toBe(286);

    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored.tokenHash).not.toContain(a.token);
    expect(JSON.stringify(stored)).not.toContain(a.token.slice(10));
    expect(stored.lastUsedAt).not.toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: 'api-token.created', entityId: a.id } })).toBe(1);
  });

  it('refuse a missing, unknown, revoked or out-of-scope token with a JSON error and no data', async () => {
    const admin = await adminOf('admin@bradford.example');
    const noScope = await createApiToken(prisma, admin, { name: 'contracts only', role: 'BROKER', scopes: ['contract:read'], expiresInDays: 30 }, '10.7.0.1');
    const revoked = await createApiToken(prisma, admin, { name: 'old', role: 'COMMISSIONER', scopes: ['market:view'], expiresInDays: 30 }, '10.7.0.1');
    await revokeApiToken(prisma, admin, revoked.id, '10.7.0.1');

    const cases: [string | undefined, number][] = [
      [undefined, 401],
      ['hf_not-a-real-token', 401],
      [revoked.token, 401],
      [noScope.token, 403],
    ];
    for (const [token, status] of cases) {
      const response = await call(token);
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body.error.code).toBe(status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      expect(body.people).toBeUndefined();
    }
  });

  it('are remembered for a minute by each process, and forgotten by all as soon as one is revoked', async () => {
    const admin = await adminOf('admin@bradford.example');
    const t = await createApiToken(prisma, admin, { name: 'BI', role: 'COMMISSIONER', scopes: ['market:view'], expiresInDays: 30 }, '10.7.0.1');
    // Another process's client: its own pool, its own memory of tokens.
    const elsewhere = createPrismaClient(testDatabaseUrl());
    try {
      // The first lookup starts it listening for revocations; once it listens, a lookup is kept.
      expect(await actorFromApiToken(elsewhere, t.token)).toMatchObject({ tokenId: t.id });
      await new Promise((r) => setTimeout(r, 500));
      expect(await actorFromApiToken(elsewhere, t.token)).toMatchObject({ tokenId: t.id });
      // Kept: a change made behind its back, without the announcement, is not seen…
      await prisma.$executeRaw`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = ${t.id}::uuid`;
      expect(await actorFromApiToken(elsewhere, t.token)).toMatchObject({ tokenId: t.id });
      // …but not past the token's own expiry.
      expect(await actorFromApiToken(elsewhere, t.token, new Date(Date.now() + 31 * 86_400_000))).toBeNull();
      await prisma.$executeRaw`UPDATE "ApiToken" SET "revokedAt" = NULL WHERE "id" = ${t.id}::uuid`;
      expect(await actorFromApiToken(prisma, t.token)).toMatchObject({ tokenId: t.id });

      // Revoked through this process: forgotten here at once, and there as soon as it hears.
      await revokeApiToken(prisma, admin, t.id, '10.7.0.1');
      expect(await actorFromApiToken(prisma, t.token)).toBeNull();
      const deadline = Date.now() + 3000;
      let there = await actorFromApiToken(elsewhere, t.token);
      while (there && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        there = await actorFromApiToken(elsewhere, t.token);
      }
      expect(there).toBeNull();
    } finally {
      await elsewhere.$disconnect();
    }
  });

  it("cannot be revoked by another council's admin", async () => {
    const bradford = await adminOf('admin@bradford.example');
    const kirkholme = await adminOf('admin@kirkholme.example');
    const token = await createApiToken(prisma, bradford, { name: 'mine', role: 'COMMISSIONER', scopes: ['market:view'], expiresInDays: 30 }, '10.7.0.1');
    await expect(revokeApiToken(prisma, kirkholme, token.id, '10.7.0.2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(token.token)).status).toBe(200);
  });

  it("never carry a permission their maker lacks: an administrator cannot make one that reads people's records", async () => {
    const admin = await adminOf('admin@bradford.example');
    const before = await prisma.apiToken.count();
    await expect(
      createApiToken(
        prisma,
        admin,
        { name: 'case system', role: 'BROKER', scopes: ['market:view', 'package:read', 'package:write'], expiresInDays: 30 },
        '10.7.0.1',
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { scopes: ['A token cannot have a permission you do not have yourself: package:read, package:write'] },
    });
    expect(await prisma.apiToken.count()).toBe(before);

    // One made before the rule gives nothing its maker lacks: no names, no NHS numbers.
    const old = await insertApiToken(prisma, { name: 'old', role: 'BROKER', councilId: admin.councilId!, scopes: ['package:read'], createdById: admin.userId });
    const pkg = await prisma.package.findFirstOrThrow({ where: { councilId: admin.councilId! }, select: { reference: true } });
    const list = await packagesGET(new Request('http://localhost/api/v1/packages', { headers: { authorization: `Bearer ${old.token}` } }), {
      params: Promise.resolve({}),
    });
    expect(list.status).toBe(403);
    const one = await packageGET(new Request(`http://localhost/api/v1/packages/${pkg.reference}`, { headers: { authorization: `Bearer ${old.token}` } }), {
      params: Promise.resolve({ reference: pkg.reference }),
    });
    expect(one.status).toBe(403);
    expect(JSON.stringify(await one.json())).not.toMatch(/nhsNumber|familyName/);
  });

  it('are audited as the person who made them, naming the token', async () => {
    const broker = await adminOf('broker@bradford.example');
    const made = await insertApiToken(prisma, {
      name: 'case system',
      role: 'BROKER',
      councilId: broker.councilId!,
      scopes: ['package:read'],
      createdById: broker.userId,
    });
    const pkg = await prisma.package.findFirstOrThrow({ where: { councilId: broker.councilId! }, select: { reference: true, personId: true } });
    const read = await packageGET(new Request(`http://localhost/api/v1/packages/${pkg.reference}`, { headers: { authorization: `Bearer ${made.token}` } }), {
      params: Promise.resolve({ reference: pkg.reference }),
    });
    expect(read.status).toBe(200);
    const viewed = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'person.viewed', entityId: pkg.personId }, orderBy: { id: 'desc' } });
    expect(viewed).toMatchObject({ actorId: broker.userId, actorRole: 'BROKER', apiTokenId: made.id });

    // A commissioner-role token an administrator made is audited as the administrator, not as a commissioner.
    const admin = await adminOf('admin@bradford.example');
    const bi = await createApiToken(prisma, admin, { name: 'BI', role: 'COMMISSIONER', scopes: ['market:view'], expiresInDays: 30 }, '10.7.0.1');
    const actor = await actorFromApiToken(prisma, bi.token);
    expect(actor).toMatchObject({ role: 'COMMISSIONER', tokenId: bi.id, createdBy: { userId: admin.userId, role: 'ADMIN' } });
    await recordAudit(prisma, actor, { action: 'test.token-call', entityType: 'ApiToken', entityId: bi.id });
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'test.token-call' } })).toMatchObject({
      actorId: admin.userId,
      actorRole: 'ADMIN',
      apiTokenId: bi.id,
    });
  });
});
