import type { PrismaClient } from '@prisma/client';
import { inject } from 'vitest';
import { createPrismaClient } from '@/lib/database/client';
import { assertLocal } from './local-only';

export function testDatabaseUrl(): string {
  const url = inject('databaseUrl');
  assertLocal(new URL(url));
  return url;
}

export function testPrisma(): PrismaClient {
  return createPrismaClient(testDatabaseUrl());
}

/** Empties every table, so each test file starts from nothing. */
export async function resetDatabase(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
}
