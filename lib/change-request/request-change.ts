import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TProviderActor } from '@/lib/auth/permissions';
import { isBackdated } from '@/lib/domain/approval';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, withNotices } from '@/lib/notification/notify';
import { formatDay, londonDate } from '@/lib/time/london';
import { ZChangeRequestSchema, type TChangeRequestInput } from './change-request-schema';
import { impliedLines, weeklyCostChange } from './change-cost';
import { currentCare, OPEN_REQUEST_STATUSES, sameCare } from './current-care';

export type TRequestChangeResult = { id: string; weeklyCostChange: number };

/**
 * A placed provider asks for more or less care on one of its packages, with a reason and the day it
 * should start: that day or later, never before the day it asks. The request is time-stamped and
 * waits in the brokers' queue; nothing changes until it is approved. One request at a time per package.
 */
export async function requestChange(
  prisma: PrismaClient,
  actor: TProviderActor & { tokenId?: string },
  input: TChangeRequestInput,
  now: Date = new Date(),
): Promise<TRequestChangeResult> {
  const request = parseOrThrow(ZChangeRequestSchema, input);
  if (isBackdated(request.startDate, now))
    throw new AppError('VALIDATION', 'A change cannot start before the day it is asked for.', {
      startDate: [`Enter today (${formatDay(londonDate(now))}) or a later day: a change cannot be backdated`],
    });
  return withNotices(prisma, async (tx) => {
    const placement = await tx.placement.findFirst({
      where: { providerId: actor.providerId, endedAt: null, package: { reference: request.reference, status: { in: ['PLACED', 'IN_HOSPITAL'] } } },
      select: { councilId: true, packageId: true, package: { select: { reference: true, createdById: true } } },
    });
    if (!placement)
      throw new AppError('NOT_FOUND', 'That package is not one placed with you.', { reference: ['Enter the reference of a package placed with you'] });
    const { councilId, packageId } = placement;
    // One request at a time: a second waits until the first is decided (row lock on the package).
    await tx.$queryRaw`SELECT 1 FROM "Package" WHERE "councilId" = ${councilId}::uuid AND "id" = ${packageId}::uuid FOR UPDATE`;
    const waiting = await tx.changeRequest.count({ where: { councilId, packageId, status: { in: [...OPEN_REQUEST_STATUSES] } } });
    if (waiting > 0) throw new AppError('CONFLICT', 'A change request for this package is already waiting for a decision.');

    const care = await currentCare(tx, councilId, packageId, actor.providerId, request.startDate);
    const lines = request.serviceLines.length > 0 ? request.serviceLines : impliedLines(care.lines, care.visits, request.visits);
    if (sameCare(care, request.visits, lines))
      throw new AppError('VALIDATION', 'The request asks for the care the package already has.', {
        visits: ['Change a visit or the hours you are asking for'],
      });
    const weekly = weeklyCostChange(care.lines, lines, care.rate);

    const row = await tx.changeRequest.create({
      data: {
        councilId,
        packageId,
        providerId: actor.providerId,
        requestedById: actor.tokenId ? null : actor.userId,
        requestedByTokenId: actor.tokenId ?? null,
        requestedAt: now,
        startDate: new Date(`${request.startDate}T00:00:00Z`),
        reason: request.reason,
        visits: request.visits as Prisma.InputJsonValue,
        serviceLines: lines as Prisma.InputJsonValue,
        previousVisits: care.visits as Prisma.InputJsonValue,
        previousLines: care.lines as Prisma.InputJsonValue,
        weeklyCostChange: weekly,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'change-request.made',
      entityType: 'ChangeRequest',
      entityId: row.id,
      details: { packageId, startDate: request.startDate, weeklyCostChange: weekly },
    });
    if (placement.package.createdById) {
      await notify(tx, [
        {
          councilId,
          recipient: { userId: placement.package.createdById },
          kind: 'CHANGE_REQUESTED',
          title: `${placement.package.reference}: the provider asks for a change`,
          body: `The provider asks to ${weekly >= 0 ? 'increase' : 'reduce'} the care from ${formatDay(request.startDate)}: ${request.reason}`,
          link: '/packages/change-requests',
        },
      ]);
    }
    return { id: row.id, weeklyCostChange: weekly };
  });
}
