import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, withNotices } from '@/lib/notification/notify';
import { endAfter } from './line-dates';
import { LIVE_STATUSES, statusIn } from '@/lib/domain/package-status';

export const ZEndServiceLineSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  serviceLineId: z.uuid({ error: 'Choose the service line to end' }),
  /** The last day the service is delivered. */
  endDate: z.iso.date({ error: 'Enter the last day of the service, like 2026-12-31' }),
  reason: z.string().trim().max(1000, { error: 'The reason must be 1,000 characters or fewer' }).optional(),
});

export type TEndServiceLine = z.input<typeof ZEndServiceLineSchema>;

/**
 * Ends a service line on its last day, so commissioned hours stop counting (review problem 5:
 * lines left open inflate the hours). A line can be ended earlier than planned, never before it
 * started. When the package has no line left running after that day, the package and its
 * placement end with it and the provider is told.
 */
export async function endServiceLine(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TEndServiceLine,
  now: Date = new Date(),
): Promise<{ packageEnded: boolean }> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZEndServiceLineSchema, input);
  const { packageId, serviceLineId, reason } = parsed;
  const lastDay = new Date(`${parsed.endDate}T00:00:00Z`);
  // Stored as the first day without care (line-dates.ts); the package and placement end then too.
  const endDate = endAfter(lastDay);
  return withNotices(prisma, async (tx) => {
    // The package row first (the order acceptance and changes use), so an end and a change of the
    // same package take turns.
    const locked = await tx.package.updateMany({ where: { councilId, id: packageId, status: { notIn: ['ENDED', 'CANCELLED'] } }, data: { updatedAt: now } });
    if (locked.count === 0) throw new AppError('NOT_FOUND', 'That package could not be found, or it has already ended.');
    const { count } = await tx.serviceLine.updateMany({
      where: { councilId, id: serviceLineId, packageId, startDate: { lte: lastDay }, OR: [{ endDate: null }, { endDate: { gt: endDate } }] },
      data: { endDate },
    });
    if (count === 0) {
      const line = await tx.serviceLine.findFirst({ where: { councilId, id: serviceLineId, packageId }, select: { startDate: true, endDate: true } });
      if (!line) throw new AppError('NOT_FOUND', 'That service line could not be found.');
      if (line.startDate > lastDay) throw new AppError('VALIDATION', undefined, { endDate: ['The last day must be on or after the day the service started'] });
      throw new AppError('VALIDATION', undefined, { endDate: ['The service already ends on or before that day'] });
    }
    await recordAudit(tx, actor, {
      councilId,
      action: 'service-line.ended',
      entityType: 'ServiceLine',
      entityId: serviceLineId,
      details: { packageId, endDate: parsed.endDate, reason: reason ?? null },
    });

    const stillRunning = await tx.serviceLine.count({ where: { councilId, packageId, OR: [{ endDate: null }, { endDate: { gt: endDate } }] } });
    if (stillRunning > 0) return { packageEnded: false };
    const ended = await tx.package.updateMany({
      where: { councilId, id: packageId, status: statusIn(LIVE_STATUSES) },
      data: { status: 'ENDED', endedAt: endDate, version: { increment: 1 } },
    });
    if (ended.count === 0) return { packageEnded: false };
    const placements = await tx.placement.updateManyAndReturn({
      where: { councilId, packageId, endedAt: null },
      data: { endedAt: endDate, endReason: 'SERVICE_ENDED' },
      select: { providerId: true },
    });
    const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, select: { reference: true } });
    await recordAudit(tx, actor, { councilId, action: 'package.ended', entityType: 'Package', entityId: packageId, details: { endDate: parsed.endDate } });
    await notify(
      tx,
      placements.map((p) => ({
        councilId,
        recipient: { providerId: p.providerId },
        kind: 'PACKAGE_ENDED' as const,
        title: `${pkg.reference} ends on ${parsed.endDate}`,
        body: `The council has ended package ${pkg.reference}. The last day of care is ${parsed.endDate}.`,
        link: '/provider/placements',
      })),
    );
    return { packageEnded: true };
  });
}
