import 'server-only';
import type { ChangeRequestStatus, Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { approvalLimitOf, referUpwards } from '@/lib/approval/approval-limits';
import { recordApprovalDecision } from '@/lib/approval/approval-history';
import { approvalCost, withinLimit } from '@/lib/domain/approval';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { scheduleStepDown } from '@/lib/jobs/schedule-step-down';
import { notify, withNotices } from '@/lib/notification/notify';
import { changePackage } from '@/lib/package/change-package';
import { endAfter } from '@/lib/package/line-dates';
import { formatDay } from '@/lib/time/london';
import { impliedLines, weeklyCostChange } from './change-cost';
import { ZDecideChangeRequestSchema, type TDecideChangeRequest, type TDecision, type TLineHours, type TVisitDraft } from './change-request-schema';
import { currentCare, OPEN_REQUEST_STATUSES } from './current-care';

export type TDecideResult =
  { outcome: 'REFERRED'; yearlyCost: number; referredTo: string[] } | { outcome: TDecision; yearlyCost: number; version: number | null };

const OUTCOME_WORDS: Record<TDecision, string> = {
  APPROVED: 'approved',
  APPROVED_IN_PART: 'approved in part',
  REFUSED: 'refused',
  NEEDS_ASSESSMENT: 'held until the person has been assessed',
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A broker or BEST decides a provider's change request. Approving (in whole or in part) needs an
 * approval limit covering the yearly cost of the increase (weekly cost × 52): above it the request
 * is referred to the approvers with the next higher limit and nothing changes yet. Within it, the
 * change is applied from the day asked for through the package's own change (new versions of the
 * visits and lines), and an increase may be given a last day, after which it steps back down by
 * itself. Refusing (with a reason) or holding for an assessment needs no limit. The provider is
 * told the outcome; every decision goes into the package's approval history.
 */
export async function decideChangeRequest(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TDecideChangeRequest,
  now: Date = new Date(),
): Promise<TDecideResult> {
  const { councilId } = actor;
  const d = parseOrThrow(ZDecideChangeRequestSchema, input);
  return withNotices(
    prisma,
    async (tx) => {
      const [req] = await tx.$queryRaw<
        {
          id: string;
          packageId: string;
          providerId: string;
          status: ChangeRequestStatus;
          startDate: Date;
          visits: TVisitDraft[];
          serviceLines: TLineHours[];
          previousVisits: TVisitDraft[];
        }[]
      >`SELECT "id", "packageId", "providerId", "status", "startDate", "visits", "serviceLines", "previousVisits" FROM "ChangeRequest"
        WHERE "councilId" = ${councilId}::uuid AND "id" = ${d.changeRequestId}::uuid FOR UPDATE`;
      if (!req) throw new AppError('NOT_FOUND', 'That change request could not be found.');
      if (!(OPEN_REQUEST_STATUSES as readonly string[]).includes(req.status)) throw new AppError('CONFLICT', 'This change request has already been decided.');
      const pkg = await tx.package.findFirstOrThrow({ where: { councilId, id: req.packageId }, select: { reference: true, version: true, status: true } });
      const startDate = isoDay(req.startDate);
      const approving = d.decision === 'APPROVED' || d.decision === 'APPROVED_IN_PART';

      let yearly = 0;
      let version: number | null = null;
      let endDate: Date | null = null;
      let agreed: { visits: TVisitDraft[]; lines: TLineHours[] } | null = null;
      if (approving) {
        if (pkg.status !== 'PLACED' && pkg.status !== 'IN_HOSPITAL')
          throw new AppError('CONFLICT', 'The package is no longer placed, so the change cannot be made.');
        const care = await currentCare(tx, councilId, req.packageId, req.providerId, startDate);
        const visits = d.decision === 'APPROVED_IN_PART' ? d.visits! : req.visits;
        const lines =
          d.decision === 'APPROVED_IN_PART' ? (d.serviceLines?.length ? d.serviceLines : impliedLines(care.lines, care.visits, visits)) : req.serviceLines;
        const weekly = weeklyCostChange(care.lines, lines, care.rate);
        yearly = approvalCost(weekly);
        const limit = await approvalLimitOf(tx, councilId, actor.userId);
        if (!withinLimit(limit, yearly)) {
          const next = await referUpwards(tx, councilId, yearly, {
            title: `${pkg.reference}: a change needs your approval`,
            body: `A provider's change costing £${yearly.toLocaleString('en-GB', { minimumFractionDigits: 2 })} a year is above ${actor.name}'s approval limit.`,
            link: '/packages/change-requests',
          });
          await tx.changeRequest.update({
            where: { councilId_id: { councilId, id: req.id } },
            data: { status: 'REFERRED', referredAt: now },
          });
          await recordApprovalDecision(tx, {
            councilId,
            packageId: req.packageId,
            changeRequestId: req.id,
            decision: 'REFERRED',
            yearlyCost: yearly,
            limit,
            actor,
            note: d.note,
            now,
          });
          await recordAudit(tx, actor, {
            councilId,
            action: 'change-request.referred',
            entityType: 'ChangeRequest',
            entityId: req.id,
            details: { yearlyCost: yearly, limit, referredTo: next.map((a) => a.userId) },
          });
          return { outcome: 'REFERRED', yearlyCost: yearly, referredTo: next.map((a) => a.name) };
        }
        if (d.lastDay) {
          if (weekly <= 0)
            throw new AppError('VALIDATION', 'Only an increase can step back down.', { lastDay: ['Leave the last day empty: this change is not an increase'] });
          if (d.lastDay < startDate)
            throw new AppError('VALIDATION', 'The last day is before the change starts.', { lastDay: [`Enter ${formatDay(startDate)} or a later day`] });
          endDate = endAfter(new Date(`${d.lastDay}T00:00:00Z`));
        }
        const applied = await changePackage(
          tx,
          actor,
          { packageId: req.packageId, expectedVersion: pkg.version, visits, serviceLines: lines, effectiveDate: startDate },
          now,
        );
        version = applied.version;
        agreed = { visits, lines };
        if (endDate) await scheduleStepDown(tx, { councilId, changeRequestId: req.id }, endDate, now);
      }

      await tx.changeRequest.update({
        where: { councilId_id: { councilId, id: req.id } },
        data: {
          status: d.decision,
          decidedAt: now,
          decidedById: actor.userId,
          decisionNote: d.note || null,
          ...(d.decision === 'APPROVED_IN_PART' && agreed
            ? { approvedVisits: agreed.visits as Prisma.InputJsonValue, approvedLines: agreed.lines as Prisma.InputJsonValue }
            : {}),
          endDate,
        },
      });
      const limit = approving ? await approvalLimitOf(tx, councilId, actor.userId) : null;
      await recordApprovalDecision(tx, {
        councilId,
        packageId: req.packageId,
        changeRequestId: req.id,
        decision: d.decision,
        yearlyCost: yearly,
        limit,
        actor,
        note: d.note,
        now,
      });
      await recordAudit(tx, actor, {
        councilId,
        action: 'change-request.decided',
        entityType: 'ChangeRequest',
        entityId: req.id,
        details: { decision: d.decision, yearlyCost: yearly, version, lastDay: d.lastDay ?? null },
      });
      const until = endDate && d.lastDay ? `, until ${formatDay(d.lastDay)}, then back to the care before` : '';
      await notify(tx, [
        {
          councilId,
          recipient: { providerId: req.providerId },
          kind: 'CHANGE_DECIDED',
          title: `${pkg.reference}: your change request was ${OUTCOME_WORDS[d.decision]}`,
          body: approving
            ? `The change starts on ${formatDay(startDate)}${until}.${d.note ? ` ${d.note}` : ''}`
            : d.note || `The council ${OUTCOME_WORDS[d.decision]} the request.`,
          link: '/provider/placements',
        },
      ]);
      return { outcome: d.decision, yearlyCost: yearly, version };
    },
    { timeout: 30_000 },
  );
}
