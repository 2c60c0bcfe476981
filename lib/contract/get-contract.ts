import 'server-only';
import type { ContractType, PrismaClient, ReplacementBatchStatus } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';
import { contractInForceWhere, isContractInForce } from '@/lib/domain/contract';
import { LIVE_STATUSES, statusIn } from '@/lib/domain/package-status';
import { AppError } from '@/lib/errors/app-error';
import { CONTRACT_RATES_SELECT, contractRateAt } from './contract-rate';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

/** How many of the packages placed under a contract its page lists. */
export const AFFECTED_SHOWN = 50;

/**
 * One contract of the council by reference, as its register page shows it: the contract, its
 * localities with target shares and the other holders of each, its rates with their days and who
 * set them, its history from the audit trail, the packages placed under it now, its re-tender
 * plans, and the other providers' contracts in force that could take its packages.
 */
export async function getContract(prisma: PrismaClient, actor: TCouncilActor, reference: string, now: Date = new Date()) {
  const { councilId } = actor;
  const contract = await prisma.contract.findFirst({
    where: { councilId, reference },
    select: {
      id: true,
      reference: true,
      type: true,
      validFrom: true,
      validTo: true,
      endReason: true,
      createdAt: true,
      providerId: true,
      hospitalId: true,
      ...CONTRACT_RATES_SELECT,
      rates: { select: { validFrom: true, hourlyRate: true, reason: true, createdById: true, createdAt: true }, orderBy: { validFrom: 'asc' } },
      provider: { select: { name: true } },
      hospital: { select: { name: true } },
      person: { select: { givenName: true, familyName: true } },
      localities: { select: { localityId: true, targetShare: true, locality: { select: { name: true } } }, orderBy: { locality: { name: 'asc' } } },
    },
  });
  if (!contract) throw new AppError('NOT_FOUND', 'That contract is not in your council’s register.');
  const localityIds = contract.localities.map((l) => l.localityId);

  const placedWhere = { councilId, status: statusIn(LIVE_STATUSES), placements: { some: { contractId: contract.id, endedAt: null } } };
  const [coHolders, audit, affectedCount, affected, batches, incoming] = await Promise.all([
    prisma.contractLocality.findMany({
      where: { councilId, localityId: { in: localityIds }, contractId: { not: contract.id }, contract: contractInForceWhere(now) },
      select: { localityId: true, targetShare: true, contract: { select: { reference: true, type: true, provider: { select: { name: true } } } } },
    }),
    prisma.auditEvent.findMany({
      where: { councilId, entityType: 'Contract', entityId: contract.id },
      orderBy: { at: 'asc' },
      select: { at: true, action: true, actorId: true, details: true },
    }),
    prisma.package.count({ where: placedWhere }),
    prisma.package.findMany({
      where: placedWhere,
      orderBy: { reference: 'asc' },
      take: AFFECTED_SHOWN,
      select: {
        id: true,
        reference: true,
        pathway: true,
        locality: { select: { name: true } },
        visits: { where: visitsInForceWhere(now), select: { minutes: true, carers: true, days: true } },
      },
    }),
    prisma.replacementBatch.findMany({
      where: { councilId, contractId: contract.id },
      orderBy: { createdAt: 'desc' },
      take: 10,
      select: {
        id: true,
        status: true,
        createdAt: true,
        offeredAt: true,
        moveOn: true,
        incomingContract: { select: { reference: true, provider: { select: { name: true } } } },
        items: { select: { packageId: true, proposedContractId: true, carerHours: true, reasons: true, package: { select: { reference: true } } } },
      },
    }),
    prisma.contract.findMany({
      where: {
        councilId,
        providerId: { not: contract.providerId },
        localities: { some: { localityId: { in: localityIds } } },
        OR: [{ validTo: null }, { validTo: { gte: now } }],
      },
      select: { id: true, reference: true, type: true, provider: { select: { name: true } } },
      orderBy: { reference: 'asc' },
    }),
  ]);
  const userIds = [...new Set([...audit.map((a) => a.actorId), ...contract.rates.map((r) => r.createdById)].filter((id): id is string => id !== null))];
  const users = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));

  return {
    id: contract.id,
    reference: contract.reference,
    type: contract.type as ContractType,
    providerId: contract.providerId,
    providerName: contract.provider.name,
    hospitalId: contract.hospitalId,
    hospitalName: contract.hospital?.name ?? null,
    personName: contract.person ? `${contract.person.givenName} ${contract.person.familyName}` : null,
    validFrom: contract.validFrom,
    validTo: contract.validTo,
    endReason: contract.endReason,
    inForce: isContractInForce(contract, now),
    startingRate: Number(contract.hourlyRate),
    rateNow: contractRateAt(contract, now),
    rates: contract.rates.map((r) => ({
      validFrom: r.validFrom,
      hourlyRate: Number(r.hourlyRate),
      reason: r.reason,
      setBy: r.createdById ? (users.get(r.createdById) ?? 'A former user') : null,
      setAt: r.createdAt,
    })),
    localities: contract.localities.map((l) => ({
      id: l.localityId,
      name: l.locality.name,
      targetShare: l.targetShare === null ? null : Number(l.targetShare),
      others: coHolders
        .filter((h) => h.localityId === l.localityId)
        .map((h) => ({
          reference: h.contract.reference,
          type: h.contract.type,
          providerName: h.contract.provider.name,
          targetShare: h.targetShare === null ? null : Number(h.targetShare),
        })),
    })),
    history: audit.map((a) => ({ at: a.at, action: a.action, by: a.actorId ? (users.get(a.actorId) ?? 'A former user') : 'The system', details: a.details })),
    affected: {
      total: affectedCount,
      shown: affected.map((p) => ({ id: p.id, reference: p.reference, pathway: p.pathway, locality: p.locality.name, carerHours: carerHours(p.visits) })),
    },
    retenders: batches.map((b) => ({
      id: b.id,
      status: b.status as ReplacementBatchStatus,
      createdAt: b.createdAt,
      movedAt: b.offeredAt,
      moveOn: b.moveOn,
      incoming: b.incomingContract ? { reference: b.incomingContract.reference, providerName: b.incomingContract.provider.name } : null,
      items: b.items.map((i) => ({
        packageId: i.packageId,
        reference: i.package.reference,
        moves: i.proposedContractId !== null,
        reasons: i.reasons,
        carerHours: Number(i.carerHours),
      })),
    })),
    incomingChoices: incoming.map((c) => ({ id: c.id, label: `${c.reference} — ${c.provider.name} (${c.type})` })),
  };
}
