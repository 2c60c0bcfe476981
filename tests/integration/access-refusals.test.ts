import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchAudit, ZAuditSearchSchema } from '@/lib/audit/search-audit';
import type { TActor } from '@/lib/auth/permissions';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { insertApiToken } from './support/api-tokens';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Refused calls (wrong role, someone else's council, no or a bad token) are each recorded: who,
// what and from where, one audit event per actor, request and address each minute with a count.
const request = vi.hoisted(() => ({ actor: null as TActor | null, ip: '' }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-homefirst-client-address': request.ip }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => request.actor }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let prisma: PrismaClient;
let a: TFixture;
let b: TFixture;
let actions: typeof import('@/app/(broker)/packages/actions');
let packageGET: Handler;
let packagesGET: Handler;

const apiCall = (handler: Handler, path: string, token: string | null, ip: string, params: Record<string, string> = {}) =>
  handler(new Request(`http://localhost${path}`, { headers: { 'x-homefirst-client-address': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) } }), {
    params: Promise.resolve(params),
  });

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  process.env.DATABASE_URL = testDatabaseUrl();
  a = await buildCouncil(prisma, { code: 'RFA', localityProviders: 1 });
  b = await buildCouncil(prisma, { code: 'RFB', localityProviders: 1 });
  actions = await import('@/app/(broker)/packages/actions');
  ({ GET: packageGET } = (await import('@/app/api/v1/packages/[reference]/route')) as { GET: Handler });
  ({ GET: packagesGET } = (await import('@/app/api/v1/packages/route')) as { GET: Handler });
});

afterAll(async () => {
  await prisma.$disconnect();
});

const adminOf = (fx: TFixture) => ({ ...fx.broker, role: 'ADMIN' as const });
const refusalsOf = async (fx: TFixture, q: Record<string, string> = {}) =>
  (await searchAudit(prisma, adminOf(fx), ZAuditSearchSchema.parse({ action: 'refused', ...q }))).events;

describe('refused calls', () => {
  it('are recorded once a minute per actor, request and address, with how many times, and logged once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // A broker of council A, 30 times over, asks to post council B's package: not theirs to see.
    const theirs = await saveDraftPackage(prisma, b.broker, { draft: draftFor(b) });
    request.actor = a.broker;
    request.ip = '10.61.0.1';
    for (let i = 0; i < 30; i++) {
      expect(await actions.postPackageAction({ packageId: theirs.id, expectedVersion: theirs.version })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    // The same from another address is another row.
    request.ip = '10.61.0.2';
    await actions.postPackageAction({ packageId: theirs.id, expectedVersion: theirs.version });

    const rows = await refusalsOf(a, { actorEmail: a.broker.email });
    const fromFirst = rows.filter((r) => r.ip === '10.61.0.1');
    // 30 calls: one row, or two if a minute ended in between.
    expect(fromFirst.length).toBeGreaterThanOrEqual(1);
    expect(fromFirst.length).toBeLessThanOrEqual(2);
    expect(fromFirst.reduce((n, r) => n + r.times, 0)).toBe(30);
    expect(fromFirst[0]).toMatchObject({ actorEmail: a.broker.email, record: 'action package:write', details: { code: 'NOT_FOUND' } });
    expect(rows.filter((r) => r.ip === '10.61.0.2')).toHaveLength(1);
    // Admins find them by address too.
    expect((await refusalsOf(a, { ip: '10.61.0.2' })).map((r) => r.times)).toEqual([1]);
    const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('access refused'));
    expect(lines.length).toBe(fromFirst.length + 1);
    expect(JSON.parse(lines[0])).toMatchObject({ code: 'NOT_FOUND', what: 'action package:write', ip: '10.61.0.1', actorId: a.broker.userId });
    warn.mockRestore();
  });

  it('include a wrong role calling an action, and API calls with no, a bad or an out-of-scope token, or for another council', async () => {
    // A provider calling a broker's action.
    const provider = a.providerActor(a.spot);
    request.actor = provider;
    request.ip = '10.62.0.1';
    expect(await actions.saveDraftAction({ draft: draftFor(a) })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const providerRow = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'access.refused', ip: '10.62.0.1' } });
    expect(providerRow).toMatchObject({ actorId: provider.userId, actorRole: 'PROVIDER', details: { code: 'FORBIDDEN' } });

    request.actor = null;
    const narrow = await insertApiToken(prisma, { name: 'BI', role: 'BROKER', councilId: a.councilId, scopes: ['market:view'], createdById: a.broker.userId });
    const reader = await insertApiToken(prisma, {
      name: 'case system',
      role: 'BROKER',
      councilId: a.councilId,
      scopes: ['package:read'],
      createdById: a.broker.userId,
    });
    const other = await saveDraftPackage(prisma, b.broker, { draft: draftFor(b) });
    expect((await apiCall(packagesGET, '/api/v1/packages', narrow.token, '10.62.0.2')).status).toBe(403);
    expect((await apiCall(packageGET, `/api/v1/packages/${other.reference}`, reader.token, '10.62.0.3', { reference: other.reference })).status).toBe(404);
    expect((await apiCall(packagesGET, '/api/v1/packages', 'hf_not-a-token', '10.62.0.4')).status).toBe(401);
    expect((await apiCall(packagesGET, '/api/v1/packages', null, '10.62.0.5')).status).toBe(401);

    const byToken = await refusalsOf(a, { ip: '10.62.0.' });
    expect(byToken.map((r) => [r.ip, r.record, r.token, (r.details as { code: string }).code]).sort()).toEqual([
      ['10.62.0.2', 'GET /api/v1/packages', `BI (${narrow.token.slice(0, 10)}…)`, 'FORBIDDEN'],
      ['10.62.0.3', `GET /api/v1/packages/${other.reference}`, `case system (${reader.token.slice(0, 10)}…)`, 'NOT_FOUND'],
    ]);
    // Nobody could be named for the unknown token or the missing one: recorded all the same, with their addresses.
    const anonymous = await prisma.auditEvent.findMany({ where: { action: 'access.refused', actorId: null, ip: { in: ['10.62.0.4', '10.62.0.5'] } } });
    expect(anonymous.map((r) => (r.details as { code: string }).code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });
});
