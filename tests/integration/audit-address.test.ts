import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TActor } from '@/lib/auth/permissions';
import { listWaitingPackages } from '@/lib/package/list-waiting-packages';
import { buildCouncil, type TFixture } from './support/brokerage-fixtures';
import { draftFor } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Every audited write made through an action is audited with the address the request came from:
// the address the production server stamps on the request (lib/auth/request-ip.ts).
const request = vi.hoisted(() => ({ actor: null as TActor | null, ip: '' }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-homefirst-client-address': request.ip }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => request.actor }));

let prisma: PrismaClient;
let fx: TFixture;
let broker: typeof import('@/app/(broker)/packages/actions');
let provider: typeof import('@/app/(provider)/provider/actions');

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  process.env.DATABASE_URL = testDatabaseUrl();
  fx = await buildCouncil(prisma, { code: 'ADR', localityProviders: 2 });
  broker = await import('@/app/(broker)/packages/actions');
  provider = await import('@/app/(provider)/provider/actions');
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('the audit trail records where each write came from', () => {
  it('for saving, posting and accepting a package', async () => {
    request.actor = fx.broker;
    request.ip = '10.44.0.9';
    const draft = draftFor(fx);
    const posted = await broker.saveAndPostAction({ draft });
    expect(posted).toMatchObject({ ok: true });
    const pkg = await prisma.package.findFirstOrThrow({ where: { councilId: fx.councilId }, orderBy: { createdAt: 'desc' } });
    const writes = await prisma.auditEvent.findMany({
      where: { OR: [{ entityId: pkg.id }, { entityId: pkg.personId }], action: { in: ['person.created', 'package.draft-created', 'package.posted'] } },
    });
    expect(writes.map((w) => w.action).sort()).toEqual(['package.draft-created', 'package.posted', 'person.created']);
    for (const w of writes) expect(w.ip, w.action).toBe('10.44.0.9');

    const offer = await prisma.offer.findFirstOrThrow({ where: { councilId: fx.councilId, packageId: pkg.id, status: 'OFFERED' } });
    request.actor = fx.providerActor(offer.providerId);
    request.ip = '10.44.0.10';
    expect(await provider.acceptOfferAction({ offerId: offer.id })).toMatchObject({ ok: true });
    const accepted = await prisma.auditEvent.findMany({
      where: { OR: [{ entityId: offer.id }, { entityId: pkg.id }], action: { in: ['offer.accepted', 'package.placed'] } },
    });
    expect(accepted).toHaveLength(2);
    for (const a of accepted) expect(a.ip, a.action).toBe('10.44.0.10');
  });

  it('for searching the waiting list by NHS number, which finds people', async () => {
    const draft = draftFor(fx);
    request.actor = fx.broker;
    request.ip = '10.44.0.11';
    expect(await broker.saveDraftAction({ draft })).toMatchObject({ ok: true });
    const found = await listWaitingPackages(prisma, fx.broker, { includeDrafts: true, search: draft.person.nhsNumber.slice(0, 6), auditFrom: '10.44.0.12' });
    expect(found.packages.length).toBeGreaterThan(0);
    const searched = await prisma.auditEvent.findFirstOrThrow({ where: { councilId: fx.councilId, action: 'person.searched' }, orderBy: { id: 'desc' } });
    expect(searched).toMatchObject({ actorId: fx.broker.userId, ip: '10.44.0.12', details: { by: 'NHS number' } });
    // The words searched for (part of an NHS number) are never kept.
    expect(JSON.stringify(searched.details)).not.toContain(draft.person.nhsNumber.slice(0, 6));
  });
});
