import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_SCHEMA, QUEUE, roundJobId, roundKey } from '@/lib/jobs/queues';
import { scheduleRoundClose } from '@/lib/jobs/schedule-round-close';
import { enqueueNotificationEmails } from '@/lib/notification/queue-email';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { emailRecoverySeconds, ensureQueues, NOTIFICATION_EMAIL_QUEUE } from '@/lib/worker/job-queues';
import { reconcileRounds } from '@/lib/worker/start-worker';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testAppDatabaseUrl, testDatabaseUrl, testPrisma } from './support/database';
import { startSmtpPeer } from './support/smtp-peer';

// The round timers are durable pg-boss jobs in the app's own database: they survive a worker
// being killed, are never duplicated, and a round is closed exactly once whoever runs it.

let prisma: PrismaClient;
let boss: PgBoss;
let fx: TFixture;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
const DAY = 24 * 3_600_000;
const children: ChildProcess[] = [];
const NEIGHBOUR_OFFICE = 'office@neighbour-care.example';
/** The next email to this address is held unanswered by the SMTP peer (then this is cleared). */
let holdNext: string | null = null;
/** The longest an email a killed worker had taken waits for the next worker (polling every 0.5 s, as here). */
const RECOVERY_MS = emailRecoverySeconds(0.5) * 1000;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  boss = new PgBoss({ connectionString: testDatabaseUrl(), schema: JOB_SCHEMA, supervise: false, schedule: false });
  await boss.start();
  await ensureQueues(boss);
  fx = await buildCouncil(prisma, { code: 'JOB', localityProviders: 2 });
  await prisma.provider.update({ where: { id: fx.neighbour }, data: { email: NEIGHBOUR_OFFICE } });
  smtp = await startSmtpPeer({
    hold: (to) => {
      if (!holdNext || !to.includes(holdNext)) return false;
      holdNext = null;
      return true;
    },
  });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) killGroup(c);
  await boss.stop({ graceful: false, wait: true });
  await prisma.$disconnect();
  await smtp.stop();
});

/** Posts a long-term package whose round 1 closes `inMs` from now (24 h after a back-dated post). */
async function postClosingIn(inMs: number) {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, new Date(Date.now() - DAY + inMs));
  return saved.id;
}

const jobsFor = (packageId: string, round: number) =>
  prisma.$queryRawUnsafe<{ id: string; state: string }[]>(
    `SELECT id::text, state::text FROM ${JOB_SCHEMA}.job WHERE name = $1 AND singleton_key = $2
     UNION ALL SELECT id::text, state::text FROM ${JOB_SCHEMA}.archive WHERE name = $1 AND singleton_key = $2`,
    QUEUE.closeRound,
    `round-${packageId}-${round}`,
  );

function startWorkerProcess(name: string): ChildProcess {
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    env: { ...process.env, DATABASE_URL: testAppDatabaseUrl(), WORKER_POLL_SECONDS: '0.5', SMTP_URL: smtp.url },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs the script in a child node process, and kill -9 must reach it.
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => process.env.DEBUG_WORKER && console.log(name, d.toString().trim()));
  child.stderr?.on('data', (d: Buffer) => console.error(name, d.toString().trim()));
  children.push(child);
  return child;
}

/** When the worker says it has started (its job queues and their upkeep running), as Date.now(). */
function startedAt(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.stdout?.on('data', (d: Buffer) => d.toString().includes('"worker started"') && resolve(Date.now())));
}

