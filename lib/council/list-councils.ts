import 'server-only';
import type { PrismaClient } from '@prisma/client';

/** Every council on the platform with the size of each, for the platform's administrators. */
export async function listCouncils(prisma: PrismaClient) {
  return prisma.council.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, code: true, name: true, _count: { select: { localities: true, providers: true, users: true } } },
  });
}
