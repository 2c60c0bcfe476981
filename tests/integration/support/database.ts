import type { PrismaClient } from '@prisma/client';
import { inject } from 'vitest';
import { createPrismaClient } from '@/lib/database/client';
import { assertLocal } from './local-only';

/** Which of the copies of the test database this file uses: one per worker, so files running at once never meet. */
function workerIndex(): number {
  const id = Number(process.env.VITEST_POOL_ID ?? 1);
  return (id - 1) % inject('databaseUrls').length;
}

/** The test database as its owner: migrations, the seed, emptying tables, changing triggers. */
export function testDatabaseUrl(): string {
  const url = inject('databaseUrls')[workerIndex()];
  assertLocal(new URL(url));
  return url;
}

/** The test database as the app role, with only the rights the app and the worker have. */
export function testAppDatabaseUrl(): string {
  const url = inject('appDatabaseUrls')[workerIndex()];
  assertLocal(new URL(url));
  return url;
}

/** A client as the app role, as the app and the worker connect. */
export function testPrisma(): PrismaClient {
  return createPrismaClient(testAppDatabaseUrl());
}

/** Empties every table, so each test file starts from nothing (as the owner: the app role may not TRUNCATE). */
export async function resetDatabase(_prisma?: PrismaClient): Promise<void> {
  const owner = createPrismaClient(testDatabaseUrl(), { max: 1 });
  try {
    const tables = await owner.$queryRaw<{ name: string }[]>`
      SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
    await owner.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await owner.$disconnect();
  }
}
