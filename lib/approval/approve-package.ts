import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { contractRateAt, CONTRACT_RATES_SELECT } from '@/lib/contract/contract-rate';
import { contractInForceWhere } from '@/lib/domain/contract';
import { packageNeedsApproval, withinLimit, yearlyCost } from '@/lib/domain/approval';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { withNotices } from '@/lib/notification/notify';
import { weeklyCost } from '@/lib/placement/demand';
import { approvalLimitOf, newPackageRules, referUpwards } from './approval-limits';
import { recordApprovalDecision } from './approval-history';

/**
 * What a package not yet placed would cost a year: its lines' carer-hours at the highest hourly
 * rate of the council's contracts in force (it may be placed under any of them), × 52.
 */
export async function packageYearlyCost(db: Prisma.TransactionClient | PrismaClient, councilId: string, packageId: string, now: Date): Promise<number> {
  const [lines, contracts] = await Promise.all([
    db.serviceLine.findMany({ where: { councilId, packageId, endDate: null }, select: { hoursPerWeek: true, hourlyRate: true } }),
    db.contract.findMany({ where: { councilId, ...contractInForceWhere(now) }, select: CONTRACT_RATES_SELECT }),
  ]);
  const top = contracts.reduce((max, c) => Math.max(max, contractRateAt(c, now)), 0);
  const weekly = lines.reduce((sum, l) => sum + weeklyCost(Math.round(Number(l.hoursPerWeek) * 60), l.hourlyRate === null ? top : Number(l.hourlyRate)), 0);
  return yearlyCost(weekly);
}

/**
 * Refuses to post a package that the council's rules say must be approved first, until someone
 * whose limit covers its cost has approved it at that cost or more. Called in the posting's transaction.
 */
export async function assertApprovedForPosting(tx: Prisma.TransactionClient, councilId: string, packageId: string, now: Date): Promise<void> {
  const rules = await newPackageRules(tx, councilId);
  if (!rules.required) return;
  const cost = await packageYearlyCost(tx, councilId, packageId, now);
  if (!packageNeedsApproval(rules, cost)) return;
  const approved = await tx.approvalDecision.count({ where: { councilId, packageId, changeRequestId: null, decision: 'APPROVED', yearlyCost: { gte: cost } } });
  if (approved === 0)
    throw new AppError(
      'CONFLICT',
      `This package costs about £${cost.toLocaleString('en-GB', { minimumFractionDigits: 2 })} a year, above the council's £${(rules.threshold ?? 0).toLocaleString('en-GB')} threshold: it needs approval before it is posted.`,
    );
}

export const ZApprovePackageSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  note: z.string().trim().max(2000, { error: 'The note must be 2,000 characters or fewer' }).optional(),
});

export type TApprovePackageResult = { outcome: 'APPROVED'; yearlyCost: number } | { outcome: 'REFERRED'; yearlyCost: number; referredTo: string[] };

/**
 * Approves a draft package for posting when its yearly cost is within the approver's limit;
 * above it the package is referred to the approvers with the next higher limit.
 */
export async function approvePackage(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZApprovePackageSchema>,
  now: Date = new Date(),
): Promise<TApprovePackageResult> {
  const { councilId } = actor;
  const { packageId, note } = parseOrThrow(ZApprovePackageSchema, input);
  return withNotices(prisma, async (tx) => {
    const pkg = await tx.package.findFirst({ where: { councilId, id: packageId }, select: { status: true, reference: true } });
    if (!pkg) throw new AppError('NOT_FOUND', 'That package could not be found.');
    if (pkg.status !== 'DRAFT') throw new AppError('CONFLICT', 'Only a draft package waits for approval before it is posted.');
    const cost = await packageYearlyCost(tx, councilId, packageId, now);
    const limit = await approvalLimitOf(tx, councilId, actor.userId);
    if (!withinLimit(limit, cost)) {
      const next = await referUpwards(tx, councilId, cost, {
        title: `${pkg.reference}: a new package needs your approval`,
        body: `Package ${pkg.reference} would cost about £${cost.toLocaleString('en-GB', { minimumFractionDigits: 2 })} a year, above ${actor.name}'s approval limit.`,
        link: `/packages/${pkg.reference}`,
      });
      await recordApprovalDecision(tx, { councilId, packageId, changeRequestId: null, decision: 'REFERRED', yearlyCost: cost, limit, actor, note, now });
      await recordAudit(tx, actor, {
        councilId,
        action: 'package.approval-referred',
        entityType: 'Package',
        entityId: packageId,
        details: { yearlyCost: cost, limit },
      });
      return { outcome: 'REFERRED', yearlyCost: cost, referredTo: next.map((a) => a.name) };
    }
    await recordApprovalDecision(tx, { councilId, packageId, changeRequestId: null, decision: 'APPROVED', yearlyCost: cost, limit, actor, note, now });
    await recordAudit(tx, actor, { councilId, action: 'package.approved', entityType: 'Package', entityId: packageId, details: { yearlyCost: cost, limit } });
    return { outcome: 'APPROVED', yearlyCost: cost };
  });
}
