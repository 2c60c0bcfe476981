import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { setAvailabilityProbe } from './database/availability';
import { createPrismaClient, poolOf } from './database/client';

// The one PrismaClient of a server process (kept on globalThis so dev reloads reuse it). A request
// never waits more than a few seconds on the database: a connection must be made within 2.5 s and
// a statement finish within 4 s (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS), after
// which the request is answered 503 (lib/database/availability.ts).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`.');
    const created = createPrismaClient(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
      connectTimeoutMs: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 2500),
      statementTimeoutMs: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 4000),
    });
    globalForPrisma.prisma = created;
    // While the database is down, this checks once a second whether it is back, through the pool
    // every request uses.
    setAvailabilityProbe(async () => {
      await poolOf(created).query('select 1');
    });
  }
  return globalForPrisma.prisma;
}

// Created on first use, so building the app needs no database.
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => Reflect.get(client(), property),
});
