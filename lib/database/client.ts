import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';

const POOL = Symbol.for('homefirst.pg-pool');

/**
 * A connection that sends its promised queries one after another, in the order they were asked
 * for. Prisma's pg adapter runs a transaction's independent reads at once on its one connection
 * (prisma/orm#29646), which pg queues itself but warns about, and will refuse from pg 9. The order
 * and the result are the same as pg's own queue. Queries with a callback (the pool's own, on a
 * connection nobody holds) and streams go straight through.
 */
class SerialClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    const send = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
    let last: Promise<unknown> = Promise.resolve();
    const query = (...args: unknown[]) => {
      const [text, values, callback] = args;
      if (typeof values === 'function' || typeof callback === 'function' || typeof (text as { submit?: unknown } | undefined)?.submit === 'function') {
        return send.apply(this, args);
      }
      const run = last.then(() => send.apply(this, args));
      last = run.catch(() => undefined);
      return run;
    };
    this.query = query as pg.Client['query'];
  }
}

export type TPoolOptions = {
  max?: number;
  /** How long to wait for a connection (a free one of the pool's, or a new one's start-up) before failing. */
  connectTimeoutMs?: number;
  /**
   * The longest one statement may run: PostgreSQL cancels it after this (a lock that is never
   * released, a runaway query), and the client gives up half a second later if the server itself
   * does not answer at all (frozen, or the network gone).
   */
  statementTimeoutMs?: number;
};

/** A Prisma client over node-postgres for the database at `url` (used by the app, seed and tests). */
export function createPrismaClient(url: string, options: TPoolOptions = {}): PrismaClient {
  // Connections are kept for five minutes when idle, not pg's ten seconds: a new one costs a
  // password exchange and a cold server process, the worst moment for which is a burst after a lull.
  // Idle ones do not keep a script's process alive (a script that only used the pool, never the
  // client, would otherwise wait those five minutes to exit).
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    idleTimeoutMillis: 5 * 60_000,
    allowExitOnIdle: true,
    Client: SerialClient,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs, query_timeout: options.statementTimeoutMs + 500 } : {}),
  });
  // A connection that fails while idle in the pool is dropped by the pool; without a listener
  // here its error would end the process.
  pool.on('error', () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

/**
 * The node-postgres pool under a client made by createPrismaClient: its connections are the
 * client's own. The few paths that providers' systems hit hardest (an API token's lookup, an
 * acceptance) send their one statement here, where a query costs a fifth of the CPU it costs
 * through the client. Everything else goes through Prisma.
 */
export function poolOf(prisma: PrismaClient): pg.Pool {
  const pool = (prisma as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error('This Prisma client was not made by createPrismaClient, so it has no pool to share.');
  return pool;
}
