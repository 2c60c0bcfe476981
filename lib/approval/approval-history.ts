import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * One line of a package's approval history, written in the transaction of the decision (which
 * audits it): approved, approved in part, referred to a higher limit, refused or held.
 */
export async function recordApprovalDecision(
  tx: Prisma.TransactionClient,
  r: {
    councilId: string;
    packageId: string;
    changeRequestId: string | null;
    decision: string;
    yearlyCost: number;
    limit: number | null;
    actor: { userId: string };
    note?: string;
    now: Date;
  },
): Promise<void> {
  await tx.approvalDecision.create({
    data: {
      councilId: r.councilId,
      packageId: r.packageId,
      changeRequestId: r.changeRequestId,
      decision: r.decision,
      yearlyCost: r.yearlyCost,
      approverLimit: r.limit,
      decidedById: r.actor.userId,
      note: r.note || null,
      at: r.now,
    },
  });
}

export type TApprovalHistoryRow = {
  id: string;
  at: Date;
  decision: string;
  yearlyCost: number;
  approverLimit: number | null;
  decidedBy: string | null;
  note: string | null;
  changeRequestId: string | null;
};

/** A package's approval history, oldest first, with who decided. */
export async function listApprovalHistory(db: Db, councilId: string, packageId: string): Promise<TApprovalHistoryRow[]> {
  const rows = await db.$queryRaw<
    (Omit<TApprovalHistoryRow, 'yearlyCost' | 'approverLimit'> & { yearlyCost: Prisma.Decimal; approverLimit: Prisma.Decimal | null })[]
  >`
    SELECT d."id", d."at", d."decision", d."yearlyCost", d."approverLimit", u."name" AS "decidedBy", d."note", d."changeRequestId"
    FROM "ApprovalDecision" d LEFT JOIN "User" u ON u."id" = d."decidedById"
    WHERE d."councilId" = ${councilId}::uuid AND d."packageId" = ${packageId}::uuid
    ORDER BY d."at", d."id"`;
  return rows.map((r) => ({ ...r, yearlyCost: Number(r.yearlyCost), approverLimit: r.approverLimit === null ? null : Number(r.approverLimit) }));
}
