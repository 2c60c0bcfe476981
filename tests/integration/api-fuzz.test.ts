import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@prisma/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFastPath } from '@/lib/api/fast-path';
import { V1_ROUTES } from '@/lib/api/v1-routes';
import { ZCapacityBodySchema, ZCreatePackageBodySchema, ZDeclineBodySchema } from '@/lib/api/v1-schemas';
import { stampClientAddress } from '@/lib/auth/request-ip';
import { refuseWhileDatabaseDown } from '@/lib/database/refuse-while-down';
import { refuseMalformed } from '@/lib/security/refuse-malformed';
import { insertApiToken } from './support/api-tokens';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Every /api/v1 endpoint, over real HTTP through the production server's front door and API path
// (scripts/serve.ts), sent malformed requests: bodies that are empty, not JSON or the wrong shape
// (hand-picked and generated), bad query values, bad path values, a bad Idempotency-Key, TRACE.
// Each is answered 4xx with a message, and nothing is written: every table has as many rows after
// as before (the audit trail and refusal counters aside, which record refusals by design).

let prisma: PrismaClient;
let fx: TFixture;
let server: http.Server;
let base: string;
const tokens: Record<'broker' | 'provider', string> = { broker: '', provider: '' };
let offerId: string;

const UNCOUNTED = new Set(['AuditEvent', 'AccessRefusal', 'SignInThrottle', '_prisma_migrations']);

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public'`;
  const counts: Record<string, number> = {};
  for (const { name } of tables.filter((t) => !UNCOUNTED.has(t.name))) {
    const [{ n }] = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  return counts;
}

type TAnswer = { status: number; message: unknown; text: string };

