import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolOf } from '@/lib/database/client';
import { testPrisma } from './support/database';

// The app's connections (createPrismaClient) send a holder's queries one after another, so pg
// never has to queue them itself: pg warns when it does, and pg 9 will refuse.

let prisma: PrismaClient;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

beforeAll(() => {
  prisma = testPrisma();
  process.on('warning', onWarning);
});

afterAll(async () => {
  process.off('warning', onWarning);
  await prisma.$disconnect();
});

describe('a connection of the app', () => {
  it("runs queries asked for at once one after another, in order, without pg's warning", async () => {
    const client = await poolOf(prisma).connect();
    try {
      const sql = (n: number, sleep = 0) => client.query<{ n: number; at: Date }>(`SELECT ${n} AS n, clock_timestamp() AS at FROM pg_sleep(${sleep})`);
      const answers = await Promise.all([sql(1, 0.05), sql(2), sql(3), sql(4)]);
      expect(answers.map((a) => a.rows[0].n)).toEqual([1, 2, 3, 4]);
      const at = answers.map((a) => a.rows[0].at.getTime());
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    } finally {
      client.release();
    }
    // Prisma's adapter does the same inside a transaction.
    const inTransaction = await prisma.$transaction(async (tx) => Promise.all([1, 2, 3].map((n) => tx.$queryRaw<{ n: number }[]>`SELECT ${n}::int AS n`)));
    expect(inTransaction.map(([row]) => row.n)).toEqual([1, 2, 3]);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
  });

  it('goes on to the next query when one fails, and still answers callbacks and the pool', async () => {
    const client = await poolOf(prisma).connect();
    try {
      const [failed, next] = await Promise.allSettled([client.query('SELECT 1 / 0'), client.query<{ n: number }>('SELECT 2 AS n')]);
      expect(failed.status).toBe('rejected');
      expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: '22012' });
      expect(next).toMatchObject({ status: 'fulfilled', value: { rows: [{ n: 2 }] } });
      const viaCallback = await new Promise((resolve, reject) =>
        client.query('SELECT 3 AS n', (error, result) => (error ? reject(error) : resolve(result.rows))),
      );
      expect(viaCallback).toEqual([{ n: 3 }]);
    } finally {
      client.release();
    }
    expect((await poolOf(prisma).query<{ n: number }>('SELECT 4 AS n')).rows).toEqual([{ n: 4 }]);
  });
});
