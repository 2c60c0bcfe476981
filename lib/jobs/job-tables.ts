import 'server-only';
import type { Prisma } from '@prisma/client';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA } from './queues';

// Jobs are queued inside the caller's transaction, through pg-boss's own insert statements run on
// that transaction: a job exists if and only if the change that wants it was committed.

// Never started and never connected: used only for the SQL of `send` and `insert` against a given executor.
export const sqlOnly = new PgBoss({ connectionString: 'postgres://unused@localhost/unused', schema: JOB_SCHEMA });

/** pg-boss's `db` option: runs its statements on the caller's transaction. */
export function executorFor(tx: Prisma.TransactionClient) {
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
 * Set once the job tables have been seen: the worker creates them and nothing removes them, so
 * after the first sighting the check is not repeated on every busy transaction.
 */
let jobTablesSeen = false;

/** Whether the worker has ever made the job tables on this database, checked without failing the transaction. */
export async function jobTablesExist(tx: Prisma.TransactionClient): Promise<boolean> {
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
export async function queueReady(tx: Prisma.TransactionClient, queue: string): Promise<boolean> {
  if (!(await jobTablesExist(tx))) return false;
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.queue WHERE name = $1`, queue);
  return (row?.n ?? 0) > 0;
}
