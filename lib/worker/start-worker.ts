import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import PgBoss from 'pg-boss';
import { sendPasswordReset } from '@/lib/account/set-password';
import { recordAudit } from '@/lib/audit/record-audit';
import { closeRound, listDueRounds } from '@/lib/brokerage/close-round';
import {
  JOB_SCHEMA,
  QUEUE,
  type TCloseRoundJob,
  type TNotificationEmailJob,
  type TPasswordResetJob,
  type TStepDownJob,
  type TWhatIfJob,
} from '@/lib/jobs/queues';
import { sendStepDownNotice, stepDown, stepDownsDue } from '@/lib/change-request/step-down';
import { sweepIdempotencyKeys } from '@/lib/idempotency/once-per-key';
import { scheduleRoundClose } from '@/lib/jobs/schedule-round-close';
import { sendEmailDigests } from '@/lib/notification/send-email-digests';
import { sendNotificationEmail } from '@/lib/notification/send-notification-email';
import { closeEmailTransport } from '@/lib/email/send-email';
import { compactMarketRollups } from '@/lib/dashboard/compact-market-rollup';
import { alertOverdueRetainers } from '@/lib/package/alert-overdue-retainers';
import { runWhatIfJob } from '@/lib/whatif/run-what-if-job';
import { MAINTENANCE_SECONDS } from '@/lib/worker/job-queues';
import { startWebhookDelivery } from '@/lib/webhook/webhook-worker';
import { OFFERING_STATUSES, statusIn, statusListSql } from '@/lib/domain/package-status';

export type TWorkerOptions = {
  databaseUrl: string;
  prisma: PrismaClient;
  /** How often an idle worker looks for due jobs, in seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** The first wait before a failed webhook delivery is tried again, in seconds (doubling after). */
  webhookRetryDelaySeconds?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
};

export type TWorker = { boss: PgBoss; stop: () => Promise<void> };

/** How many notification emails one worker takes per fetch, and sends at the same time. */
const EMAIL_BATCH = 20;

/** How many due round closes one worker takes per fetch: deadlines that fall together close together. */
const CLOSE_BATCH = 20;

/**
 * Runs a job handler over each job of a batch at once. A batch succeeds or fails as one in
 * pg-boss, so if any job failed the batch is failed and retried whole: both handlers are
 * idempotent (a closed round stays closed; an address already emailed is skipped).
 */
async function eachOf<T>(jobs: readonly PgBoss.Job<T>[], handle: (job: PgBoss.Job<T>) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(jobs.map(handle));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length)
    throw new AggregateError(
      failed.map((f) => f.reason),
      `${failed.length} of ${jobs.length} jobs failed`,
    );
}

/**
 * Works a queue in batches of up to `batchSize` jobs, each job of a batch at once (eachOf). After
 * a full batch it fetches again straight away rather than after the polling interval, so a burst
 * drains at the rate the jobs run, and an idle queue still costs one poll an interval.
 */
async function workInBatches<T>(
  boss: PgBoss,
  queue: string,
  { batchSize, pollingIntervalSeconds }: { batchSize: number; pollingIntervalSeconds: number },
  handle: (job: PgBoss.Job<T>) => Promise<void>,
): Promise<void> {
  let workerId = '';
  workerId = await boss.work<T>(queue, { batchSize, pollingIntervalSeconds }, async (jobs) => {
    if (jobs.length === batchSize) boss.notifyWorker(workerId);
    await eachOf(jobs, handle);
  });
}

/**
 * Catches up on rounds after downtime: closes every round that is due (its deadline passed while
 * no worker ran, it was created before the job tables existed, or it has no open offer left and
 * no deadline, so no timer would ever close it), then, with `timers`, makes
 * sure every round still open has its timer. Both steps are idempotent. At start it does both;
 * every minute after, only the first: a round opened once the job tables exist always has its
 * timer (written in the same transaction), so checking every open round each minute would cost
 * one transaction per open package for nothing.
 */
