import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import {
  fundingArrangement,
  icbShareOf,
  reablementCharging,
  weeklySplit,
  type TFunding,
  type TFundedLine,
  type TFundingArrangement,
  type TFundingPackage,
  type TReablementCharging,
} from '@/lib/domain/funding';
import { AppError } from '@/lib/errors/app-error';
import { londonDate } from '@/lib/time/london';

export type TPackageFunding = {
  arrangement: TFundingArrangement;
  /** The ICB's share of the package in percent (0 to 100). */
  icbShare: number;
  /** Whether the cost is split in a stated share (beside Section 117, which is also the council's or the ICB's). */
  split: boolean;
  s117Aftercare: boolean;
  clientContributionWeekly: number | null;
  financialAssessmentOn: string | null;
  reablementReviewedOn: string | null;
  /** This week's care as placed now: who pays what. */
  week: { council: number; icb: number; person: number; total: number };
  /** A reablement package's week today and whether it is chargeable, with the review flag. */
  reablement: TReablementCharging | null;
};

const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
const numberOrNull = (d: Prisma.Decimal | null) => (d === null ? null : Number(d));

/** A package's row as the who-pays rules take it (lib/domain/funding.ts): decimals as numbers, days as YYYY-MM-DD. */
export function fundingFactsOf(pkg: {
  funding: TFunding;
  pathway: string;
  icbSharePercent: Prisma.Decimal | null;
  s117Aftercare: boolean;
  clientContributionWeekly: Prisma.Decimal | null;
  reablementReviewedOn: Date | null;
}): TFundingPackage {
  return {
    funding: pkg.funding,
    pathway: pkg.pathway,
    icbSharePercent: numberOrNull(pkg.icbSharePercent),
    s117Aftercare: pkg.s117Aftercare,
    clientContributionWeekly: numberOrNull(pkg.clientContributionWeekly),
    reablementReviewedOn: iso(pkg.reablementReviewedOn),
  };
}

/** A placed service line's row as the who-pays rules take it. */
export function fundedLineOf(l: { hoursPerWeek: Prisma.Decimal; hourlyRate: Prisma.Decimal | null; icbSharePercent: Prisma.Decimal | null }): TFundedLine {
  return { hoursPerWeek: Number(l.hoursPerWeek), hourlyRate: Number(l.hourlyRate), icbSharePercent: numberOrNull(l.icbSharePercent) };
}

/** Who pays for a package, for its page: the arrangement, and this week's split by the lines in force today. */
export async function getPackageFunding(db: PrismaClient, actor: TCouncilActor, packageId: string, now: Date = new Date()): Promise<TPackageFunding> {
  const { councilId } = actor;
  const today = londonDate(now);
  const day = new Date(`${today}T00:00:00Z`);
  const [pkg, lines] = await Promise.all([
    db.package.findFirst({
      where: { councilId, id: packageId },
      select: {
        funding: true,
        pathway: true,
        icbSharePercent: true,
        s117Aftercare: true,
        clientContributionWeekly: true,
        financialAssessmentOn: true,
        reablementReviewedOn: true,
      },
    }),
    db.serviceLine.findMany({
      where: { councilId, packageId },
      select: { startDate: true, endDate: true, hoursPerWeek: true, hourlyRate: true, icbSharePercent: true },
    }),
  ]);
  if (!pkg) throw new AppError('NOT_FOUND', 'That package could not be found.');
  const p = fundingFactsOf(pkg);
  const careStart = lines.length ? iso(new Date(Math.min(...lines.map((l) => l.startDate.getTime())))) : null;
  const inForce = lines.filter((l) => l.hourlyRate !== null && l.startDate <= day && (l.endDate === null || l.endDate > day));
  const { reviewOverdue: _flag, ...week } = weeklySplit(p, inForce.map(fundedLineOf), today, careStart);
  return {
    arrangement: fundingArrangement(p),
    icbShare: icbShareOf(p),
    split: p.icbSharePercent !== null,
    s117Aftercare: p.s117Aftercare,
    clientContributionWeekly: p.clientContributionWeekly,
    financialAssessmentOn: iso(pkg.financialAssessmentOn),
    reablementReviewedOn: p.reablementReviewedOn,
    week,
    reablement: pkg.pathway === 'REABLEMENT' && careStart ? reablementCharging(careStart, p.reablementReviewedOn, today) : null,
  };
}
