import 'server-only';
import type { Prisma } from '@prisma/client';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA, QUEUE, roundJobId, roundKey, type TCloseRoundJob, type TNotificationEmailJob } from './queues';

// Scheduling happens inside the caller's transaction, through pg-boss's own insert statement run
// on that transaction: the timer exists if and only if the round it closes was committed.

// Never started and never connected: used only for the SQL of `send` against a given executor.
const sqlOnly = new PgBoss({ connectionString: 'postgres://unused@localhost/unused', schema: JOB_SCHEMA });

function executorFor(tx: Prisma.TransactionClient) {
  return {
    async executeSql(text: string, values: unknown[]) {
      // pg would serialise objects itself; through Prisma they go as JSON text, and absent
      // values as SQL NULL.
      const args = values.map((v) => (v === undefined ? null : v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v));
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...args);
      return { rows };
    },
  };
}

/**
 * Schedules the close of a round at its deadline. Returns false when the job tables do not exist
 * yet (the worker has never run on this database): the worker closes overdue rounds when it
 * starts, so nothing is lost, only later.
 */
export async function scheduleRoundClose(tx: Prisma.TransactionClient, job: TCloseRoundJob, deadline: Date): Promise<boolean> {
  if (!(await queueReady(tx, QUEUE.closeRound))) return false;
  await sqlOnly.send(QUEUE.closeRound, job, {
    id: roundJobId(job),
    singletonKey: roundKey(job),
    startAfter: deadline,
    retryLimit: 10,
    retryDelay: 30,
    db: executorFor(tx),
  } as PgBoss.SendOptions);
  return true;
}

/**
 * Set once the job tables have been seen: the worker creates them and nothing removes them, so
 * after the first sighting the check is not repeated on every busy transaction.
 */
let jobTablesSeen = false;

async function jobTablesExist(tx: Prisma.TransactionClient): Promise<boolean> {
  if (jobTablesSeen) return true;
  const [ready] = await tx.$queryRaw<{ ok: boolean }[]>`
    SELECT to_regclass(${`${JOB_SCHEMA}.queue`}) IS NOT NULL AS ok`;
  jobTablesSeen = Boolean(ready?.ok);
  return jobTablesSeen;
}

/** The same check, for a statement sent through node-postgres rather than a Prisma transaction. */
export async function jobTablesExistIn(pool: pg.Pool): Promise<boolean> {
  if (jobTablesSeen) return true;
  const { rows } = await pool.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`${JOB_SCHEMA}.queue`]);
  jobTablesSeen = Boolean(rows[0]?.ok);
  return jobTablesSeen;
}

/** Whether the worker has created the job tables and this queue, checked without failing the transaction. */
async function queueReady(tx: Prisma.TransactionClient, queue: string): Promise<boolean> {
  if (!(await jobTablesExist(tx))) return false;
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.queue WHERE name = $1`, queue);
  return (row?.n ?? 0) > 0;
}

/**
 * Queues the emails for notifications being written in this transaction: sent only if it
 * commits, once per notification (the job id is the notification's id). All of them go in one
 * statement, as this runs inside busy transactions such as an acceptance that withdraws hundreds
 * of offers. Without a worker yet there are no job tables (or no queue, which pg-boss's insert
 * joins on), nothing is queued and the notifications stay in-app only.
 */
export async function enqueueNotificationEmails(tx: Prisma.TransactionClient, notificationIds: readonly string[]): Promise<void> {
  if (notificationIds.length === 0 || !(await jobTablesExist(tx))) return;
  await sqlOnly.insert(
    notificationIds.map((notificationId) => ({
      id: notificationId,
      name: QUEUE.notificationEmail,
      data: { notificationId } satisfies TNotificationEmailJob,
      retryLimit: 5,
      retryDelay: 60,
      retryBackoff: true,
    })),
    { db: executorFor(tx) },
  );
}

/**
 * The INSERT, for use inside a larger statement, of the email jobs for the notifications the
 * common table expression `source` returns ("id", and "emailed" from emailedAtOnce): the rows
 * pg-boss's own insert writes for enqueueNotificationEmails's options
 * (tests/integration/brokerage-worker.test.ts compares them). Only for statements sent once
 * jobTablesExistIn has said yes; no queue, no rows.
 */
export function notificationEmailJobsFrom(source: string): string {
  return `INSERT INTO ${JOB_SCHEMA}.job ("id", "name", "data", "expire_in", "keep_until", "retry_limit", "retry_delay", "retry_backoff", "dead_letter", "policy")
    SELECT n."id", q."name", jsonb_build_object('notificationId', n."id"),
      COALESCE(q."expire_seconds" * interval '1s', interval '15 minutes'),
      now() + COALESCE((q."retention_minutes" * 60) * interval '1s', interval '14 days'),
      5, 60, true, q."dead_letter", q."policy"
    FROM ${source} n JOIN ${JOB_SCHEMA}.queue q ON q."name" = '${QUEUE.notificationEmail}'
    WHERE n."emailed"
    ON CONFLICT DO NOTHING`;
}
