import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFastPath } from '@/lib/api/fast-path';
import { V1_ROUTES } from '@/lib/api/v1-routes';
import { createApiToken } from '@/lib/auth/api-token';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { providerActorOf } from './support/actors';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// The production server's API path (scripts/serve.ts), over real HTTP on loopback: requests with
// an API token go straight to the route handlers; everything else goes on to Next.js, which here
// is a stand-in that only says it was asked.

let prisma: PrismaClient;
let server: http.Server;
let base: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date(), force: true });
  process.env.DATABASE_URL = testDatabaseUrl();
  const scopes = ['offer:read-own', 'offer:respond'];
  tokens.a = (
    await createApiToken(
      prisma,
      await providerActorOf(prisma, 'provider@homefirst.example'),
      { name: 'rota', role: 'PROVIDER', scopes, expiresInDays: 30 },
      '10.0.0.1',
    )
  ).token;
  await prisma.user.update({ where: { email: 'provider2@homefirst.example' }, data: { providerManager: true } });
  const api = createApiFastPath(V1_ROUTES, { production: true });
  server = http.createServer((req, res) => {
    if (api(req, res)) return;
    res.writeHead(418, { 'content-type': 'text/plain' }).end('next.js');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await prisma.$disconnect();
});

const call = (method: string, path: string, token?: string, body?: string) =>
  fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body,
  });

describe('the API path of the production server', () => {
  it('serves a token holder through the route handlers, with the security headers', async () => {
    const response = await call('GET', '/api/v1/offers?limit=1', tokens.a);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(page.items).toHaveLength(1);
    // The seeded demo provider has two open offers: the second page holds the other, and no more.
    const second = (await (await call('GET', `/api/v1/offers?limit=1&cursor=${page.nextCursor}`, tokens.a)).json()) as typeof page;
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(page.items[0].id);
    expect(second.nextCursor).toBeNull();
    // The query string reached the handler: a bad one is named.
    const bad = await call('GET', '/api/v1/offers?limit=0', tokens.a);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty('limit');
  });

  it('lets the first acceptance win and tells the next provider it is placed; path parameters and bodies arrive', async () => {
    const offers = await prisma.offer.findMany({ where: { status: 'OFFERED', deadline: { gt: new Date() }, package: { status: 'OFFERING' } } });
    const providerA = (await providerActorOf(prisma, 'provider@homefirst.example')).providerId;
    const mine = offers.find((o) => o.providerId === providerA && offers.some((p) => p.packageId === o.packageId && p.providerId !== providerA));
    expect(mine, 'a package offered to the demo provider and another').toBeDefined();
    const theirs = offers.find((o) => o.packageId === mine!.packageId && o.providerId !== providerA)!;
    // A token for the other provider, made by a provider manager acting for it.
    const manager = await providerActorOf(prisma, 'provider2@homefirst.example');
    const other = { ...manager, providerId: theirs.providerId, providerManager: true };
    const otherToken = (
      await createApiToken(prisma, other, { name: 'rota', role: 'PROVIDER', scopes: ['offer:read-own', 'offer:respond'], expiresInDays: 30 }, '10.0.0.1')
    ).token;

    const won = await call('POST', `/api/v1/offers/${mine!.id}/accept`, tokens.a);
    expect(won.status).toBe(200);
    expect(await prisma.placement.count({ where: { packageId: mine!.packageId, endedAt: null } })).toBe(1);
    const lost = await call('POST', `/api/v1/offers/${theirs.id}/accept`, otherToken);
    expect(lost.status).toBe(409);
    expect(((await lost.json()) as { error: { message: string } }).error.message).toMatch(/already been placed/);

    const another = offers.find((o) => o.providerId === providerA && o.packageId !== mine!.packageId)!;
    const noReason = await call('POST', `/api/v1/offers/${another.id}/decline`, tokens.a, JSON.stringify({ reason: 'OTHER' }));
    expect(noReason.status).toBe(422);
    const notJson = await call('POST', `/api/v1/offers/${another.id}/decline`, tokens.a, '{');
    expect(notJson.status).toBe(422);
  });

  it('refuses a body larger than the API takes, and an unknown token', async () => {
    const huge = await call('PUT', '/api/v1/capacity', tokens.a, JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    const unknown = await call('GET', '/api/v1/offers', 'hf_not-a-token');
    expect(unknown.status).toBe(401);
  });

  it('leaves everything else to Next.js: no token, another path, a method no handler has', async () => {
    for (const [method, path, token] of [
      ['GET', '/api/v1/offers', undefined],
      ['GET', '/api/v1/nothing-here', tokens.a],
      ['DELETE', '/api/v1/offers', tokens.a],
      ['GET', '/provider', tokens.a],
      ['GET', '/api/v1x/offers', tokens.a],
    ] as const) {
      const response = await call(method, path, token);
      expect(await response.text(), `${method} ${path}`).toBe('next.js');
    }
  });
});
