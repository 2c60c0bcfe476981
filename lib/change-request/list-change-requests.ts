import 'server-only';
import type { ChangeRequestStatus, PrismaClient } from '@prisma/client';
import type { TCouncilActor, TProviderActor } from '@/lib/auth/permissions';
import { approvalLimitOf } from '@/lib/approval/approval-limits';
import { ageInDays, approvalCost, withinLimit } from '@/lib/domain/approval';
import type { TLineHours, TVisitDraft } from './change-request-schema';
import { OPEN_REQUEST_STATUSES } from './current-care';

export type TChangeRequestRow = {
  id: string;
  packageId: string;
  reference: string;
  providerName: string;
  status: ChangeRequestStatus;
  requestedAt: Date;
  /** Whole days since it was asked for. */
  ageDays: number;
  startDate: string;
  reason: string;
  visits: TVisitDraft[];
  serviceLines: TLineHours[];
  previousVisits: TVisitDraft[];
  weeklyCostChange: number;
  /** What approving it needs: the yearly increase (weekly × 52), 0 for a decrease. */
  yearlyCost: number;
  /** Whether the person looking may approve it within their limit. */
  canApprove: boolean;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The brokers' and BEST's queue: requests waiting for a decision in the council (or on one package), oldest first. */
export async function listChangeRequests(
  prisma: PrismaClient,
  actor: TCouncilActor,
  now: Date = new Date(),
  options: { packageId?: string } = {},
): Promise<TChangeRequestRow[]> {
  const { councilId } = actor;
  const [rows, limit] = await Promise.all([
    prisma.changeRequest.findMany({
      where: { councilId, status: { in: [...OPEN_REQUEST_STATUSES] }, ...(options.packageId ? { packageId: options.packageId } : {}) },
      orderBy: { requestedAt: 'asc' },
      take: 500,
      include: { package: { select: { reference: true } } },
    }),
    approvalLimitOf(prisma, councilId, actor.userId),
  ]);
  const providers = await prisma.provider.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.providerId))] } }, select: { id: true, name: true } });
  const name = new Map(providers.map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const weekly = Number(r.weeklyCostChange);
    const yearly = approvalCost(weekly);
    return {
      id: r.id,
      packageId: r.packageId,
      reference: r.package.reference,
      providerName: name.get(r.providerId) ?? '',
      status: r.status,
      requestedAt: r.requestedAt,
      ageDays: ageInDays(r.requestedAt, now),
      startDate: isoDay(r.startDate),
      reason: r.reason,
      visits: r.visits as TVisitDraft[],
      serviceLines: r.serviceLines as TLineHours[],
      previousVisits: r.previousVisits as TVisitDraft[],
      weeklyCostChange: weekly,
      yearlyCost: yearly,
      canApprove: withinLimit(limit, yearly),
    };
  });
}

export type TProviderChangeRequestRow = {
  id: string;
  reference: string;
  status: ChangeRequestStatus;
  requestedAt: Date;
  startDate: string;
  reason: string;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** A temporary increase: its last day. */
  lastDay: string | null;
  steppedDownAt: Date | null;
};

/** A provider's own change requests and their outcomes, newest first. */
export async function listProviderChangeRequests(prisma: PrismaClient, actor: TProviderActor, packageId?: string): Promise<TProviderChangeRequestRow[]> {
  const rows = await prisma.changeRequest.findMany({
    where: { providerId: actor.providerId, ...(packageId ? { packageId } : {}) },
    orderBy: { requestedAt: 'desc' },
    take: 200,
    include: { package: { select: { reference: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    reference: r.package.reference,
    status: r.status,
    requestedAt: r.requestedAt,
    startDate: isoDay(r.startDate),
    reason: r.reason,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    lastDay: r.endDate ? isoDay(new Date(r.endDate.getTime() - 86_400_000)) : null,
    steppedDownAt: r.steppedDownAt,
  }));
}

/** How many requests wait for a decision in the council: the brokers' home links to the queue with it. */
export async function countOpenChangeRequests(prisma: PrismaClient, actor: TCouncilActor): Promise<number> {
  return prisma.changeRequest.count({ where: { councilId: actor.councilId, status: { in: [...OPEN_REQUEST_STATUSES] } } });
}
