import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { listChangeRequests, type TChangeRequestRow } from '@/lib/change-request/list-change-requests';
import { packageNeedsApproval, withinLimit } from '@/lib/domain/approval';
import { listApprovalHistory, type TApprovalHistoryRow } from './approval-history';
import { approvalLimitOf, newPackageRules } from './approval-limits';
import { packageYearlyCost } from './approve-package';

export type TPackageApprovals = {
  /** The provider's change request waiting for a decision, if any. */
  request: TChangeRequestRow | null;
  history: TApprovalHistoryRow[];
  /** The signed-in user's approval limit (pounds a year), or null for none. */
  limit: number | null;
  /** A draft the council's rules say must be approved before posting: its cost, and whether it has been approved at that cost. */
  posting: { yearlyCost: number; threshold: number; approved: boolean; canApprove: boolean } | null;
};

/** What the package page shows of a package's approvals, for the user looking. */
export async function getPackageApprovals(db: PrismaClient, actor: TCouncilActor, pkg: { id: string; status: string }, now: Date): Promise<TPackageApprovals> {
  const { councilId } = actor;
  const [requests, history, limit, rules] = await Promise.all([
    listChangeRequests(db, actor, now, { packageId: pkg.id }),
    listApprovalHistory(db, councilId, pkg.id),
    approvalLimitOf(db, councilId, actor.userId),
    pkg.status === 'DRAFT' ? newPackageRules(db, councilId) : Promise.resolve(null),
  ]);
  let posting: TPackageApprovals['posting'] = null;
  if (rules?.required) {
    const cost = await packageYearlyCost(db, councilId, pkg.id, now);
    if (packageNeedsApproval(rules, cost))
      posting = {
        yearlyCost: cost,
        threshold: rules.threshold ?? 0,
        approved: history.some((h) => h.changeRequestId === null && h.decision === 'APPROVED' && h.yearlyCost >= cost),
        canApprove: withinLimit(limit, cost),
      };
  }
  return { request: requests[0] ?? null, history, limit, posting };
}