async function send(method: string, path: string, who: 'broker' | 'provider', body?: string, headers: Record<string, string> = {}): Promise<TAnswer> {
  // fetch refuses TRACE and a path it cannot parse; node:http sends them as they are.
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${tokens[who]}`,
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let message: unknown;
          try {
            message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
          } catch {
            message = undefined;
          }
          resolve({ status: response.statusCode ?? 0, message, text });
        });
      },
    );
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

function expectRefused(answer: TAnswer, what: string) {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(typeof answer.message === 'string' && answer.message.length > 0, `${what} has a message: ${answer.text.slice(0, 300)}`).toBe(true);
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  process.env.DATABASE_URL = testDatabaseUrl();
  fx = await buildCouncil(prisma, { code: 'FUZ', localityProviders: 2 });
  tokens.broker = (
    await insertApiToken(prisma, {
      name: 'case system',
      role: 'BROKER',
      scopes: ['package:read', 'package:write', 'market:view'],
      createdById: fx.broker.userId,
      councilId: fx.councilId,
    })
  ).token;

  const api = createApiFastPath(V1_ROUTES, { production: true });
  server = http.createServer((req, res) => {
    if (refuseMalformed(req, res)) return;
    stampClientAddress(req);
    if (refuseWhileDatabaseDown(req, res)) return;
    if (api(req, res)) return;
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such page (Next.js).' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A posted package, so there is a live offer to aim the offer endpoints at.
  const posted = await send('POST', '/api/v1/packages', 'broker', JSON.stringify({ draft: draftFor(fx), post: true }));
  expect(posted.status, posted.text).toBe(200);
  const offer = await prisma.offer.findFirstOrThrow({ where: { councilId: fx.councilId, status: 'OFFERED' } });
  offerId = offer.id;
  tokens.provider = (
    await insertApiToken(prisma, {
      name: 'rota',
      role: 'PROVIDER',
      scopes: ['offer:read-own', 'offer:respond', 'capacity:declare'],
      createdById: null,
      providerId: offer.providerId,
    })
  ).token;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await prisma?.$disconnect();
});

const BAD_BODIES: [string, string][] = [
  ['an empty body', ''],
  ['half a JSON object', '{'],
  ['JSON null', 'null'],
  ['a list', '[]'],
  ['a string', '"package"'],
  ['a number', '42'],
  ['an object of the wrong shape', '{"draft":null,"rows":null,"reason":null}'],
  ['a NUL byte in a text field', JSON.stringify({ reason: 'OTHER', text: 'a\u0000b', draft: { notes: 'x\u0000' } })],
  ['nesting 5,000 deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['a very long string', JSON.stringify({ text: 'x'.repeat(200_000) })],
];

/** The endpoints that take a body, with a body that is valid but for the field under test. */
function bodyEndpoints(): {
  method: string;
  path: string;
  who: 'broker' | 'provider';
  schema: { safeParse: (v: unknown) => { success: boolean } };
  shapes: [string, unknown][];
}[] {
  const draft = draftFor(fx);
  const visit = draft.visits[0];
  return [
    {
      method: 'POST',
      path: '/api/v1/packages',
      who: 'broker',
      schema: ZCreatePackageBodySchema,
      shapes: [
        ['10,000 visits', { draft: { ...draft, visits: Array.from({ length: 10_000 }, () => visit) } }],
        ['a visit of 5e-324 minutes', { draft: { ...draft, visits: [{ ...visit, minutes: 5e-324 }] } }],
        ['hours per week of 5e-324', { draft: { ...draft, serviceLines: [{ ...draft.serviceLines[0], hoursPerWeek: 5e-324 }] } }],
        ['a locality that is not an id', { draft: { ...draft, localityId: "1' OR '1'='1" } }],
        ['post as a string', { draft, post: 'yes' }],
      ],
    },
    {
      method: 'PUT',
      path: '/api/v1/capacity',
      who: 'provider',
      schema: ZCapacityBodySchema,
      shapes: [
        ...([null, true, [], {}, 'twelve', 5e-324, -1, 2001, 1e309] as unknown[]).map((hours): [string, unknown] => [
          `capacity of ${JSON.stringify(hours)}`,
          { councilId: fx.councilId, rows: [{ localityId: fx.localities.l1, band: 'MORNING', carerHours: hours }] },
        ]),
        [
          '10,000 rows',
          { councilId: fx.councilId, rows: Array.from({ length: 10_000 }, () => ({ localityId: fx.localities.l1, band: 'MORNING', carerHours: 1 })) },
        ],
        ['another shape of council', { councilId: 'Bradford', rows: [] }],
      ],
    },
    {
      method: 'POST',
      path: `/api/v1/offers/${offerId}/decline`,
      who: 'provider',
      schema: ZDeclineBodySchema,
      shapes: [
        ['no reason', {}],
        ['an unknown reason', { reason: 'BORED' }],
        ['other with no words', { reason: 'OTHER' }],
        ['a reason of 1,001 characters', { reason: 'OTHER', text: 'x'.repeat(1001) }],
      ],
    },
  ];
}

describe('/api/v1 refuses malformed requests with a 4xx and a message, and writes nothing', () => {
  it('bodies: hand-picked shapes, to every endpoint that takes one', async () => {
    const before = await rowCounts();
    for (const endpoint of bodyEndpoints()) {
      for (const [name, body] of BAD_BODIES) expectRefused(await send(endpoint.method, endpoint.path, endpoint.who, body), `${endpoint.path} ${name}`);
      for (const [name, value] of endpoint.shapes)
        expectRefused(await send(endpoint.method, endpoint.path, endpoint.who, JSON.stringify(value)), `${endpoint.path} ${name}`);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('bodies: generated JSON that is not the endpoint’s shape', async () => {
    const before = await rowCounts();
    for (const endpoint of bodyEndpoints()) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
          fc.pre(!endpoint.schema.safeParse(value).success);
          expectRefused(
            await send(endpoint.method, endpoint.path, endpoint.who, JSON.stringify(value)),
            `${endpoint.path} ${JSON.stringify(value).slice(0, 100)}`,
          );
        }),
        { numRuns: 40, seed: 1606 },
      );
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('query values, path values, headers and methods', async () => {
    const before = await rowCounts();
    const cases: [string, string, 'broker' | 'provider', string?, Record<string, string>?][] = [
      ['GET', '/api/v1/packages?limit=-1', 'broker'],
      ['GET', '/api/v1/packages?limit=abc', 'broker'],
      ['GET', '/api/v1/packages?limit=1e309', 'broker'],
      ['GET', '/api/v1/packages?limit=201', 'broker'],
      ['GET', '/api/v1/packages?status=LOST', 'broker'],
      ['GET', `/api/v1/packages?cursor=${'x'.repeat(101)}`, 'broker'],
      ['GET', '/api/v1/packages?cursor=%00', 'broker'],
      ['GET', '/api/v1/offers?cursor=!!!not-a-cursor', 'provider'],
      ['GET', `/api/v1/offers?cursor=${Buffer.from('2026-13-45|not-an-id').toString('base64url')}`, 'provider'],
      ['GET', '/api/v1/offers?limit=0', 'provider'],
      ['GET', '/api/v1/packages/NOPE-%25_', 'broker'],
      ['GET', '/api/v1/packages/%00', 'broker'],
      ['GET', '/api/v1/packages/%zz', 'broker'],
      ['POST', '/api/v1/offers/not-an-id/accept', 'provider'],
      ['POST', '/api/v1/offers/%E0%A4%A/accept', 'provider'],
      ['POST', '/api/v1/offers/00000000-0000-4000-8000-000000000000/accept', 'provider'],
      ['POST', '/api/v1/offers/not-an-id/decline', 'provider', JSON.stringify({ reason: 'NO_CAPACITY' })],
      ['POST', '/api/v1/packages', 'broker', JSON.stringify({ draft: draftFor(fx) }), { 'idempotency-key': 'has spaces in it' }],
      ['PUT', '/api/v1/capacity', 'provider', JSON.stringify({ councilId: fx.councilId, rows: [] }), { 'idempotency-key': 'x'.repeat(256) }],
      ['GET', '/api/v1/packages', 'provider'],
      ['POST', `/api/v1/offers/${offerId}/accept`, 'broker'],
      ...(['/api/v1/packages', '/api/v1/offers', '/api/v1/capacity', '/api/v1/market', `/api/v1/offers/${offerId}/accept`] as const).map(
        (path): [string, string, 'broker' | 'provider'] => ['TRACE', path, 'broker'],
      ),
    ];
    for (const [method, path, who, body, headers] of cases)
      expectRefused(await send(method, path, who, body, headers), `${method} ${path} ${JSON.stringify(headers ?? {})}`);
    expect(await rowCounts()).toEqual(before);
  });
});
