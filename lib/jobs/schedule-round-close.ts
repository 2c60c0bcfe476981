import 'server-only';
import type { Prisma } from '@prisma/client';
import type PgBoss from 'pg-boss';
import { executorFor, queueReady, sqlOnly } from './job-tables';
import { QUEUE, roundJobId, roundKey, type TCloseRoundJob } from './queues';

/**
 * Schedules the close of a round at its deadline, inside the caller's transaction. Returns false
 * when the job tables do not exist yet (the worker has never run on this database): the worker
 * closes overdue rounds when it starts, so nothing is lost, only later.
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
