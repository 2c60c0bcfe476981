import 'server-only';
import type { Prisma } from '@prisma/client';
import type PgBoss from 'pg-boss';
import { executorFor, queueReady, sqlOnly } from './job-tables';
import { QUEUE, stepDownJobId, type TStepDownJob } from './queues';

/** How many days before a temporary increase ends the provider is reminded. */
export const STEP_DOWN_NOTICE_DAYS = 3;

const DAY = 86_400_000;

/**
 * Schedules a temporary increase's two timers inside the caller's transaction: a reminder to the
 * provider STEP_DOWN_NOTICE_DAYS before it ends (at once when that is already past), and the step
 * back down at the start of `endDate` (its first day without the increase). Each job id comes from
 * the request, so scheduling again adds nothing. Without job tables nothing is scheduled: the
 * worker's minute sweep (stepDownDue) finds due step-downs anyway.
 */
export async function scheduleStepDown(tx: Prisma.TransactionClient, job: Omit<TStepDownJob, 'kind'>, endDate: Date, now: Date): Promise<boolean> {
  if (!(await queueReady(tx, QUEUE.stepDown))) return false;
  const noticeAt = new Date(Math.max(now.getTime(), endDate.getTime() - STEP_DOWN_NOTICE_DAYS * DAY));
  for (const [kind, at] of [
    ['NOTICE', noticeAt],
    ['STEP_DOWN', endDate],
  ] as const) {
    const data: TStepDownJob = { ...job, kind };
    await sqlOnly.send(QUEUE.stepDown, data, {
      id: stepDownJobId(data),
      startAfter: at,
      retryLimit: 10,
      retryDelay: 30,
      db: executorFor(tx),
    } as PgBoss.SendOptions);
  }
  return true;
}
