import 'server-only';
import type { Prisma } from '@prisma/client';
import type PgBoss from 'pg-boss';
import { executorFor, queueReady, sqlOnly } from './job-tables';
import { QUEUE, type TWhatIfJob } from './queues';

/**
 * Queues a what-if run for the worker, inside the caller's transaction. Returns false when the
 * worker has not made the queue yet (it has never run on this database).
 */
export async function queueWhatIf(tx: Prisma.TransactionClient, job: TWhatIfJob): Promise<boolean> {
  if (!(await queueReady(tx, QUEUE.whatIf))) return false;
  await sqlOnly.send(QUEUE.whatIf, job, { retryLimit: 1, retryDelay: 10, expireInSeconds: 10 * 60, db: executorFor(tx) } as PgBoss.SendOptions);
  return true;
}
