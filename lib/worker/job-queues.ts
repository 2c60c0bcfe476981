import PgBoss from 'pg-boss';
import { JOB_SCHEMA, QUEUE } from '@/lib/jobs/queues';

// The job schema and its queues, made by the role that owns the schema. No server-only here:
// `npm start` and `npm run db:migrate` run this before the worker starts.

/**
 * How often each worker's pg-boss does its upkeep, in seconds: the first step takes back every job
 * still active past its queue's expiry (its worker was killed, or its machine lost) and queues it
 * to run again after the queue's retry delay. Workers share one upkeep a period, and the rest is cheap.
 */
export const MAINTENANCE_SECONDS = 10;

/**
 * Notification emails. A fetch of 20 sends in well under a second, and each SMTP send gives up
 * after SMTP_TIMEOUT_SECONDS (lib/email/send-email.ts), so a job still active after
 * `expireInSeconds` has lost its worker: it is taken back and sent again, skipping any address it
 * had already reached. The first retry waits retryDelay to twice that, doubling each time after:
 * nine retries span 40 to 85 minutes, long enough to ride out an SMTP server's outage.
 */
export const NOTIFICATION_EMAIL_QUEUE = { retryLimit: 9, retryDelay: 5, retryBackoff: true, expireInSeconds: 30 } as const;

/**
 * The longest an email job a stopped worker had taken can wait once another worker is running, in
 * seconds: its expiry, up to two upkeep periods (a period can just miss it, and two workers'
 * periods can clash), the first retry's delay (at most twice retryDelay) and a poll.
 */
export function emailRecoverySeconds(pollingIntervalSeconds: number): number {
  const { expireInSeconds, retryDelay } = NOTIFICATION_EMAIL_QUEUE;
  return expireInSeconds + 2 * MAINTENANCE_SECONDS + 2 * retryDelay + pollingIntervalSeconds;
}

const QUEUE_OPTIONS: Record<(typeof QUEUE)[keyof typeof QUEUE], Omit<PgBoss.Queue, 'name'>> = {
  [QUEUE.closeRound]: { retryLimit: 10, retryDelay: 30, expireInSeconds: 5 * 60 },
  [QUEUE.reconcileRounds]: { retryLimit: 0, expireInSeconds: 5 * 60 },
  [QUEUE.notificationEmail]: NOTIFICATION_EMAIL_QUEUE,
  [QUEUE.emailDigest]: { retryLimit: 3, retryDelay: 300, expireInSeconds: 30 * 60 },
  [QUEUE.passwordReset]: { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 5 * 60 },
  [QUEUE.retainerAlerts]: { retryLimit: 0, expireInSeconds: 10 * 60 },
  [QUEUE.whatIf]: { retryLimit: 1, retryDelay: 10, expireInSeconds: 10 * 60 },
  [QUEUE.webhookDelivery]: { retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 5 * 60 },
  [QUEUE.stepDown]: { retryLimit: 10, retryDelay: 30, expireInSeconds: 5 * 60 },
  [QUEUE.compactMarketRollups]: { retryLimit: 0, expireInSeconds: 10 * 60 },
};

/**
 * Creates the queues (pg-boss 10 needs a queue before anything is sent to it; each is a table of
 * its own), and brings an existing queue's settings to these: creating one that is there already
 * leaves it as it was. Jobs take their queue's settings when they are queued.
 */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    const queue: PgBoss.Queue = { name, policy: 'standard', ...options };
    await boss.createQueue(name, queue);
    await boss.updateQueue(name, queue);
  }
}

/**
 * pg-boss's own queue for schedules (its timekeeper makes it on start, and ignores a failure).
 * Made here, by the owner, because making a queue makes a table, which the worker's role cannot.
 */
const SCHEDULE_QUEUE = '__pgboss__send-it';

/**
 * Creates or brings up to date the job schema (pg-boss's migrations) and every queue, as the role
 * that owns the schema (`ownerUrl`), so the worker and the app need no right to create tables.
 * Run once at start-up and after migrations, before the worker starts; idempotent.
 */
export async function prepareJobQueues(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, application_name: 'homefirst-setup', max: 1, supervise: false, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    await ensureQueues(boss);
    await boss.createQueue(SCHEDULE_QUEUE);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
