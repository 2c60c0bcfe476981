import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { brokersFor } from '@/lib/brokerage/brokers-for';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, type TNotification, withNotices } from '@/lib/notification/notify';
import { reablementLastDay } from '@/lib/domain/reablement';
import { endAfter } from '@/lib/package/line-dates';
import { londonDate } from '@/lib/time/london';
import { type TReablementOutcome, ZReablementOutcomeSchema } from './reablement-outcome-schema';
import { REABLEMENT_OUTCOME_LABEL } from '@/lib/domain/labels';

export type TReablementOutcomeResult = {
  reference: string;
  endDate: string;
  /** The long-term package this reablement was split from, now carrying on alone. */
  handedBackTo: string | null;
  /** A long-term package is needed and the person has none: start one. */
  startLongTerm: boolean;
};

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Records how a reablement placement ended (review section 5.2.6: up to six weeks, free to the
 * person, then independent, a long-term package, or something else) and ends it: its service
 * lines and placement end on the last day (the end of the six weeks unless another day is
 * given), and the package is ENDED. When the package was split from a long-term package, the
 * hand-back is recorded (handedBackAt) and that package's provider and broker are told that
 * reablement has finished and the long-term package carries on.
 */
export async function recordReablementOutcome(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TReablementOutcome,
  now: Date = new Date(),
): Promise<TReablementOutcomeResult> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZReablementOutcomeSchema, input);
  const { packageId, outcome, note } = parsed;
  return withNotices(prisma, async (tx) => {
    const pkg = await tx.package.findFirst({
      where: { councilId, id: packageId, pathway: 'REABLEMENT' },
      select: {
        reference: true,
        status: true,
        placedAt: true,
        reablementEndsOn: true,
        reablementOutcome: true,
        splitFromId: true,
        personId: true,
        locality: { select: { name: true } },
      },
    });
    if (!pkg) throw new AppError('NOT_FOUND', 'That reablement package could not be found.');
    if (pkg.reablementOutcome) throw new AppError('CONFLICT', 'The outcome of this reablement has already been recorded.');
    if (pkg.status === 'IN_HOSPITAL') throw new AppError('CONFLICT', 'The person is in hospital: record their return home first.');
    if (pkg.status !== 'PLACED' || !pkg.placedAt)
      throw new AppError('CONFLICT', 'Only reablement that has started (a placed package) can end with an outcome.');

    const firstDay = londonDate(pkg.placedAt);
    const lastAllowed = reablementLastDay({ reablementEndsOn: pkg.reablementEndsOn, placedAt: pkg.placedAt });
    const endDate = parsed.endDate ?? lastAllowed;
    if (endDate < firstDay) throw new AppError('VALIDATION', undefined, { endDate: [`The last day must be on or after ${firstDay}, when reablement started`] });
    if (endDate > lastAllowed)
      throw new AppError('VALIDATION', undefined, { endDate: [`Reablement runs up to six weeks: the last day can be no later than ${lastAllowed}`] });
    // Lines, placement and package end on the first day without care (lib/package/line-dates.ts).
    const end = endAfter(date(endDate));
    const later = await tx.serviceLine.findFirst({
      where: { councilId, packageId, startDate: { gte: end } },
      orderBy: { startDate: 'desc' },
      select: { startDate: true },
    });
    if (later)
      throw new AppError('VALIDATION', undefined, { endDate: [`A reablement line starts on ${isoDay(later.startDate)}: the last day must be on or after it`] });

    // One conditional statement decides: a second outcome for the same package matches nothing.
    const ended = await tx.package.updateMany({
      where: { councilId, id: packageId, status: 'PLACED', reablementOutcome: null },
      data: {
        status: 'ENDED',
        endedAt: end,
        version: { increment: 1 },
        reablementOutcome: outcome,
        reablementOutcomeNote: note ?? null,
        outcomeRecordedAt: now,
        handedBackAt: pkg.splitFromId ? now : null,
      },
    });
    if (ended.count === 0) throw new AppError('CONFLICT', 'Someone else recorded the outcome of this reablement first.');
    const lines = await tx.serviceLine.updateMany({
      where: { councilId, packageId, OR: [{ endDate: null }, { endDate: { gt: end } }] },
      data: { endDate: end },
    });
    const placements = await tx.placement.updateManyAndReturn({
      where: { councilId, packageId, endedAt: null },
      data: { endedAt: end, endReason: `Reablement ended: ${REABLEMENT_OUTCOME_LABEL[outcome].toLowerCase()}` },
      select: { providerId: true },
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'package.reablement-outcome',
      entityType: 'Package',
      entityId: packageId,
      details: { outcome, endDate, linesEnded: lines.count },
    });
    await recordAudit(tx, actor, { councilId, action: 'package.ended', entityType: 'Package', entityId: packageId, details: { endDate } });

    const notifications: TNotification[] = placements.map((p) => ({
      councilId,
      recipient: { providerId: p.providerId },
      kind: 'PACKAGE_ENDED',
      title: `${pkg.reference}: reablement ends on ${endDate}`,
      body: `The council's duty team has recorded the end of reablement for package ${pkg.reference}. The last day of care is ${endDate}.`,
      link: '/provider/placements',
    }));

    let handedBackTo: string | null = null;
    if (pkg.splitFromId) {
      const original = await tx.package.findFirst({
        where: { councilId, id: pkg.splitFromId },
        select: {
          id: true,
          reference: true,
          pathway: true,
          createdById: true,
          councilId: true,
          placements: { where: { endedAt: null }, select: { providerId: true, provider: { select: { name: true } } } },
        },
      });
      if (original) {
        handedBackTo = original.reference;
        const provider = original.placements[0]?.provider.name ?? null;
        await recordAudit(tx, actor, {
          councilId,
          action: 'package.reablement-handed-back',
          entityType: 'Package',
          entityId: original.id,
          details: { reablementPackageId: packageId, reablementReference: pkg.reference, outcome, endDate },
        });
        notifications.push(
          ...original.placements.map((p): TNotification => ({
            councilId,
            recipient: { providerId: p.providerId },
            kind: 'PACKAGE_CHANGED',
            title: `Reablement alongside ${original.reference} has ended`,
            body: `Short-term reablement alongside your package ${original.reference} ends on ${endDate}. Your package carries on as assessed.`,
            link: '/provider/placements',
          })),
          ...(await brokersFor(tx, original)).map((userId): TNotification => ({
            councilId,
            recipient: { userId },
            kind: 'PACKAGE_CHANGED',
            title: `Reablement for ${original.reference} has ended`,
            body: `Reablement package ${pkg.reference} ends on ${endDate} (${REABLEMENT_OUTCOME_LABEL[outcome].toLowerCase()}). ${original.reference} carries on${provider ? ` with ${provider}` : ''}.`,
            link: `/packages/${original.reference}`,
          })),
        );
      }
    }
    await notify(tx, notifications);

    const longTerm =
      outcome === 'LONG_TERM_NEEDED'
        ? await tx.package.count({ where: { councilId, personId: pkg.personId, pathway: 'LONG_TERM', status: { notIn: ['ENDED', 'CANCELLED'] } } })
        : 0;
    return { reference: pkg.reference, endDate, handedBackTo, startLongTerm: outcome === 'LONG_TERM_NEEDED' && longTerm === 0 };
  });
}
