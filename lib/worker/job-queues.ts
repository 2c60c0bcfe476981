import PgBoss from 'pg-boss';
import { JOB_SCHEMA, QUEUE } from '@/lib/jobs/queues';

// The job schema and its queues, made by the role that owns the schema. No server-only here:
// `npm start` and `npm run db:migrate` run this before the worker starts.

/** Creates the queues (pg-boss 10 needs a queue before anything is sent to it; each is a table of its own). */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(QUEUE.closeRound, { name: QUEUE.closeRound, policy: 'standard', retryLimit: 10, retryDelay: 30, expireInSeconds: 5 * 60 });
  await boss.createQueue(QUEUE.reconcileRounds, { name: QUEUE.reconcileRounds, policy: 'standard', retryLimit: 0, expireInSeconds: 5 * 60 });
  await boss.createQueue(QUEUE.notificationEmail, {
    name: QUEUE.notificationEmail,
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  });
  await boss.createQueue(QUEUE.emailDigest, { name: QUEUE.emailDigest, policy: 'standard', retryLimit: 3, retryDelay: 300, expireInSeconds: 30 * 60 });
  await boss.createQueue(QUEUE.passwordReset, {
    name: QUEUE.passwordReset,
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  });
  await boss.createQueue(QUEUE.retainerAlerts, { name: QUEUE.retainerAlerts, policy: 'standard', retryLimit: 0, expireInSeconds: 10 * 60 });
  await boss.createQueue(QUEUE.whatIf, { name: QUEUE.whatIf, policy: 'standard', retryLimit: 1, retryDelay: 10, expireInSeconds: 10 * 60 });
  await boss.createQueue(QUEUE.webhookDelivery, {
    name: QUEUE.webhookDelivery,
    policy: 'standard',
    retryLimit: 10,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  });
  await boss.createQueue(QUEUE.stepDown, { name: QUEUE.stepDown, policy: 'standard', retryLimit: 10, retryDelay: 30, expireInSeconds: 5 * 60 });
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
