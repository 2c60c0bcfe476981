import 'server-only';
import type { Prisma } from '@prisma/client';
import { executorFor, jobTablesExist, sqlOnly } from '@/lib/jobs/job-tables';
import { JOB_SCHEMA, QUEUE, type TNotificationEmailJob } from '@/lib/jobs/queues';

/**
 * Whether anyone is emailed a notification as soon as it is written, as sendNotificationEmail
 * decides: the user it names, if enabled and on instant emails; for a provider, its office
 * address or any of its enabled users on instant emails. Only those notifications get an email
 * job; the rest wait for the bell and the daily digest. SQL over the row `table` names (the
 * target of an INSERT … RETURNING).
 */
export function emailedAtOnce(table: string): string {
  const instant = (match: string) => `EXISTS (SELECT 1 FROM "User" u WHERE ${match} AND u."disabledAt" IS NULL AND u."emailFrequency" = 'INSTANT')`;
  return `(${instant(`u."id" = ${table}."userId"`)}
    OR EXISTS (SELECT 1 FROM "Provider" v WHERE v."id" = ${table}."providerId" AND v."email" IS NOT NULL)
    OR ${instant(`u."providerId" = ${table}."providerId"`)})`;
}

/**
 * Queues the emails for notifications being written in this transaction: sent only if it
 * commits, once per notification (the job id is the notification's id), with the queue's expiry
 * and retries (lib/worker/job-queues.ts). All of them go in one
 * statement, as this runs inside busy transactions such as a round that offers a package to
 * dozens of providers. Without a worker yet there are no job tables (or no queue, which pg-boss's
 * insert joins on), nothing is queued and the notifications stay in-app only.
 */
export async function enqueueNotificationEmails(tx: Prisma.TransactionClient, notificationIds: readonly string[]): Promise<void> {
  if (notificationIds.length === 0 || !(await jobTablesExist(tx))) return;
  await sqlOnly.insert(
    notificationIds.map((notificationId) => ({
      id: notificationId,
      name: QUEUE.notificationEmail,
      data: { notificationId } satisfies TNotificationEmailJob,
    })),
    { db: executorFor(tx) },
  );
}

/**
 * The INSERT, for use inside a larger statement, of the email jobs for the notifications the
 * common table expression `source` returns ("id", and "emailed" from emailedAtOnce): the rows
 * pg-boss's own insert writes for enqueueNotificationEmails, with the queue's settings
 * (tests/integration/brokerage-worker.test.ts compares them). Only for statements sent once
 * jobTablesExistIn has said yes; no queue, no rows.
 */
export function notificationEmailJobsFrom(source: string): string {
  return `INSERT INTO ${JOB_SCHEMA}.job ("id", "name", "data", "expire_in", "keep_until", "retry_limit", "retry_delay", "retry_backoff", "dead_letter", "policy")
    SELECT n."id", q."name", jsonb_build_object('notificationId', n."id"),
      COALESCE(q."expire_seconds" * interval '1s', interval '15 minutes'),
      now() + COALESCE((q."retention_minutes" * 60) * interval '1s', interval '14 days'),
      COALESCE(q."retry_limit", 2), COALESCE(q."retry_delay", 0), COALESCE(q."retry_backoff", false), q."dead_letter", q."policy"
    FROM ${source} n JOIN ${JOB_SCHEMA}.queue q ON q."name" = '${QUEUE.notificationEmail}'
    WHERE n."emailed"
    ON CONFLICT DO NOTHING`;
}
