import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { chargingIssues, ZClientContributionSchema, ZFinancialAssessmentDaySchema, ZIcbSharePercentSchema } from '@/lib/domain/funding';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';

// Who pays for a package (lib/domain/funding.ts): the council, the ICB, or both in a stated share;
// Section 117 aftercare; the person's contribution a week from their financial assessment; and,
// for reablement, the day its review was held.

const optionalDay = (what: string) => z.iso.date({ error: `Enter ${what} as a date, like 2026-12-01` }).nullable();

export const ZSetFundingSchema = z
  .object({
    packageId: z.uuid({ error: 'Choose a package' }),
    arrangement: z.enum(['COUNCIL', 'ICB', 'SPLIT'], { error: 'Choose who pays: the council, the ICB or both' }),
    /** A split: the ICB's share in percent, more than 0 and less than 100. */
    icbSharePercent: ZIcbSharePercentSchema.nullable().default(null),
    s117Aftercare: z.boolean({ error: 'Say whether this is Section 117 aftercare' }).default(false),
    clientContributionWeekly: ZClientContributionSchema.nullable().default(null),
    financialAssessmentOn: ZFinancialAssessmentDaySchema.nullable().default(null),
    reablementReviewedOn: optionalDay('the day of the review').default(null),
  })
  .superRefine((f, ctx) => {
    if (f.arrangement === 'SPLIT' && f.icbSharePercent === null)
      ctx.addIssue({ code: 'custom', path: ['icbSharePercent'], message: "Enter the ICB's share of the cost as a percentage" });
    for (const issue of chargingIssues(f)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type TSetFunding = z.input<typeof ZSetFundingSchema>;

/** A broker or BEST records who pays for a package; audited with what it was before. */
export async function setFunding(prisma: PrismaClient, actor: TCouncilActor, input: TSetFunding): Promise<void> {
  const { councilId } = actor;
  const f = parseOrThrow(ZSetFundingSchema, input);
  await prisma.$transaction(async (tx) => {
    const before = await tx.package.findFirst({
      where: { councilId, id: f.packageId },
      select: {
        status: true,
        pathway: true,
        funding: true,
        icbSharePercent: true,
        s117Aftercare: true,
        clientContributionWeekly: true,
        financialAssessmentOn: true,
        reablementReviewedOn: true,
      },
    });
    if (!before) throw new AppError('NOT_FOUND', 'That package could not be found.');
    if (before.status === 'ENDED' || before.status === 'CANCELLED') throw new AppError('CONFLICT', 'This package has ended or was cancelled.');
    if (f.reablementReviewedOn !== null && before.pathway !== 'REABLEMENT')
      throw new AppError('VALIDATION', 'Only a reablement package has a review that decides charging.', {
        reablementReviewedOn: ['Leave the review date empty: this is not a reablement package'],
      });
    const after = {
      // A split keeps the lead funder the placement rules read; all-council or all-ICB sets it.
      funding: f.arrangement === 'SPLIT' ? before.funding : f.arrangement,
      icbSharePercent: f.arrangement === 'SPLIT' ? f.icbSharePercent : null,
      s117Aftercare: f.s117Aftercare,
      clientContributionWeekly: f.s117Aftercare ? null : f.clientContributionWeekly,
      financialAssessmentOn: f.financialAssessmentOn ? new Date(`${f.financialAssessmentOn}T00:00:00Z`) : null,
      reablementReviewedOn: f.reablementReviewedOn ? new Date(`${f.reablementReviewedOn}T00:00:00Z`) : null,
    };
    await tx.package.update({ where: { councilId_id: { councilId, id: f.packageId } }, data: after });
    const plain = (v: typeof before | typeof after) => ({
      funding: v.funding,
      icbSharePercent: v.icbSharePercent === null ? null : Number(v.icbSharePercent),
      s117Aftercare: v.s117Aftercare,
      clientContributionWeekly: v.clientContributionWeekly === null ? null : Number(v.clientContributionWeekly),
      financialAssessmentOn: v.financialAssessmentOn?.toISOString().slice(0, 10) ?? null,
      reablementReviewedOn: v.reablementReviewedOn?.toISOString().slice(0, 10) ?? null,
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'package.funding-set',
      entityType: 'Package',
      entityId: f.packageId,
      details: { before: plain(before), after: plain(after) },
    });
  });
}
