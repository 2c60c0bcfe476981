import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { notify, type TNoticeTx } from '@/lib/notification/notify';

type Db = PrismaClient | Prisma.TransactionClient;

/** A council user's approval limit in pounds a year, or null when they may approve nothing. */
export async function approvalLimitOf(db: Db, councilId: string, userId: string): Promise<number | null> {
  const row = await db.approvalLimit.findUnique({ where: { councilId_userId: { councilId, userId } }, select: { yearlyLimit: true } });
  return row ? Number(row.yearlyLimit) : null;
}

/** The council's active users whose limit covers `cost` a year, lowest limit first. */
export async function approversFor(db: Db, councilId: string, cost: number): Promise<{ userId: string; name: string; yearlyLimit: number }[]> {
  const rows = await db.$queryRaw<{ userId: string; name: string; yearlyLimit: Prisma.Decimal }[]>`
    SELECT a."userId", u."name", a."yearlyLimit" FROM "ApprovalLimit" a JOIN "User" u ON u."id" = a."userId" AND u."councilId" = a."councilId"
    WHERE a."councilId" = ${councilId}::uuid AND a."yearlyLimit" >= ${cost} AND u."disabledAt" IS NULL AND u."role" IN ('BROKER', 'BEST')
    ORDER BY a."yearlyLimit", u."name"`;
  return rows.map((r) => ({ ...r, yearlyLimit: Number(r.yearlyLimit) }));
}

/** The council's rules for approving new packages before they are posted. */
export async function newPackageRules(db: Db, councilId: string): Promise<{ required: boolean; threshold: number | null }> {
  const row = await db.councilSetting.findUnique({ where: { councilId }, select: { newPackageApproval: true, newPackageApprovalThreshold: true } });
  return { required: row?.newPackageApproval ?? false, threshold: row?.newPackageApprovalThreshold == null ? null : Number(row.newPackageApprovalThreshold) };
}

/**
 * Passes a request above `fromLimit` on to the approvers whose limit covers it: the next limit up
 * first (those with exactly the lowest covering limit). Returns how many were told.
 */
export async function referUpwards(
  tx: TNoticeTx,
  councilId: string,
  cost: number,
  notice: { title: string; body: string; link: string },
): Promise<{ userId: string; name: string; yearlyLimit: number }[]> {
  const approvers = await approversFor(tx, councilId, cost);
  const next = approvers.filter((a) => a.yearlyLimit === approvers[0]?.yearlyLimit);
  await notify(
    tx,
    next.map((a) => ({ councilId, recipient: { userId: a.userId }, kind: 'APPROVAL_NEEDED' as const, ...notice })),
  );
  return next;
}

/** The council's active brokers and BEST users with their approval limits (null: none), by name, for the admins' page. */
export async function listApprovalLimits(
  db: Db,
  councilId: string,
): Promise<{ userId: string; name: string; email: string; role: string; yearlyLimit: number | null }[]> {
  const users = await db.user.findMany({
    where: { councilId, role: { in: ['BROKER', 'BEST'] }, disabledAt: null },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true, role: true },
  });
  const limits = await db.approvalLimit.findMany({ where: { councilId, userId: { in: users.map((u) => u.id) } }, select: { userId: true, yearlyLimit: true } });
  const limitOf = new Map(limits.map((l) => [l.userId, Number(l.yearlyLimit)]));
  return users.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: u.role, yearlyLimit: limitOf.get(u.id) ?? null }));
}
