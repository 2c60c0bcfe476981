import 'server-only';
import type { Prisma } from '@prisma/client';
import type PgBoss from 'pg-boss';
import { executorFor, queueReady, sqlOnly } from './job-tables';
import { QUEUE, type TPasswordResetJob } from './queues';

/**
 * Queues a request for a password reset link, for the worker to look the address up and send the
 * link. Returns false when the worker has not made the queue yet (it has never run on this
 * database), for the caller to send it some other way.
 */
export async function queuePasswordReset(tx: Prisma.TransactionClient, job: TPasswordResetJob): Promise<boolean> {
  if (!(await queueReady(tx, QUEUE.passwordReset))) return false;
  await sqlOnly.send(QUEUE.passwordReset, job, { retryLimit: 5, retryDelay: 60, retryBackoff: true, db: executorFor(tx) } as PgBoss.SendOptions);
  return true;
}
