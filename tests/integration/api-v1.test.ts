import fs from 'node:fs';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/lib/auth/api-token';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { councilActorOf as councilActorOfUser, providerActorOf as providerActorOfUser } from './support/actors';
import { insertApiToken } from './support/api-tokens';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Calls /api/v1 route handlers as an integration would: with a bearer token, over JSON.
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => null }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let prisma: PrismaClient;
const routes: Record<string, Record<string, Handler>> = {};
const tokens: Record<string, string> = {};

async function call(method: string, route: string, url: string, token?: string, body?: unknown, params: Record<string, string> = {}) {
  const response = await routes[route][method](
    new Request(`http://localhost${url}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const councilActorOf = (email: string) => councilActorOfUser(prisma, email);
const providerActorOf = (email: string) => providerActorOfUser(prisma, email);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date(), force: true });
  process.env.DATABASE_URL = testDatabaseUrl();
  for (const [name, path] of [
    ['packages', '@/app/api/v1/packages/route'],
    ['package', '@/app/api/v1/packages/[reference]/route'],
    ['offers', '@/app/api/v1/offers/route'],
    ['accept', '@/app/api/v1/offers/[id]/accept/route'],
    ['decline', '@/app/api/v1/offers/[id]/decline/route'],
    ['capacity', '@/app/api/v1/capacity/route'],
  ] as const)
    routes[name] = (await import(path)) as Record<string, Handler>;
  // A case system's token, made by someone who may read and write packages themselves.
  const broker = await councilActorOf('broker@bradford.example');
  const caseSystem = await insertApiToken(prisma, {
    name: 'case system',
    role: 'BROKER',
    councilId: broker.councilId,
    scopes: ['package:read', 'package:write'],
    createdById: broker.userId,
  });
  tokens.broker = caseSystem.token;
  tokens.brokerId = caseSystem.id;
  tokens.providerA = (
    await createApiToken(
      prisma,
      await providerActorOf('provider@homefirst.example'),
      { name: 'rota', role: 'PROVIDER', scopes: ['offer:read-own', 'offer:respond', 'capacity:declare'], expiresInDays: 30 },
      '10.12.0.1',
    )
  ).token;
  const b = await providerActorOf('provider2@homefirst.example');
  await prisma.user.update({ where: { id: b.userId }, data: { providerManager: true } });
  tokens.providerB = (
    await createApiToken(
      prisma,
      { ...b, providerManager: true },
      { name: 'rota', role: 'PROVIDER', scopes: ['offer:read-own', 'offer:respond'], expiresInDays: 30 },
      '10.12.0.1',
    )
  ).token;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('/api/v1 packages', () => {
  it('pages through the council’s packages with a cursor, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', 'packages', `/api/v1/packages?limit=200${cursor ? `&cursor=${cursor}` : ''}`, tokens.broker);
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((p: { reference: string }) => p.reference));
      cursor = page.json.nextCursor;
    } while (cursor);
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    expect(seen.length).toBe(await prisma.package.count({ where: { councilId: bradford.id } }));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((r) => r.startsWith('BDC-'))).toBe(true);
  });

  it('creates and posts a package, and names each bad field by its path', async () => {
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const locality = await prisma.locality.findFirstOrThrow({ where: { councilId: bradford.id, code: 'L01' } });
    // Someone with no live package: a second one with the same type of care needs a reason.
    const person = await prisma.person.findFirstOrThrow({
      where: { councilId: bradford.id, packages: { none: { status: { notIn: ['DRAFT', 'ENDED', 'CANCELLED'] } } } },
    });
    const draft = {
      personId: person.id,
      localityId: locality.id,
      pathway: 'LONG_TERM',
      visits: [{ days: ['MON', 'WED'], start: '07:30', minutes: 45, carers: 1 }],
      serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 1.5, startDate: '2026-12-01' }],
    };
    const bad = await call('POST', 'packages', '/api/v1/packages', tokens.broker, { draft: { ...draft, visits: [{ ...draft.visits[0], start: '7.30' }] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields['draft.visits.0.start']).toEqual(['Enter a start time like 07:30']);

    const created = await call('POST', 'packages', '/api/v1/packages', tokens.broker, { draft, post: true });
    expect(created.status).toBe(200);
    expect(['OFFERING', 'OPEN_MARKET']).toContain(created.json.status);
    const read = await call('GET', 'package', `/api/v1/packages/${created.json.reference}`, tokens.broker, undefined, { reference: created.json.reference });
    expect(read.status).toBe(200);
    expect(read.json.person.nhsNumber).toBe(person.nhsNumber);
    expect(read.json.visits).toEqual(draft.visits);

    // The same again is a second live package with personal care over the same days: refused, naming the field and the package.
    const again = await call('POST', 'packages', '/api/v1/packages', tokens.broker, { draft, post: true });
    expect(again.status).toBe(422);
    expect(again.json.error.fields['draft.duplicateReason'][0]).toContain(`live package ${created.json.reference} with personal care`);
    const explained = await call('POST', 'packages', '/api/v1/packages', tokens.broker, {
      draft: { ...draft, duplicateReason: 'Respite at a second address' },
      post: true,
    });
    expect(explained.status).toBe(200);
  });

  it("records a package posted with a token as the token's, and sends its alerts to the council's brokers", async () => {
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    await prisma.user.create({ data: { email: 'second.broker@bradford.example', name: 'Second Broker', role: 'BROKER', councilId: bradford.id } });
    const brokers = (await prisma.user.findMany({ where: { councilId: bradford.id, role: 'BROKER', disabledAt: null }, select: { id: true } }))
      .map((u) => u.id)
      .sort();
    expect(brokers.length).toBeGreaterThan(1);
    const locality = await prisma.locality.findFirstOrThrow({ where: { councilId: bradford.id, code: 'L01' } });
    const person = await prisma.person.findFirstOrThrow({
      where: { councilId: bradford.id, packages: { none: { status: { notIn: ['DRAFT', 'ENDED', 'CANCELLED'] } } } },
      orderBy: { id: 'desc' },
    });
    const draft = {
      personId: person.id,
      localityId: locality.id,
      pathway: 'LONG_TERM',
      visits: [{ days: ['TUE', 'THU'], start: '08:00', minutes: 30, carers: 1 }],
      serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 1, startDate: '2026-12-01' }],
    };
    const created = await call('POST', 'packages', '/api/v1/packages', tokens.broker, { draft, post: true });
    expect(created.status).toBe(200);
    const pkg = await prisma.package.findUniqueOrThrow({ where: { councilId_reference: { councilId: bradford.id, reference: created.json.reference } } });
    expect(pkg).toMatchObject({ createdById: null, createdByTokenId: tokens.brokerId });
    const audits = await prisma.auditEvent.findMany({ where: { entityId: pkg.id, action: { in: ['package.draft-created', 'package.posted'] } } });
    expect(audits).toHaveLength(2);
    for (const a of audits) expect(a.apiTokenId).toBe(tokens.brokerId);

    // Its alert (placed, or on the open market) goes to every broker, not only whoever made the token.
    if (created.json.status === 'OFFERING') {
      const offer = await prisma.offer.findFirstOrThrow({ where: { councilId: bradford.id, packageId: pkg.id, status: 'OFFERED' } });
      const provider = await prisma.user.findFirstOrThrow({ where: { providerId: offer.providerId, disabledAt: null } });
      await acceptOffer(prisma, await providerActorOf(provider.email), { offerId: offer.id });
    }
    const alerts = await prisma.notification.findMany({
      where: { councilId: bradford.id, kind: { in: ['PACKAGE_PLACED', 'PACKAGE_OPEN_MARKET'] }, link: `/packages/${pkg.reference}` },
      select: { userId: true },
    });
    expect(alerts.map((a) => a.userId).sort()).toEqual(brokers);
  });

  it("hands to the brokers a package an administrator's token posted before, when the database is migrated", async () => {
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@bradford.example' } });
    const broker = await prisma.user.findUniqueOrThrow({ where: { email: 'broker@bradford.example' } });
    const [old, brokers] = await prisma.package.findMany({ where: { councilId: bradford.id }, take: 2, select: { id: true } });
    await prisma.package.update({ where: { councilId_id: { councilId: bradford.id, id: old.id } }, data: { createdById: admin.id } });
    await prisma.package.update({ where: { councilId_id: { councilId: bradford.id, id: brokers.id } }, data: { createdById: broker.id } });
    const sql = fs.readFileSync('prisma/migrations/20261206071300_packages_made_with_admin_tokens/migration.sql', 'utf8');
    await prisma.$executeRawUnsafe(sql);
    const after = await prisma.package.findMany({ where: { id: { in: [old.id, brokers.id] } }, select: { id: true, createdById: true } });
    expect(Object.fromEntries(after.map((p) => [p.id, p.createdById]))).toEqual({ [old.id]: null, [brokers.id]: broker.id });
  });

  it('refuses a provider token and a missing token', async () => {
    expect((await call('GET', 'packages', '/api/v1/packages', tokens.providerA)).status).toBe(403);
    expect((await call('GET', 'packages', '/api/v1/packages')).status).toBe(401);
  });
});

describe('/api/v1 offers and capacity', () => {
  it('lists a provider’s own open offers without personal data; another provider can neither see nor accept them', async () => {
    const list = await call('GET', 'offers', '/api/v1/offers?limit=5', tokens.providerA);
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThan(0);
    const text = JSON.stringify(list.json);
    for (const key of ['givenName', 'familyName', 'nhsNumber', 'dateOfBirth', 'addressLine1']) expect(text).not.toContain(key);

    const offer = list.json.items[0] as { id: string };
    const theirs = await call('GET', 'offers', '/api/v1/offers?limit=200', tokens.providerB);
    expect(theirs.json.items.map((o: { id: string }) => o.id)).not.toContain(offer.id);
    const stolen = await call('POST', 'accept', `/api/v1/offers/${offer.id}/accept`, tokens.providerB, undefined, { id: offer.id });
    expect(stolen.status).toBe(404);

    const accepted = await call('POST', 'accept', `/api/v1/offers/${offer.id}/accept`, tokens.providerA, undefined, { id: offer.id });
    expect(accepted.status).toBe(200);
    // Accepting again (a retry after a lost answer) is told it holds the package, with the same placement.
    const again = await call('POST', 'accept', `/api/v1/offers/${offer.id}/accept`, tokens.providerA, undefined, { id: offer.id });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(accepted.json);
  });

  it('refuses a cursor it did not make with a 422 naming the cursor', async () => {
    for (const cursor of [
      'not-base64-at-all',
      Buffer.from('2026-11-23T09:00:00.000Z|not-a-uuid').toString('base64url'),
      Buffer.from('yesterday|' + '0'.repeat(8) + '-0000-4000-8000-' + '0'.repeat(12)).toString('base64url'),
    ]) {
      const page = await call('GET', 'offers', `/api/v1/offers?cursor=${cursor}`, tokens.providerA);
      expect(page.status, cursor).toBe(422);
      expect(page.json.error.fields.cursor).toEqual(['Use the nextCursor of the previous page']);
    }
  });

  it('refuses a control character in a body or query field with a 422 naming the field, and writes nothing', async () => {
    const list = await call('GET', 'offers', '/api/v1/offers?limit=5', tokens.providerA);
    const offer = list.json.items[0] as { id: string };
    const declined = await call(
      'POST',
      'decline',
      `/api/v1/offers/${offer.id}/decline`,
      tokens.providerA,
      { reason: 'OTHER', text: 'no\u0000staff' },
      { id: offer.id },
    );
    expect(declined.status).toBe(422);
    expect(declined.json.error.fields).toEqual({ text: ['Remove the control character from this field'] });
    expect((await prisma.offer.findFirstOrThrow({ where: { id: offer.id } })).status).toBe('OFFERED');
    const query = await call('GET', 'offers', '/api/v1/offers?cursor=%00', tokens.providerA);
    expect(query.status).toBe(422);
    expect(query.json.error.fields).toEqual({ cursor: ['Remove the control character from this field'] });
  });

  it('declines with a reason, and asks for the text when the reason is "other"', async () => {
    const list = await call('GET', 'offers', '/api/v1/offers?limit=5', tokens.providerA);
    const offer = list.json.items[0] as { id: string };
    const noText = await call('POST', 'decline', `/api/v1/offers/${offer.id}/decline`, tokens.providerA, { reason: 'OTHER' }, { id: offer.id });
    expect(noText.status).toBe(422);
    const declined = await call('POST', 'decline', `/api/v1/offers/${offer.id}/decline`, tokens.providerA, { reason: 'NO_CAPACITY' }, { id: offer.id });
    expect(declined.status).toBe(200);
  });

  it('reads and replaces capacity; a token without that permission is refused', async () => {
    const read = await call('GET', 'capacity', '/api/v1/capacity', tokens.providerA);
    expect(read.status).toBe(200);
    const council = read.json[0] as unknown as { council: { id: string }; localities: { id: string }[] };
    const put = await call('PUT', 'capacity', '/api/v1/capacity', tokens.providerA, {
      councilId: council.council.id,
      rows: [{ localityId: council.localities[0].id, band: 'NIGHT', carerHours: 4 }],
    });
    expect(put.status).toBe(200);
    expect((await call('GET', 'capacity', '/api/v1/capacity', tokens.providerB)).status).toBe(403);
  });
});
