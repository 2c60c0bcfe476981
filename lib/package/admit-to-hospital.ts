import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, withNotices } from '@/lib/notification/notify';

/** Retainers are paid for up to four weeks (the council's home support review, problem 9). */
export const MAX_RETAINER_DAYS = 28;

export const ZAdmitToHospitalSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  admittedOn: z.iso.date({ error: 'Enter the day the person went into hospital, like 2026-12-01' }),
  retainerDays: z
    .number({ error: 'Enter the number of days of retainer' })
    .int({ error: 'Enter the number of days of retainer as a whole number' })
    .min(1, { error: 'A retainer lasts at least 1 day' })
    .max(MAX_RETAINER_DAYS, { error: `A retainer lasts at most ${MAX_RETAINER_DAYS} days` })
    .default(MAX_RETAINER_DAYS),
});

export type TAdmitToHospital = z.input<typeof ZAdmitToHospitalSchema>;

/**
 * A placed person goes into hospital: the package is held for its provider on a retainer, paid
 * until `retainerUntil`. The stay stays open until the person comes home (returnFromHospital).
 */
export async function admitToHospital(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TAdmitToHospital,
  now: Date = new Date(),
): Promise<{ stayId: string; retainerUntil: string }> {
  const { councilId } = actor;
  const { packageId, admittedOn, retainerDays } = parseOrThrow(ZAdmitToHospitalSchema, input);
  const admitted = new Date(`${admittedOn}T00:00:00Z`);
  const retainerUntil = new Date(admitted.getTime() + (retainerDays - 1) * 86_400_000);
  return withNotices(prisma, async (tx) => {
    const { count } = await tx.package.updateMany({ where: { councilId, id: packageId, status: 'PLACED' }, data: { status: 'IN_HOSPITAL', updatedAt: now } });
    if (count === 0) {
      const current = await tx.package.findFirst({ where: { councilId, id: packageId }, select: { status: true } });
      if (!current) throw new AppError('NOT_FOUND', 'That package could not be found.');
      if (current.status === 'IN_HOSPITAL') throw new AppError('CONFLICT', 'This person is already recorded as in hospital.');
      throw new AppError('CONFLICT', 'Only a placed package can be held on a retainer.');
    }
    const placement = await tx.placement.findFirst({ where: { councilId, packageId, endedAt: null }, select: { id: true, providerId: true } });
    if (!placement) throw new AppError('CONFLICT', 'This package has no provider to hold it.');
    const stay = await tx.hospitalStay.create({
      data: { councilId, packageId, placementId: placement.id, providerId: placement.providerId, admittedOn: admitted, retainerUntil },
      select: { id: true },
    });
    const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, select: { reference: true } });
    const until = retainerUntil.toISOString().slice(0, 10);
    await recordAudit(tx, actor, {
      councilId,
      action: 'package.admitted-to-hospital',
      entityType: 'Package',
      entityId: packageId,
      details: { stayId: stay.id, admittedOn, retainerUntil: until },
    });
    await notify(tx, [
      {
        councilId,
        recipient: { providerId: placement.providerId },
        kind: 'PACKAGE_CHANGED',
        title: `${pkg.reference} is on a hospital retainer`,
        body: `The person on package ${pkg.reference} went into hospital on ${admittedOn}. The council pays a retainer to hold the package until ${until}.`,
        link: '/provider/placements',
      },
    ]);
    return { stayId: stay.id, retainerUntil: until };
  });
}
