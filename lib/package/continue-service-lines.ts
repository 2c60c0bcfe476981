import 'server-only';
import type { Prisma } from '@prisma/client';

/** Who takes a package's care on: another provider under a contract at its rate, or nobody yet (null). */
export type TLinesTakenBy = { providerId: string; contractId: string; hourlyRate: number } | null;

/**
 * From `effective` on, a package's service lines (only `from`'s when given) pass to `to`: a line
 * in force before that day ends on it and continues from it as a new version (`supersedesId`); one
 * starting on or after it just changes hands. Lines that end by that day are left as they are (a
 * line counts on day d when startDate <= d < endDate). A provider's failure, a hand-back from
 * hospital and a re-tender's move all hand care on this way; each calls this inside its own
 * audited transaction.
 */
export async function continueServiceLines(
  tx: Prisma.TransactionClient,
  input: { councilId: string; packageId: string; from?: string; to: TLinesTakenBy; effective: Date },
): Promise<void> {
  const { councilId, packageId, from, effective } = input;
  const to = input.to ?? { providerId: null, contractId: null, hourlyRate: null };
  const open = await tx.serviceLine.findMany({
    where: { councilId, packageId, ...(from ? { providerId: from } : {}), OR: [{ endDate: null }, { endDate: { gt: effective } }] },
  });
  for (const line of open) {
    if (line.startDate >= effective) {
      await tx.serviceLine.update({ where: { councilId_id: { councilId, id: line.id } }, data: to });
      continue;
    }
    await tx.serviceLine.update({ where: { councilId_id: { councilId, id: line.id } }, data: { endDate: effective } });
    await tx.serviceLine.create({
      data: {
        councilId,
        packageId,
        type: line.type,
        hoursPerWeek: line.hoursPerWeek,
        doubleHanded: line.doubleHanded,
        startDate: effective,
        endDate: line.endDate,
        supersedesId: line.id,
        ...(input.to ?? {}),
      },
    });
  }
}
