import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { createPrismaClient } from './database/client';

// The one PrismaClient of a server process (kept on globalThis so dev reloads reuse it).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`.');
    globalForPrisma.prisma = createPrismaClient(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
  }
  return globalForPrisma.prisma;
}

// Created on first use, so building the app needs no database.
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => Reflect.get(client(), property),
});
