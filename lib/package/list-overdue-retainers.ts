import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { londonDate } from '@/lib/time/london';

/** A retainer ending within this many days of today (London) is listed as ending soon. */
export const RETAINER_WARNING_DAYS = 3;

const DAY = 86_400_000;

export type TOverdueRetainer = {
  stayId: string;
  packageId: string;
  reference: string;
  providerId: string;
  providerName: string;
  /** YYYY-MM-DD */
  admittedOn: string;
  /** The last day the retainer is paid, YYYY-MM-DD. */
  retainerUntil: string;
  /** Whole days since the day of admission, counted in London. */
  daysInHospital: number;
  /** Days from today to the retainer's last day: negative when it is over. */
  daysLeft: number;
};

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * People still in hospital whose provider's retainer is over or ends within three days (review
 * problem 9: retainers run out while nobody looks). Today is the London date; a stay is listed
 * while the package is held for it (IN_HOSPITAL) and the person has not come home, most overdue
 * first.
 */
export async function listOverdueRetainers(
  prisma: PrismaClient,
  actor: TCouncilActor,
  options: { take: number; skip?: number },
  now: Date = new Date(),
): Promise<{ total: number; retainers: TOverdueRetainer[] }> {
  const { councilId } = actor;
  const today = new Date(`${londonDate(now)}T00:00:00Z`);
  const where: Prisma.HospitalStayWhereInput = {
    councilId,
    returnedOn: null,
    retainerUntil: { lte: new Date(today.getTime() + RETAINER_WARNING_DAYS * DAY) },
    package: { status: 'IN_HOSPITAL' },
  };
  const [total, stays] = await Promise.all([
    prisma.hospitalStay.count({ where }),
    options.take === 0
      ? Promise.resolve([])
      : prisma.hospitalStay.findMany({
          where,
          orderBy: [{ retainerUntil: 'asc' }, { admittedOn: 'asc' }, { id: 'asc' }],
          take: options.take,
          skip: options.skip ?? 0,
          select: { id: true, packageId: true, providerId: true, admittedOn: true, retainerUntil: true, package: { select: { reference: true } } },
        }),
  ]);
  const providers = new Map(
    (await prisma.provider.findMany({ where: { id: { in: [...new Set(stays.map((s) => s.providerId))] } }, select: { id: true, name: true } })).map((p) => [
      p.id,
      p.name,
    ]),
  );
  return {
    total,
    retainers: stays.map((s) => ({
      stayId: s.id,
      packageId: s.packageId,
      reference: s.package.reference,
      providerId: s.providerId,
      providerName: providers.get(s.providerId) ?? '',
      admittedOn: iso(s.admittedOn),
      retainerUntil: iso(s.retainerUntil),
      daysInHospital: Math.round((today.getTime() - s.admittedOn.getTime()) / DAY),
      daysLeft: Math.round((s.retainerUntil.getTime() - today.getTime()) / DAY),
    })),
  };
}