export async function reconcileRounds(
  prisma: PrismaClient,
  now: Date = new Date(),
  { timers = true }: { timers?: boolean } = {},
): Promise<{ aligned: number; closed: number; scheduled: number }> {
  const aligned = await alignRounds(prisma);
  let closed = 0;
  for (const round of await listDueRounds(prisma, now)) {
    if ((await closeRound(prisma, round, now)).closed) closed++;
  }
  if (!timers) return { aligned, closed, scheduled: 0 };
  const open = await prisma.package.findMany({
    where: { status: statusIn(OFFERING_STATUSES), roundDeadline: { gt: now } },
    select: { councilId: true, id: true, offerRound: true, roundDeadline: true },
  });
  let scheduled = 0;
  for (const p of open) {
    const ok = await prisma.$transaction((tx) => scheduleRoundClose(tx, { councilId: p.councilId, packageId: p.id, round: p.offerRound }, p.roundDeadline!));
    if (ok) scheduled++;
  }
  return { aligned, closed, scheduled };
}

/**
 * A package's round is the round of its latest offers. Rows written outside this code (imports,
 * the demo seed) can have offers in a later round than the package records; acceptance and
 * closing both key on the package's round, so it is brought up to date first.
 */
async function alignRounds(prisma: PrismaClient): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ councilId: string; id: string; round: number }[]>`
      UPDATE "Package" p SET "offerRound" = o.round
      FROM (SELECT "councilId", "packageId", max("round") AS round FROM "Offer" GROUP BY 1, 2) o
      WHERE o."councilId" = p."councilId" AND o."packageId" = p."id" AND p."status" IN ${Prisma.raw(statusListSql(OFFERING_STATUSES))} AND p."offerRound" < o.round
      RETURNING p."councilId", p."id", o.round`;
    for (const r of rows) {
      await recordAudit(tx, null, {
        councilId: r.councilId,
        action: 'package.round-aligned',
        entityType: 'Package',
        entityId: r.id,
        details: { round: r.round },
      });
    }
    return rows.length;
  });
}

/**
 * The long-running worker: closes rounds at their deadlines, emails notifications (one by one, or
 * as daily digests) and alerts brokers to retainers that have run out. Several may run at once (pg-boss
 * hands each job to one of them, and the handler is idempotent anyway).
 */
/**
 * The catch-up at start (reconcileRounds with timers), tried again a few times: a database too busy
 * at that moment to give a connection in time (a burst of due rounds, other workers starting) must
 * not stop the worker, nor leave open rounds without their timers.
 */
async function catchUpAtStart(prisma: PrismaClient, log: NonNullable<TWorkerOptions['log']>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await reconcileRounds(prisma);
    } catch (error) {
      if (attempt === 5) throw error;
      log('catching up at start failed; trying again', { attempt, error: String(error) });
      await new Promise((resolve) => setTimeout(resolve, attempt * 2_000));
    }
  }
}

