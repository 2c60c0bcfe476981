import 'server-only';
import type { Pathway, Prisma } from '@prisma/client';

/** The package's broker, or when nobody is recorded, the team that handles its pathway. */
export async function brokersFor(tx: Prisma.TransactionClient, pkg: { councilId: string; createdById: string | null; pathway: Pathway }): Promise<string[]> {
  if (pkg.createdById) return [pkg.createdById];
  const team = await tx.user.findMany({
    where: { councilId: pkg.councilId, role: pkg.pathway === 'LONG_TERM' ? 'BROKER' : 'BEST', disabledAt: null },
    select: { id: true },
  });
  return team.map((u) => u.id);
}
