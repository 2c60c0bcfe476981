import 'server-only';
import type { ContractType, Prisma, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { contractInForceWhere, isContractInForce } from '@/lib/domain/contract';
import { CONTRACT_RATES_SELECT, contractRateAt } from './contract-rate';

export type TContractFilter = {
  type?: ContractType | null;
  providerId?: string | null;
  localityId?: string | null;
  /** IN_FORCE at `now`, ENDED (last day before today), or everything. */
  state?: 'IN_FORCE' | 'ENDED' | 'ALL';
  /** Part of the reference, any case. */
  q?: string;
};

export type TContractRow = {
  id: string;
  reference: string;
  type: ContractType;
  providerName: string;
  localities: number;
  validFrom: Date;
  validTo: Date | null;
  rateNow: number;
  inForce: boolean;
};

function whereOf(councilId: string, filter: TContractFilter, now: Date): Prisma.ContractWhereInput {
  const inForce = contractInForceWhere(now);
  const and: Prisma.ContractWhereInput[] = [{ councilId }];
  if (filter.type) and.push({ type: filter.type });
  if (filter.providerId) and.push({ providerId: filter.providerId });
  if (filter.localityId) and.push({ localities: { some: { localityId: filter.localityId } } });
  if (filter.q?.trim()) and.push({ reference: { contains: filter.q.trim(), mode: 'insensitive' } });
  if (filter.state === 'IN_FORCE') and.push(inForce);
  // Ended: its last day is over (not in force by contractInForceWhere's rule, and not just not yet started).
  if (filter.state === 'ENDED') and.push({ NOT: inForce, validTo: { not: null, lt: now } });
  return { AND: and };
}

/** A page of the council's contracts matching the filter, by reference, with each one's rate today. */
export async function listContracts(
  prisma: PrismaClient,
  actor: TCouncilActor,
  filter: TContractFilter,
  page: { skip: number; take: number },
  now: Date = new Date(),
): Promise<{ total: number; rows: TContractRow[] }> {
  const where = whereOf(actor.councilId, filter, now);
  const [total, rows] = await Promise.all([
    prisma.contract.count({ where }),
    page.take === 0
      ? Promise.resolve([])
      : prisma.contract.findMany({
          where,
          orderBy: { reference: 'asc' },
          skip: page.skip,
          take: page.take,
          select: {
            id: true,
            reference: true,
            type: true,
            validFrom: true,
            validTo: true,
            ...CONTRACT_RATES_SELECT,
            provider: { select: { name: true } },
            _count: { select: { localities: true } },
          },
        }),
  ]);
  return {
    total,
    rows: rows.map((c) => ({
      id: c.id,
      reference: c.reference,
      type: c.type,
      providerName: c.provider.name,
      localities: c._count.localities,
      validFrom: c.validFrom,
      validTo: c.validTo,
      rateNow: contractRateAt(c, now),
      inForce: isContractInForce(c, now),
    })),
  };
}

/** What the filters and the form choose from: the council's registered providers, localities, hospitals and STEP areas. */
export async function contractChoices(prisma: PrismaClient, actor: TCouncilActor) {
  const { councilId } = actor;
  const [providers, localities, hospitals, stepAreas] = await Promise.all([
    prisma.councilProvider.findMany({
      where: { councilId },
      select: { status: true, provider: { select: { id: true, name: true } } },
      orderBy: { provider: { name: 'asc' } },
    }),
    prisma.locality.findMany({ where: { councilId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.hospital.findMany({ where: { councilId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.stepArea.findMany({
      where: { councilId },
      select: { id: true, name: true, localities: { select: { localityId: true } } },
      orderBy: { name: 'asc' },
    }),
  ]);
  return {
    providers: providers.map((p) => ({ id: p.provider.id, name: p.provider.name, suspended: p.status === 'SUSPENDED' })),
    localities,
    hospitals,
    stepAreas: stepAreas.map((a) => ({ id: a.id, name: a.name, localityIds: a.localities.map((l) => l.localityId) })),
  };
}