export async function startWorker(options: TWorkerOptions): Promise<TWorker> {
  const log = options.log ?? ((message, details) => console.log(JSON.stringify({ at: new Date().toISOString(), message, ...details })));
  // The worker's role may only read and write jobs: the schema and the queues are made beforehand by
  // the owner (prepareJobQueues), and pg-boss only checks they are there and up to date. Its upkeep
  // runs every MAINTENANCE_SECONDS, so jobs a killed worker had taken run again within a minute or so.
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: JOB_SCHEMA,
    application_name: 'homefirst-worker',
    max: 8,
    migrate: false,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  });
  boss.on('error', (error) => log('job queue error', { error: String(error) }));
  try {
    await boss.start();
  } catch (error) {
    if (!/pg-boss is not installed|requires migrations/.test(String(error))) throw error;
    throw new Error('The job queues are not set up on this database: run `npm run db:migrate` (as the owner, DATABASE_OWNER_URL) first.', { cause: error });
  }

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  // Rounds due together close together: a fetch takes every due close up to CLOSE_BATCH, each in its own transaction.
  await workInBatches<TCloseRoundJob>(boss, QUEUE.closeRound, { batchSize: CLOSE_BATCH, pollingIntervalSeconds }, async (job) => {
    const result = await closeRound(options.prisma, job.data, new Date());
    log('round close', { ...job.data, closed: result.closed, next: result.closed ? result.next.kind : null });
  });
  // A burst (an acceptance withdraws hundreds of offers) goes out EMAIL_BATCH at a time over the
  // pooled SMTP connections, rather than queueing for minutes.
  await workInBatches<TNotificationEmailJob>(boss, QUEUE.notificationEmail, { batchSize: EMAIL_BATCH, pollingIntervalSeconds }, async (job) => {
    await sendNotificationEmail(options.prisma, job.data.notificationId);
  });
  await boss.work(QUEUE.reconcileRounds, { pollingIntervalSeconds: 5 }, async () => {
    const result = await reconcileRounds(options.prisma, new Date(), { timers: false });
    if (result.closed > 0) log('reconciled rounds', result);
    // A temporary increase whose timer was missed (no job tables when it was approved) steps down here.
    const steppedDown = await stepDownsDue(options.prisma);
    if (steppedDown > 0) log('stepped down', { steppedDown });
    await sweepIdempotencyKeys(options.prisma);
  });
  await boss.schedule(QUEUE.reconcileRounds, '* * * * *');
  await boss.work(QUEUE.emailDigest, { pollingIntervalSeconds: 30 }, async () => {
    log('email digests', await sendEmailDigests(options.prisma));
  });
  await boss.schedule(QUEUE.emailDigest, '0 7 * * *', undefined, { tz: 'Europe/London' });
  // Password reset links: the request only queued the address, so its answer never depends on it.
  await boss.work<TPasswordResetJob>(QUEUE.passwordReset, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    await sendPasswordReset(options.prisma, job.data);
  });
  await boss.work(QUEUE.retainerAlerts, { pollingIntervalSeconds: 30 }, async () => {
    const result = await alertOverdueRetainers(options.prisma);
    if (result.alerted > 0) log('retainer alerts', result);
  });
  await boss.schedule(QUEUE.retainerAlerts, '5 * * * *', undefined, { tz: 'Europe/London' });
  // The market rollups: each acceptance appends its own rows; these fold them back together.
  await boss.work(QUEUE.compactMarketRollups, { pollingIntervalSeconds: 30 }, async () => {
    const result = await compactMarketRollups(options.prisma);
    if (result.rowsFolded > 0) log('market rollups folded', result);
  });
  await boss.schedule(QUEUE.compactMarketRollups, '*/5 * * * *');
  // What-if runs: one at a time per worker, each optimisation on a worker thread of its own.
  await boss.work<TWhatIfJob>(QUEUE.whatIf, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    log('what-if run', { ...job.data, outcome: await runWhatIfJob(options.prisma, job.data) });
  });
  // Temporary increases: the reminder before the end, then the step back down (each once, whoever runs it).
  await workInBatches<TStepDownJob>(boss, QUEUE.stepDown, { batchSize: 5, pollingIntervalSeconds }, async (job) => {
    if (job.data.kind === 'NOTICE') await sendStepDownNotice(options.prisma, job.data, new Date());
    else log('step down', { ...job.data, ...(await stepDown(options.prisma, job.data, new Date())) });
  });

  // Webhooks: the outbox the database's triggers fill is queued and posted, signed, with retries.
  const stopWebhooks = await startWebhookDelivery(boss, options.prisma, { pollingIntervalSeconds, retryDelaySeconds: options.webhookRetryDelaySeconds, log });

  log('worker started', await catchUpAtStart(options.prisma, log));
  return {
    boss,
    stop: async () => {
      await stopWebhooks();
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
      closeEmailTransport();
    },
  };
}
