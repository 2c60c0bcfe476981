import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { openRound, type TRoundOutcome } from '@/lib/brokerage/open-round';
import { packageForRound } from '@/lib/brokerage/scenario-from-db';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, withNotices } from '@/lib/notification/notify';
import { continueServiceLines } from './continue-service-lines';

export const ZReturnFromHospitalSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  returnedOn: z.iso.date({ error: 'Enter the day the person came home, like 2026-12-15' }),
  /** RESUMED: the provider takes the person back. HANDED_BACK: it does not, so the package is brokered again. */
  outcome: z.enum(['RESUMED', 'HANDED_BACK'], { error: 'Choose whether the provider is taking the person back' }),
});

export type TReturnFromHospital = z.input<typeof ZReturnFromHospitalSchema>;

/**
 * The person comes home from hospital. Either the provider resumes the package, or it hands it
 * back (review problem 9): then its placement and its service lines end on the day the person
 * came home (their last day of care is the day before), the lines continue unassigned from that
 * day, and the package goes out again from the first tier of the cascade as a new version,
 * without asking the provider that handed it back.
 */
export async function returnFromHospital(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TReturnFromHospital,
  now: Date = new Date(),
): Promise<{ outcome: 'RESUMED' | 'HANDED_BACK'; reoffered: TRoundOutcome | null }> {
  const { councilId } = actor;
  const { packageId, returnedOn, outcome } = parseOrThrow(ZReturnFromHospitalSchema, input);
  const returned = new Date(`${returnedOn}T00:00:00Z`);
  return withNotices(
    prisma,
    async (tx) => {
      const { count } = await tx.package.updateMany({
        where: { councilId, id: packageId, status: 'IN_HOSPITAL' },
        data: outcome === 'RESUMED' ? { status: 'PLACED', updatedAt: now } : { status: 'OFFERING', version: { increment: 1 }, updatedAt: now },
      });
      if (count === 0) {
        const exists = await tx.package.findFirst({ where: { councilId, id: packageId }, select: { id: true } });
        throw exists ? new AppError('CONFLICT', 'This person is not recorded as in hospital.') : new AppError('NOT_FOUND', 'That package could not be found.');
      }
      const stays = await tx.hospitalStay.updateManyAndReturn({
        where: { councilId, packageId, returnedOn: null, admittedOn: { lte: returned } },
        data: { returnedOn: returned, outcome },
        select: { id: true, providerId: true, placementId: true, retainerUntil: true },
      });
      const stay = stays[0];
      if (!stay) throw new AppError('VALIDATION', undefined, { returnedOn: ['The day the person came home must be on or after the day they went in'] });
      await recordAudit(tx, actor, {
        councilId,
        action: outcome === 'RESUMED' ? 'package.resumed-after-hospital' : 'package.handed-back',
        entityType: 'Package',
        entityId: packageId,
        details: { stayId: stay.id, returnedOn, providerId: stay.providerId, retainerUntil: stay.retainerUntil.toISOString().slice(0, 10) },
      });
      if (outcome === 'RESUMED') return { outcome, reoffered: null };

      await tx.placement.updateMany({ where: { councilId, id: stay.placementId, endedAt: null }, data: { endedAt: returned, endReason: 'HANDED_BACK' } });
      await continueServiceLines(tx, { councilId, packageId, to: null, effective: returned });
      const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
      await notify(tx, [
        {
          councilId,
          recipient: { providerId: stay.providerId },
          kind: 'PACKAGE_ENDED',
          title: `${pkg.reference} handed back`,
          body: `You have handed back package ${pkg.reference}. Your placement ended on ${returnedOn}.`,
          link: '/provider/placements',
        },
      ]);
      const reoffered = await openRound(tx, pkg, pkg.offerRound + 1, { kind: 'NONE' }, now, [stay.providerId]);
      return { outcome, reoffered };
    },
    { timeout: 30_000 },
  );
}
