import type { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { poolOf } from '@/lib/database/client';
import { NOTIFICATION_CHANNEL, notify, type TNoticeTx, withNotices } from '@/lib/notification/notify';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { declineOffer } from '@/lib/offer/decline-offer';
import { admitToHospital } from '@/lib/package/admit-to-hospital';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Every write saves its notices in its own transaction and announces them on the live channel
// once that has committed; a write that rolls back announces nothing.

let prisma: PrismaClient;
let fx: TFixture;
const now = new Date('2026-11-23T09:00:00Z');

type THeard = { id: string; userId?: string; providerId?: string; saved: boolean };

/**
 * Listens on the live channel from a connection of its own. For each payload heard it asks, on a
 * third connection, whether the notice is already saved for everyone to see.
 */
async function listen() {
  const listener = new pg.Client({ connectionString: testDatabaseUrl() });
  const reader = new pg.Client({ connectionString: testDatabaseUrl() });
  await Promise.all([listener.connect(), reader.connect()]);
  const heard: Promise<THeard>[] = [];
  listener.on('notification', (m) => {
    const payload = JSON.parse(m.payload ?? '{}') as Omit<THeard, 'saved'>;
    heard.push(reader.query('SELECT 1 FROM "Notification" WHERE "id" = $1', [payload.id]).then((r) => ({ ...payload, saved: r.rowCount === 1 })));
  });
  await listener.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
  return {
    /** Everything heard once the given notices have arrived (or after five seconds). */
    async until(ids: readonly string[]): Promise<THeard[]> {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const all = await Promise.all(heard);
        if (ids.every((id) => all.some((h) => h.id === id)) || Date.now() > deadline) return all;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => Promise.all([listener.end(), reader.end()]),
  };
}

/** Makes every statement that writes notices fail once its rows are in: the write rolls back whole (a trigger, so as the owner). */
async function refuseNotices(): Promise<() => Promise<void>> {
  const owner = new pg.Client({ connectionString: testDatabaseUrl() });
  await owner.connect();
  await owner.query(`CREATE FUNCTION test_refuse_notice() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'notices refused for this test'; END $$`);
  await owner.query(`CREATE TRIGGER test_refuse_notice AFTER INSERT ON "Notification" FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_notice()`);
  return async () => {
    await owner.query('DROP TRIGGER test_refuse_notice ON "Notification"');
    await owner.query('DROP FUNCTION test_refuse_notice()');
    await owner.end();
  };
}

/** Announces a marker and returns everything heard up to it: a notice announced earlier arrives before it. */
async function heardUpToMarker(live: Awaited<ReturnType<typeof listen>>): Promise<string[]> {
  const marker = await withNotices(prisma, async (tx) => {
    await notify(tx, [{ councilId: fx.councilId, recipient: { userId: fx.broker.userId }, kind: 'PACKAGE_CHANGED', title: 'marker', body: 'marker' }]);
    return tx.notification.findFirstOrThrow({ where: { title: 'marker' }, select: { id: true } });
  });
  const heard = await live.until([marker.id]);
  await prisma.notification.delete({ where: { id: marker.id } });
  return heard.map((h) => (h.id === marker.id ? 'marker' : h.id));
}

async function draft(): Promise<{ id: string; reference: string }> {
  return saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
}

async function posted(): Promise<{ id: string; reference: string }> {
  const saved = await draft();
  await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
  return saved;
}

async function placed(): Promise<{ id: string; reference: string }> {
  const saved = await posted();
  const [offer] = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
  await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
  return saved;
}

const noticesAbout = (reference: string, since: Date) =>
  prisma.notification.findMany({ where: { councilId: fx.councilId, title: { contains: reference }, createdAt: { gte: since } }, orderBy: { id: 'asc' } });

/** Three writes that notify: each returns the package it is about. */
const WRITES: Record<string, { before: () => Promise<{ id: string; reference: string }>; write: (p: { id: string }) => Promise<unknown> }> = {
  'posting a package': {
    before: draft,
    write: (p) => postPackage(prisma, fx.broker, { packageId: p.id }, now),
  },
  'declining the last open offer': {
    before: posted,
    write: async (p) => {
      const offers = await prisma.offer.findMany({ where: { packageId: p.id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
      for (const o of offers) await declineOffer(prisma, fx.providerActor(o.providerId), { offerId: o.id, reason: 'NO_CAPACITY' }, now);
    },
  },
  'admitting to hospital': {
    before: placed,
    write: (p) => admitToHospital(prisma, fx.broker, { packageId: p.id, admittedOn: '2026-12-10' }, now),
  },
};

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'ANN', localityProviders: 2 });
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('announcing notices', () => {
  it.each(Object.entries(WRITES))('%s: announces each notice it saved, once saved', async (_name, { before, write }) => {
    const pkg = await before();
    const since = new Date();
    const live = await listen();
    try {
      await write(pkg);
      const notices = await noticesAbout(pkg.reference, since);
      expect(notices.length).toBeGreaterThan(0);
      const heard = await live.until(notices.map((n) => n.id));
      expect(heard.filter((h) => notices.some((n) => n.id === h.id)).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        notices.map((n) => (n.userId ? { id: n.id, userId: n.userId, saved: true } : { id: n.id, providerId: n.providerId, saved: true })),
      );
    } finally {
      await live.stop();
    }
  });

  it.each(Object.entries(WRITES))('%s: announces nothing when it rolls back at its notices', async (_name, { before, write }) => {
    const pkg = await before();
    const since = new Date();
    const live = await listen();
    try {
      const allow = await refuseNotices();
      try {
        expect(
          String(
            await write(pkg).then(
              () => 'committed',
              (e: unknown) => e,
            ),
          ),
        ).toMatch(/notices refused for this test/);
      } finally {
        await allow();
      }
      expect(await noticesAbout(pkg.reference, since)).toEqual([]);
      expect(await heardUpToMarker(live)).toEqual(['marker']);
    } finally {
      await live.stop();
    }
  });

  it('announces nothing when a write fails after its notices were written', async () => {
    const live = await listen();
    try {
      const failed = withNotices(prisma, async (tx) => {
        await notify(tx, [{ councilId: fx.councilId, recipient: { userId: fx.broker.userId }, kind: 'PACKAGE_CHANGED', title: 'rolled back', body: '-' }]);
        expect(await tx.notification.count({ where: { title: 'rolled back' } })).toBe(1);
        throw new Error('failed after its notices');
      });
      await expect(failed).rejects.toThrow('failed after its notices');
      expect(await prisma.notification.count({ where: { title: 'rolled back' } })).toBe(0);
      expect(await heardUpToMarker(live)).toEqual(['marker']);
    } finally {
      await live.stop();
    }
  });

  it('keeps the notices when the announcement fails, and logs it', async () => {
    const pkg = await draft();
    const pool = poolOf(prisma);
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) =>
      (args[0] as { name?: string })?.name === 'announce-notifications' ? Promise.reject(new Error('channel down')) : query(...args)) as typeof pool.query);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const since = new Date();
    await postPackage(prisma, fx.broker, { packageId: pkg.id }, now);
    expect((await noticesAbout(pkg.reference, since)).length).toBeGreaterThan(0);
    expect(await prisma.package.findFirstOrThrow({ where: { id: pkg.id } })).toMatchObject({ status: 'OFFERING' });
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('could not announce'),
      expect.any(Number),
      expect.objectContaining({ message: 'channel down' }),
    );
  });

  it('refuses to write a notice in a transaction that would not announce it', async () => {
    const error = await prisma
      .$transaction((tx) =>
        notify(tx as TNoticeTx, [{ councilId: fx.councilId, recipient: { userId: fx.broker.userId }, kind: 'PACKAGE_CHANGED', title: 'stray', body: 'stray' }]),
      )
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/withNotices/);
    expect(await prisma.notification.count({ where: { title: 'stray' } })).toBe(0);
  });
});
