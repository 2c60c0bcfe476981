// Not marked server-only: the council-data import, and so the seed that `npm start` runs, uses it outside a server.
import type { Prisma } from '@prisma/client';
import { AppError } from '@/lib/errors/app-error';
import { planVisitChange, type TVisitShape } from '@/lib/domain/visit-versions';
import { formatDay } from '@/lib/time/london';

export type TVisitChangeCounts = { kept: number; ended: number; added: number };

/**
 * A posted package's visits from `effective` on, in the caller's transaction (whose operation
 * audits the change): the current versions not asked for again end on that day, and the new
 * ones start on it, each naming the visit it continues (planVisitChange). Nothing is deleted.
 */
export async function changeVisits(
  tx: Prisma.TransactionClient,
  councilId: string,
  packageId: string,
  visits: readonly TVisitShape[],
  effective: Date,
): Promise<TVisitChangeCounts> {
  const current = await tx.visit.findMany({
    where: { councilId, packageId, endDate: null },
    select: { id: true, days: true, start: true, minutes: true, carers: true, startDate: true },
    orderBy: [{ start: 'asc' }, { id: 'asc' }],
  });
  const latest = current.reduce<Date | null>((max, v) => (v.startDate && (!max || v.startDate > max) ? v.startDate : max), null);
  if (latest && latest > effective) {
    throw new AppError('VALIDATION', 'The visits already change on a later day.', {
      effectiveDate: [`Enter a date on or after ${formatDay(latest)}, when the visits last change`],
    });
  }
  const plan = planVisitChange(current, visits);
  if (plan.ended.length > 0) await tx.visit.updateMany({ where: { councilId, packageId, id: { in: plan.ended } }, data: { endDate: effective } });
  if (plan.added.length > 0) {
    await tx.visit.createMany({
      data: plan.added.map(({ visit: v, supersedesId }) => ({
        councilId,
        packageId,
        days: [...v.days] as Prisma.VisitCreateManyInput['days'],
        start: v.start,
        minutes: v.minutes,
        carers: v.carers,
        startDate: effective,
        supersedesId,
      })),
    });
  }
  return { kept: plan.kept.length, ended: plan.ended.length, added: plan.added.length };
}
