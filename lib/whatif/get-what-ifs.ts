import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { contractInForceWhere } from '@/lib/domain/contract';
import { CONTRACT_TYPE_LABEL } from '@/lib/domain/labels';
import { ZChangesSchema, type TChange } from './changes';
import type { TWhatIfResult } from './run-what-if';

// The council's scenarios, one scenario with its last run, and what a scenario's form offers to choose from.

export async function listWhatIfs(db: PrismaClient, councilId: string) {
  const rows = await db.whatIfScenario.findMany({
    where: { councilId },
    select: { id: true, name: true, status: true, createdById: true, updatedAt: true, ranAt: true, changes: true },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: 200,
  });
  const names = await userNames(
    db,
    rows.map((r) => r.createdById),
  );
  return rows.map((r) => ({ ...r, changes: Array.isArray(r.changes) ? r.changes.length : 0, createdBy: names.get(r.createdById) ?? 'Someone no longer here' }));
}

async function userNames(db: PrismaClient, ids: string[]): Promise<Map<string, string>> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function getWhatIf(db: PrismaClient, councilId: string, id: string) {
  const row = await db.whatIfScenario.findUnique({ where: { councilId_id: { councilId, id } } });
  if (!row) return null;
  const changes = ZChangesSchema.safeParse(row.changes);
  const names = await userNames(db, [row.createdById]);
  return {
    ...row,
    changes: changes.success ? changes.data : ([] as TChange[]),
    result: row.result as TWhatIfResult | null,
    createdBy: names.get(row.createdById) ?? 'Someone no longer here',
  };
}

/** The council's localities, registered providers and contracts in force, to choose from (and to name them in a scenario's summary). */
export async function whatIfChoices(db: PrismaClient, councilId: string, now: Date = new Date()) {
  const [localities, providers, contracts] = await Promise.all([
    db.locality.findMany({ where: { councilId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.councilProvider.findMany({ where: { councilId }, select: { provider: { select: { id: true, name: true } } }, orderBy: { provider: { name: 'asc' } } }),
    db.contract.findMany({
      where: { councilId, ...contractInForceWhere(now) },
      select: { id: true, reference: true, type: true, provider: { select: { name: true } } },
      orderBy: { reference: 'asc' },
    }),
  ]);
  return {
    localities,
    providers: providers.map((p) => p.provider),
    contracts: contracts.map((c) => ({ id: c.id, name: `${c.reference}: ${c.provider.name} (${CONTRACT_TYPE_LABEL[c.type].toLowerCase()})` })),
  };
}

export type TWhatIfChoices = Awaited<ReturnType<typeof whatIfChoices>>;

export type TWhatIfStatus = Awaited<ReturnType<typeof listWhatIfs>>[number]['status'];