/** The ids of the email jobs in a state. */
const emailJobs = async (state: string) =>
  (
    await prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state::text = $2 ORDER BY id`,
      QUEUE.notificationEmail,
      state,
    )
  ).map((j) => j.id);

/** Email jobs by id, wherever pg-boss keeps them now: their state, and whether they were taken more than once. */
const emailJobsById = (ids: string[]) =>
  prisma.$queryRawUnsafe<{ id: string; state: string; retried: boolean }[]>(
    `SELECT id::text, state::text, retry_count > 0 AS retried FROM ${JOB_SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[])
     UNION ALL SELECT id::text, state::text, retry_count > 0 FROM ${JOB_SCHEMA}.archive WHERE name = $1 AND id = ANY($2::uuid[])
     ORDER BY 1`,
    QUEUE.notificationEmail,
    ids,
  );

const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw)?.[1];

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('timed out');
}

describe('rounds left with no open offer', () => {
  // Rows written outside the brokerage loop (an import, the demo seed before it was fixed) can leave
  // a round with every offer answered and no deadline: no timer would ever close it.
  let sx: TFixture;
  const at = new Date();
  beforeAll(async () => {
    sx = await buildCouncil(prisma, { code: 'STK', localityProviders: 2 });
  });

  async function stuck(status: 'OFFERING' | 'OPEN_MARKET', shape: { round?: number } = {}) {
    const saved = await saveDraftPackage(prisma, sx.broker, { draft: draftFor(sx) });
    await postPackage(prisma, sx.broker, { packageId: saved.id }, at);
    await prisma.offer.updateMany({ where: { packageId: saved.id }, data: { status: 'DECLINED', respondedAt: at, declineReason: 'NO_CAPACITY' } });
    await prisma.package.update({
      where: { councilId_id: { councilId: sx.councilId, id: saved.id } },
      data: { status, roundDeadline: null, offerRound: shape.round ?? 1 },
    });
    return saved.id;
  }

  /** Waiting packages with neither an open offer and a deadline, nor an open-market round that found nobody. */
  const stuckPackages = () =>
    prisma.$queryRaw<{ reference: string }[]>`
      SELECT p."reference" FROM "Package" p
      WHERE p."status" IN ('OFFERING', 'OPEN_MARKET')
        AND NOT (p."roundDeadline" IS NOT NULL AND EXISTS (
          SELECT 1 FROM "Offer" o WHERE o."packageId" = p."id" AND o."round" = p."offerRound" AND o."status" = 'OFFERED'))
        AND NOT (p."status" = 'OPEN_MARKET' AND p."roundDeadline" IS NULL AND NOT EXISTS (
          SELECT 1 FROM "Offer" o WHERE o."packageId" = p."id" AND o."round" = p."offerRound"))`;

  it('are closed by the next sweep exactly as a deadline would, once, and the package moves on', async () => {
    const offering = await stuck('OFFERING');
    const openMarket = await stuck('OPEN_MARKET');
    // The open market's round that found nobody to ask (no offers in it) waits for the broker.
    const nobodyLeft = await stuck('OPEN_MARKET', { round: 2 });
    const references = await prisma.package.findMany({ where: { id: { in: [offering, openMarket] } }, select: { reference: true } });
    expect((await stuckPackages()).map((p) => p.reference).sort()).toEqual(references.map((p) => p.reference).sort());

    // Long before any deadline: the sweep the worker runs every minute.
    expect(await reconcileRounds(prisma, at, { timers: false })).toMatchObject({ closed: 2 });
    expect(await stuckPackages()).toEqual([]);
    const open = (id: string) => prisma.offer.findMany({ where: { packageId: id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });

    // The cascade's round 1 was spent: round 2 goes to the next tier, the neighbouring locality's provider.
    expect(await prisma.package.findFirstOrThrow({ where: { id: offering } })).toMatchObject({
      status: 'OFFERING',
      offerRound: 2,
      roundDeadline: new Date(at.getTime() + DAY),
    });
    expect((await open(offering)).map((o) => [o.providerId, o.round, o.tier])).toEqual([[sx.neighbour, 2, 2]]);

    // The open market's round: everyone not yet asked is offered it, with a new deadline.
    const market = await prisma.package.findFirstOrThrow({ where: { id: openMarket } });
    expect(market).toMatchObject({ status: 'OPEN_MARKET', offerRound: 2 });
    expect(market.roundDeadline!.getTime()).toBeGreaterThan(at.getTime());
    const marketOffers = await open(openMarket);
    expect(marketOffers.map((o) => o.providerId)).toContain(sx.spot);
    expect(marketOffers.every((o) => o.round === 2 && o.tier === null)).toBe(true);

    expect(await prisma.package.findFirstOrThrow({ where: { id: nobodyLeft } })).toMatchObject({ status: 'OPEN_MARKET', offerRound: 2, roundDeadline: null });
    for (const id of [offering, openMarket]) {
      expect(await prisma.auditEvent.findMany({ where: { entityId: id, action: 'package.round-closed' }, select: { details: true } })).toEqual([
        { details: { round: 1, expired: 0, previous: id === offering ? 1 : 'OPEN_MARKET' } },
      ]);
    }

    // Idempotent: the next sweeps close nothing, and the broker is not told again about the package nobody can take.
    const unplacedNotices = () => prisma.notification.count({ where: { councilId: sx.councilId, kind: 'PACKAGE_UNPLACED' } });
    const before = await unplacedNotices();
    expect(await reconcileRounds(prisma, at, { timers: false })).toMatchObject({ closed: 0 });
    expect(await reconcileRounds(prisma, new Date(at.getTime() + 60_000), { timers: false })).toMatchObject({ closed: 0 });
    expect(await unplacedNotices()).toBe(before);
    expect(await prisma.auditEvent.count({ where: { entityId: nobodyLeft, action: 'package.round-closed' } })).toBe(0);
  });
});

describe('round timers', () => {
  it('are written with the round, once: scheduling the same round again adds nothing', async () => {
    const id = await postClosingIn(DAY);
    const job = { councilId: fx.councilId, packageId: id, round: 1 };
    expect(await jobsFor(id, 1)).toEqual([{ id: roundJobId(job), state: 'created' }]);
    const deadline = (await prisma.package.findFirstOrThrow({ where: { id } })).roundDeadline!;
    await prisma.$transaction((tx) => scheduleRoundClose(tx, job, deadline));
    expect(await reconcileRounds(prisma)).toMatchObject({ closed: 0 });
    expect(await jobsFor(id, 1)).toHaveLength(1);
    expect(roundKey(job)).toBe(`round-${id}-1`);
  });

  it('are not written when the posting rolls back', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await expect(
      prisma.$transaction(async (tx) => {
        await scheduleRoundClose(tx, { councilId: fx.councilId, packageId: saved.id, round: 1 }, new Date(Date.now() + DAY));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await jobsFor(saved.id, 1)).toEqual([]);
  });

  it('close each round and send each email exactly once when the worker is killed while sending and another takes over', async () => {
    const ids: string[] = [];
    // Four rounds close while worker A runs; four long after it has been killed.
    for (let i = 0; i < 8; i++) ids.push(await postClosingIn(i < 4 ? 3_000 + i * 800 : 30_000 + i * 800));
    // The peer leaves A's first email to the neighbour unanswered: A is killed while that job is
    // active, whatever the machine's speed.
    holdNext = NEIGHBOUR_OFFICE;
    const a = startWorkerProcess('worker A');
    await until(async () => smtp.held.length === 1, 45_000);
    const taken = await emailJobs('active');
    expect(taken.length).toBeGreaterThan(0);
    const exited = new Promise((r) => a.once('exit', r));
    killGroup(a);
    await exited;
    // Nothing told pg-boss: the jobs A had taken are still active, with no worker.
    expect(await emailJobs('active')).toEqual(taken);
    const closedByA = await prisma.package.count({ where: { id: { in: ids }, offerRound: 2 } });

    const b = startWorkerProcess('worker B');
    const bStarted = startedAt(b);
    await until(async () => (await prisma.package.count({ where: { id: { in: ids }, offerRound: 2 } })) === ids.length, 60_000);

    expect(closedByA).toBeGreaterThan(0);
    expect(closedByA).toBeLessThan(ids.length);
    for (const id of ids) {
      expect(await prisma.auditEvent.count({ where: { entityId: id, action: 'package.round-closed' } })).toBe(1);
      expect(await prisma.auditEvent.count({ where: { entityId: id, action: 'package.round-opened' } })).toBe(2);
      expect(await prisma.offer.groupBy({ by: ['round', 'status'], where: { packageId: id }, _count: true, orderBy: { round: 'asc' } })).toEqual([
        { round: 1, status: 'EXPIRED', _count: 2 },
        { round: 2, status: 'OFFERED', _count: 1 },
      ]);
      // Round 2's timer is there too, once.
      expect(await jobsFor(id, 2)).toHaveLength(1);
    }
    // Round 2 went to the neighbouring locality's provider, which was emailed once per package,
    // with nothing that identifies the person: the email A was killed sending included, sent again
    // by B once A's job expired, within the time the job settings promise.
    const toNeighbour = () => smtp.received.filter((m) => m.to.includes(NEIGHBOUR_OFFICE));
    const deadline = (await bStarted) + RECOVERY_MS;
    // Each job A had taken runs again (each after its own retry delay) and is done in that time too.
    const retriedAndDone = async () => (await emailJobsById(taken)).filter((j) => j.state === 'completed' && j.retried).length === taken.length;
    await until(async () => toNeighbour().length >= ids.length && (await retriedAndDone()), Math.max(0, deadline - Date.now()));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(toNeighbour()).toHaveLength(ids.length);
    expect(toNeighbour().map((m) => subjectOf(m.raw))).toContain(subjectOf(smtp.held[0].raw));
    for (const m of toNeighbour()) expect(m.raw).not.toMatch(/Ada|Lovelace|BD1 1HY|1 Test Street|1936/);
    expect(await emailJobsById(taken)).toEqual(taken.map((id) => ({ id, state: 'completed', retried: true })));
    // B stops here, so later tests see jobs as they were queued, not already worked.
    const bExited = new Promise((r) => b.once('exit', r));
    killGroup(b);
    await bExited;
  }, 150_000);
});

describe('deadlines that fall together', () => {
  it('close together: thirty rounds due at one moment are all closed within seconds of it, not one per poll', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await postClosingIn(6_000));
    const deadline = (await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: ids[0] } } })).roundDeadline!;
    const worker = startWorkerProcess('worker C');
    // One round a poll (0.5 s here) would take 15 s after the deadline; batches take a poll or two.
    await until(async () => (await prisma.package.count({ where: { id: { in: ids }, offerRound: 2 } })) === ids.length, 60_000);
    const closedAt = await prisma.auditEvent.findMany({ where: { entityId: { in: ids }, action: 'package.round-closed' }, select: { at: true } });
    expect(closedAt).toHaveLength(ids.length);
    const latest = Math.max(...closedAt.map((e) => e.at.getTime()));
    expect(latest - deadline.getTime()).toBeLessThan(9_000);
    const exited = new Promise((r) => worker.once('exit', r));
    killGroup(worker);
    await exited;
  }, 90_000);
});

describe('email jobs', () => {
  /** Whether sendNotificationEmail would find anyone to email this notification at once. */
  async function emailedAtOnce(n: { userId: string | null; providerId: string | null }): Promise<boolean> {
    const instant = { disabledAt: null, emailFrequency: 'INSTANT' as const };
    if (n.userId && (await prisma.user.count({ where: { id: n.userId, ...instant } })) > 0) return true;
    if (!n.providerId) return false;
    const provider = await prisma.provider.findUniqueOrThrow({
      where: { id: n.providerId },
      select: { email: true, _count: { select: { users: { where: instant } } } },
    });
    return Boolean(provider.email) || provider._count.users > 0;
  }

  it('take the queue settings of this release on a database whose queue was made with older ones', async () => {
    // As the queue was made before: five minutes to expire, a minute before the first retry.
    await boss.updateQueue(QUEUE.notificationEmail, { name: QUEUE.notificationEmail, retryLimit: 5, retryDelay: 60, expireInSeconds: 5 * 60 });
    await ensureQueues(boss);
    expect(await boss.getQueue(QUEUE.notificationEmail)).toMatchObject(NOTIFICATION_EMAIL_QUEUE);
  });

  it('are queued by an acceptance, in its one statement, as pg-boss itself writes them, for those emailed at once only', async () => {
    const id = await postClosingIn(DAY);
    const offer = await prisma.offer.findFirstOrThrow({ where: { packageId: id, status: 'OFFERED', providerId: { not: fx.neighbour } } });
    // The broker reads a daily digest: their notice gets no job.
    await prisma.user.update({ where: { id: fx.broker.userId }, data: { emailFrequency: 'DIGEST' } });
    // The winner has an office address: its notice gets one.
    await prisma.provider.update({ where: { id: offer.providerId }, data: { email: 'office@winner.example' } });
    const reference = (await prisma.package.findFirstOrThrow({ where: { id } })).reference;
    const wanted: string[] = [];
    let notices;
    try {
      await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id });
      notices = await prisma.notification.findMany({ where: { councilId: fx.councilId, title: { startsWith: reference } } });
      for (const n of notices) if (await emailedAtOnce(n)) wanted.push(n.id);
    } finally {
      await prisma.user.update({ where: { id: fx.broker.userId }, data: { emailFrequency: 'INSTANT' } });
      await prisma.provider.update({ where: { id: offer.providerId }, data: { email: null } });
    }
    // The winner, the broker and every other provider offered it.
    expect(notices.map((n) => n.kind).sort()).toEqual(['PACKAGE_AWARDED', 'PACKAGE_PLACED', ...Array(notices.length - 2).fill('OFFER_WITHDRAWN')].sort());
    expect(wanted).toEqual([notices.find((n) => n.kind === 'PACKAGE_AWARDED')!.id]);

    // The same job through pg-boss's own insert, for comparison.
    const control = await prisma.notification.create({
      data: { councilId: fx.councilId, providerId: fx.neighbour, kind: 'OFFER_WITHDRAWN', title: 'control', body: 'control' },
    });
    await prisma.$transaction((tx) => enqueueNotificationEmails(tx, [control.id]));

    const jobs = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT id::text, name, data, state::text, priority, retry_limit, retry_count, retry_delay, retry_backoff, singleton_key, singleton_on,
              EXTRACT(epoch FROM expire_in)::int AS expire_in, round(EXTRACT(epoch FROM keep_until - start_after))::int AS kept_for,
              abs(EXTRACT(epoch FROM start_after - created_on)) < 1 AS starts_at_once, dead_letter, policy
       FROM ${JOB_SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[])`,
      QUEUE.notificationEmail,
      [...notices.map((n) => n.id), control.id],
    );
    expect(jobs.map((j) => j.id).sort()).toEqual([...wanted, control.id].sort());
    const shape = ({ id: _id, data: _data, ...rest }: Record<string, unknown>) => rest;
    const expected = shape(jobs.find((j) => j.id === control.id)!);
    const { retryLimit, retryDelay, retryBackoff, expireInSeconds } = NOTIFICATION_EMAIL_QUEUE;
    expect(expected).toMatchObject({
      retry_limit: retryLimit,
      retry_delay: retryDelay,
      retry_backoff: retryBackoff,
      expire_in: expireInSeconds,
      state: 'created',
    });
    for (const job of jobs) {
      expect(shape(job)).toEqual(expected);
      expect(job.data).toEqual({ notificationId: job.id });
    }
  });

  it('are queued by any other notice for those emailed at once only', async () => {
    const before = new Date();
    // Of the providers the cascade offers such a package to, one has an office address.
    const earlier = await prisma.offer.findFirstOrThrow({ where: { councilId: fx.councilId, round: 1, providerId: { not: fx.neighbour } } });
    await prisma.provider.update({ where: { id: earlier.providerId }, data: { email: 'office@first-tier.example' } });
    const wanted: string[] = [];
    let notices;
    try {
      await postClosingIn(DAY);
      notices = await prisma.notification.findMany({ where: { councilId: fx.councilId, createdAt: { gte: before } } });
      for (const n of notices) if (await emailedAtOnce(n)) wanted.push(n.id);
    } finally {
      await prisma.provider.update({ where: { id: earlier.providerId }, data: { email: null } });
    }
    expect(notices.length).toBeGreaterThan(wanted.length);
    expect(wanted.length).toBeGreaterThan(0);
    const jobs = await prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text FROM ${JOB_SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[])`,
      QUEUE.notificationEmail,
      notices.map((n) => n.id),
    );
    expect(jobs.map((j) => j.id).sort()).toEqual(wanted.sort());
  });
});
