import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { notify, withNotices } from '@/lib/notification/notify';
import { changePackage } from '@/lib/package/change-package';
import { lastDayBefore } from '@/lib/package/line-dates';
import { londonDate, formatDay } from '@/lib/time/london';
import type { TCurrentLine } from './change-cost';
import type { TLineHours, TVisitDraft } from './change-request-schema';

// A temporary increase steps back down by itself: the worker's timer (lib/jobs/schedule-step-down.ts),
// or its minute sweep when a timer was missed, calls stepDown. Each claims the request with one
// conditional UPDATE in the transaction that changes the package, so however many workers run it,
// and however often a killed one's job is retried, the package steps down once.

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export type TStepDownResult = { steppedDown: boolean; version?: number };

/** Steps a temporary increase back down to the care before it, from its end date, once. */
export async function stepDown(prisma: PrismaClient, job: { councilId: string; changeRequestId: string }, now: Date = new Date()): Promise<TStepDownResult> {
  const { councilId, changeRequestId } = job;
  return withNotices(
    prisma,
    async (tx) => {
      const claimed = await tx.changeRequest.updateManyAndReturn({
        where: {
          councilId,
          id: changeRequestId,
          status: { in: ['APPROVED', 'APPROVED_IN_PART'] },
          steppedDownAt: null,
          endDate: { lte: new Date(`${londonDate(now)}T00:00:00Z`) },
        },
        data: { steppedDownAt: now },
        select: { packageId: true, providerId: true, endDate: true, serviceLines: true, approvedLines: true, previousVisits: true, previousLines: true },
      });
      const req = claimed[0];
      if (!req || !req.endDate) return { steppedDown: false };
      const pkg = await tx.package.findFirst({
        where: { councilId, id: req.packageId, status: { in: ['PLACED', 'IN_HOSPITAL'] } },
        select: { version: true, reference: true },
      });
      if (!pkg) {
        // Care ended in the meantime: nothing is left to step down.
        await recordAudit(tx, null, { councilId, action: 'change-request.step-down-skipped', entityType: 'ChangeRequest', entityId: changeRequestId });
        return { steppedDown: false };
      }
      const previousLines = req.previousLines as TCurrentLine[];
      const changed = (req.approvedLines ?? req.serviceLines) as TLineHours[];
      // Each line the increase changed goes back to its hours before (0 ends a line it added).
      const lines = changed.map((l) => ({ type: l.type, hoursPerWeek: previousLines.find((p) => p.type === l.type)?.hoursPerWeek ?? 0 }));
      const result = await changePackage(
        tx,
        { councilId, scheduled: true },
        {
          packageId: req.packageId,
          expectedVersion: pkg.version,
          visits: req.previousVisits as TVisitDraft[],
          serviceLines: lines,
          effectiveDate: isoDay(req.endDate),
        },
        now,
      );
      await recordAudit(tx, null, {
        councilId,
        action: 'change-request.stepped-down',
        entityType: 'ChangeRequest',
        entityId: changeRequestId,
        details: { packageId: req.packageId, from: isoDay(req.endDate), version: result.version },
      });
      return { steppedDown: true, version: result.version };
    },
    { timeout: 30_000 },
  );
}

/** Tells the provider, once, that a temporary increase is about to end. */
export async function sendStepDownNotice(prisma: PrismaClient, job: { councilId: string; changeRequestId: string }, now: Date = new Date()): Promise<boolean> {
  const { councilId, changeRequestId } = job;
  return withNotices(prisma, async (tx) => {
    const claimed = await tx.changeRequest.updateManyAndReturn({
      where: {
        councilId,
        id: changeRequestId,
        status: { in: ['APPROVED', 'APPROVED_IN_PART'] },
        stepDownNoticeAt: null,
        steppedDownAt: null,
        endDate: { not: null },
      },
      data: { stepDownNoticeAt: now },
      select: { providerId: true, endDate: true, package: { select: { reference: true } } },
    });
    const req = claimed[0];
    if (!req?.endDate) return false;
    await notify(tx, [
      {
        councilId,
        recipient: { providerId: req.providerId },
        kind: 'STEP_DOWN',
        title: `${req.package.reference}: the extra care ends soon`,
        body: `The increase agreed for ${req.package.reference} ends after ${formatDay(lastDayBefore(req.endDate))}. From ${formatDay(req.endDate)} the visits and hours go back to what they were before.`,
        link: '/provider/placements',
      },
    ]);
    await recordAudit(tx, null, { councilId, action: 'change-request.step-down-notice', entityType: 'ChangeRequest', entityId: changeRequestId });
    return true;
  });
}

/** The minute sweep's safety net: every temporary increase whose end has come and that has not stepped down. */
export async function stepDownsDue(prisma: PrismaClient, now: Date = new Date()): Promise<number> {
  const due = await prisma.changeRequest.findMany({
    where: { status: { in: ['APPROVED', 'APPROVED_IN_PART'] }, steppedDownAt: null, endDate: { lte: new Date(`${londonDate(now)}T00:00:00Z`) } },
    select: { councilId: true, id: true },
  });
  let done = 0;
  for (const r of due) if ((await stepDown(prisma, { councilId: r.councilId, changeRequestId: r.id }, now)).steppedDown) done++;
  return done;
}
