import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TActor } from '@/lib/auth/permissions';
import { sweepIdempotencyKeys } from '@/lib/idempotency/once-per-key';
import { insertApiToken } from './support/api-tokens';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// The same write sent twice happens once: an /api/v1 write with an Idempotency-Key, and the
// new-package form's save, save-and-post and post actions with their form token, each sent twice
// at the same moment and again later, leave one package and give both senders the first answer.
const request = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-homefirst-client-address': '10.9.0.1' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => request.actor }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let prisma: PrismaClient;
let fx: TFixture;
let token: string;
let packagesRoute: Record<string, Handler>;
let actions: typeof import('@/app/(broker)/packages/actions');

async function postPackage(body: unknown, key?: string) {
  const response = await packagesRoute.POST(
    new Request('http://localhost/api/v1/packages', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key !== undefined ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

/** A draft for someone already recorded, as the form sends once its first save recorded them. */
async function draftForKnownPerson() {
  const { person: _new, ...draft } = draftFor(fx);
  const person = await prisma.person.findFirstOrThrow({ where: { councilId: fx.councilId } });
  return { ...draft, personId: person.id };
}

const packageCount = () => prisma.package.count({ where: { councilId: fx.councilId } });
const postedCount = () => prisma.auditEvent.count({ where: { councilId: fx.councilId, action: 'package.posted' } });

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  process.env.DATABASE_URL = testDatabaseUrl();
  fx = await buildCouncil(prisma, { code: 'IDM', localityProviders: 3 });
  token = (
    await insertApiToken(prisma, {
      name: 'case system',
      role: 'BROKER',
      scopes: ['package:read', 'package:write'],
      createdById: fx.broker.userId,
      councilId: fx.councilId,
    })
  ).token;
  packagesRoute = (await import('@/app/api/v1/packages/route')) as unknown as Record<string, Handler>;
  actions = await import('@/app/(broker)/packages/actions');
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('an /api/v1 write with an Idempotency-Key', () => {
  it('sent five times at once makes one live package, and every sender gets its reference', async () => {
    const before = await packageCount();
    const posted = await postedCount();
    const body = { draft: draftFor(fx), post: true };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postPackage(body, 'b2c1d5e0-6f4a-4c1e-9d0e-3a2b1c0d9e8f')));
    for (const a of answers) expect(a.status, JSON.stringify(a.json)).toBe(200);
    expect(new Set(answers.map((a) => a.json.reference)).size).toBe(1);
    expect(await packageCount()).toBe(before + 1);
    expect(await postedCount()).toBe(posted + 1);

    // Sent again later: the first answer, and still one package.
    const again = await postPackage(body, 'b2c1d5e0-6f4a-4c1e-9d0e-3a2b1c0d9e8f');
    expect(again).toEqual(answers[0]);
    expect(await packageCount()).toBe(before + 1);
  });

  it('refuses the key reused for a different request, or a key that is not one, naming the header', async () => {
    const first = await postPackage({ draft: draftFor(fx) }, 'order-77');
    expect(first.status).toBe(200);
    const before = await packageCount();
    const other = await postPackage({ draft: draftFor(fx, { pathway: 'LONG_TERM' }) }, 'order-77');
    expect(other.status).toBe(422);
    expect(other.json.error.fields['Idempotency-Key']).toEqual(['Use a new key for each new request']);
    const spaced = await postPackage({ draft: draftFor(fx) }, 'two words');
    expect(spaced.status).toBe(422);
    expect(spaced.json.error.fields['Idempotency-Key']).toEqual(['Send 1 to 255 visible characters with no spaces, such as a UUID']);
    expect(await packageCount()).toBe(before);
  });

  it('is forgotten after a day: the worker sweeps it, and an expired one is a new request', async () => {
    const body = { draft: await draftForKnownPerson() };
    const first = await postPackage(body, 'daily-1');
    await prisma.idempotencyKey.updateMany({ where: { key: 'api:daily-1' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const later = await postPackage(body, 'daily-1');
    expect(later.status).toBe(200);
    expect(later.json.reference).not.toBe(first.json.reference);
    await prisma.idempotencyKey.updateMany({ where: { key: 'api:daily-1' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sweepIdempotencyKeys(prisma)).toBeGreaterThanOrEqual(1);
    expect(await prisma.idempotencyKey.count({ where: { key: 'api:daily-1' } })).toBe(0);
  });

  it('without a key, each request is a write of its own', async () => {
    const before = await packageCount();
    const body = { draft: await draftForKnownPerson() };
    const [a, b] = await Promise.all([postPackage(body), postPackage(body)]);
    expect(a.json.reference).not.toBe(b.json.reference);
    expect(await packageCount()).toBe(before + 2);
  });
});

describe('the package form’s writes with their form token', () => {
  it('save-and-post sent twice at once makes one posted package', async () => {
    request.actor = fx.broker;
    const before = await packageCount();
    const posted = await postedCount();
    const input = { draft: draftFor(fx), formToken: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' };
    const [a, b] = await Promise.all([actions.saveAndPostAction(input), actions.saveAndPostAction(input)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(await packageCount()).toBe(before + 1);
    expect(await postedCount()).toBe(posted + 1);
  });

  it('the first save of a new draft sent twice at once makes one draft, and posting it twice at once posts it once', async () => {
    request.actor = fx.broker;
    const before = await packageCount();
    const input = { draft: draftFor(fx), formToken: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' };
    const [a, b] = await Promise.all([actions.saveDraftAction(input), actions.saveDraftAction(input)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(await packageCount()).toBe(before + 1);
    if (!a.ok) throw new Error('not saved');

    const posted = await postedCount();
    const post = { packageId: a.data.id, expectedVersion: a.data.version, formToken: '2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e' };
    const [p, q] = await Promise.all([actions.postPackageAction(post), actions.postPackageAction(post)]);
    expect(p).toMatchObject({ ok: true });
    expect(q).toEqual(p);
    expect(await postedCount()).toBe(posted + 1);
  });

  it('a form token does not hide a real second write: the same form saving a changed draft saves it', async () => {
    request.actor = fx.broker;
    const formToken = '3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f';
    const draft = draftFor(fx);
    const first = await actions.saveDraftAction({ draft, formToken });
    if (!first.ok) throw new Error(first.message);
    const { person: _recorded, ...rest } = draft;
    const changed = await actions.saveDraftAction({
      packageId: first.data.id,
      expectedVersion: first.data.version,
      draft: { ...rest, personId: first.data.personId, visits: [{ ...draft.visits[0], minutes: 45 }] },
      formToken,
    });
    expect(changed).toMatchObject({ ok: true, data: { id: first.data.id, version: first.data.version + 1 } });
  });
});
