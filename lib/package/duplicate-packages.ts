import 'server-only';
import { Prisma, type ServiceType } from '@prisma/client';
import { AppError } from '@/lib/errors/app-error';
import { formatDay } from '@/lib/time/london';
import { lastDayBefore } from './line-dates';

// A person with a live package (posted, not ended or cancelled) is not given a second one with a
// line of the same service type over the same days unless the broker says why. The database holds
// the rule (live_package_overlaps and the Package_refuse_duplicate trigger, duplicate_packages
// migration): posting without a reason fails there whatever the caller. This file asks the same
// function first, holding the person's row, so the broker is told which package it is.

type TLine = { type: ServiceType; startDate: Date; endDate: Date | null };

export type TLiveOverlap = { packageId: string; reference: string; type: ServiceType; startDate: Date; endDate: Date | null };

/** The field a broker gives the reason in (the draft's, as the form and the API send it). */
const DUPLICATE_REASON_FIELD = 'draft.duplicateReason';

/** Lines of the person's other live packages that overlap `lines` (same type, a day in common). */
export async function findLiveOverlaps(
  tx: Prisma.TransactionClient,
  councilId: string,
  personId: string,
  excludePackageId: string | null,
  lines: readonly TLine[],
): Promise<TLiveOverlap[]> {
  if (lines.length === 0) return [];
  const types = lines.map((l) => l.type);
  const starts = lines.map((l) => l.startDate.toISOString().slice(0, 10));
  const ends = lines.map((l) => (l.endDate ? l.endDate.toISOString().slice(0, 10) : null));
  return tx.$queryRaw<TLiveOverlap[]>`
    SELECT "packageId", "reference", "type", "startDate", "endDate"
    FROM "live_package_overlaps"(${councilId}::uuid, ${personId}::uuid, ${excludePackageId}::uuid,
      ${types}::"ServiceType"[], ${starts}::date[], ${ends}::date[])`;
}

/** The refusal naming the package already there and the field to give a reason in. */
export function duplicateError(overlaps: readonly TLiveOverlap[]): AppError {
  const first = overlaps[0];
  const until = first.endDate ? `until ${formatDay(lastDayBefore(first.endDate))}` : 'with no end date';
  const text =
    `This person already has live package ${first.reference} with ${first.type.toLowerCase().replace(/_/g, ' ')} from ${formatDay(first.startDate)} ${until}. ` +
    'Give the reason for a second package (for example a reablement split), or change that package instead.';
  return new AppError('VALIDATION', text, { [DUPLICATE_REASON_FIELD]: [text] });
}

/**
 * Before posting a draft, in the posting transaction: holds the person's row (so two posts for
 * one person run one after the other) and refuses the post when the draft has no reason and
 * overlaps another live package of theirs.
 */
export async function refuseUnexplainedDuplicate(tx: Prisma.TransactionClient, councilId: string, packageId: string): Promise<void> {
  const pkg = await tx.package.findFirst({
    where: { councilId, id: packageId },
    select: { personId: true, duplicateReason: true, serviceLines: { select: { type: true, startDate: true, endDate: true } } },
  });
  if (!pkg) return;
  await tx.$queryRaw`SELECT 1 FROM "Person" WHERE "councilId" = ${councilId}::uuid AND "id" = ${pkg.personId}::uuid FOR UPDATE`;
  if (pkg.duplicateReason?.trim()) return;
  const overlaps = await findLiveOverlaps(tx, councilId, pkg.personId, packageId, pkg.serviceLines);
  if (overlaps.length > 0) throw duplicateError(overlaps);
}
