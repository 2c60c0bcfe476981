import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { withNotices } from '@/lib/notification/notify';
import { openRound, type TPreviousRound, type TRoundOutcome } from './open-round';
import { PACKAGE_FOR_ROUND } from './scenario-from-db';
import { OFFERING_STATUSES, statusListSql } from '@/lib/domain/package-status';

export type TCloseRoundInput = { councilId: string; packageId: string; round: number };

export type TCloseRoundResult = { closed: false } | { closed: true; expired: number; next: TRoundOutcome };

/**
 * Closes one round of a package's offers once it is due: its deadline has passed, or no offer in
 * it is still open (every provider declined). Open offers of the round expire and the next round
 * opens: the next tier of the cascade, then the open market, then nobody (the broker is alerted).
 *
 * Safe to run any number of times, concurrently, and after a crash: the first statement is a
 * conditional UPDATE that only matches while the package is still on this round and the round is
 * due, and it moves the package on to the next round in the same transaction. A second caller
 * either waits for the row and then matches nothing, or finds the round already moved on.
 */
export async function closeRound(prisma: PrismaClient, input: TCloseRoundInput, now: Date = new Date()): Promise<TCloseRoundResult> {
  return withNotices(
    prisma,
    async (tx) => {
      const { councilId, packageId, round } = input;
      // The round is open while it has a deadline, or (packages posted before deadlines were kept on
      // the package) while it still has open offers; it is due at the deadline or when none is open.
      const claimed = await tx.$executeRaw`
      UPDATE "Package" p SET "roundDeadline" = NULL, "updatedAt" = ${now}
      WHERE p."councilId" = ${councilId}::uuid AND p."id" = ${packageId}::uuid AND p."offerRound" = ${round}
        AND p."status" IN ${Prisma.raw(statusListSql(OFFERING_STATUSES))}
        AND (p."roundDeadline" IS NOT NULL OR EXISTS (
          SELECT 1 FROM "Offer" o WHERE o."councilId" = p."councilId" AND o."packageId" = p."id" AND o."round" = p."offerRound" AND o."status" = 'OFFERED'))
        AND (
          COALESCE(p."roundDeadline", (
            SELECT max(o."deadline") FROM "Offer" o
            WHERE o."councilId" = p."councilId" AND o."packageId" = p."id" AND o."round" = p."offerRound" AND o."status" = 'OFFERED')) <= ${now}
          OR NOT EXISTS (
            SELECT 1 FROM "Offer" o WHERE o."councilId" = p."councilId" AND o."packageId" = p."id" AND o."round" = p."offerRound" AND o."status" = 'OFFERED'))`;
      if (claimed === 0) return { closed: false };

      const expired = await tx.offer.updateMany({
        where: { councilId, packageId, round, status: 'OFFERED' },
        data: { status: 'EXPIRED' },
      });
      const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: PACKAGE_FOR_ROUND });
      const tiers = (await tx.offer.findMany({ where: { councilId, packageId, round, tier: { not: null } }, select: { tier: true }, distinct: ['tier'] })).map(
        (t) => t.tier as number,
      );
      // Offers made by hand (a broker's, or a re-placement batch's) carry no tier: a round of only
      // those is followed by the cascade from its first tier, less everyone already asked.
      const previous: TPreviousRound =
        pkg.status === 'OPEN_MARKET' ? { kind: 'OPEN_MARKET' } : tiers.length > 0 ? { kind: 'TIER', tier: Math.max(...tiers) } : { kind: 'NONE' };
      await recordAudit(tx, null, {
        councilId,
        action: 'package.round-closed',
        entityType: 'Package',
        entityId: packageId,
        details: { round, expired: expired.count, previous: previous.kind === 'TIER' ? previous.tier : previous.kind },
      });
      const next = await openRound(tx, pkg, round + 1, previous, now);
      return { closed: true, expired: expired.count, next };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 30_000 },
  );
}

/** Rounds that are due now, oldest deadline first: for the worker's start-up and its safety net. */
export async function listDueRounds(prisma: PrismaClient, now: Date, limit = 500): Promise<TCloseRoundInput[]> {
  return prisma.$queryRaw<TCloseRoundInput[]>`
    SELECT p."councilId", p."id" AS "packageId", p."offerRound" AS "round"
    FROM "Package" p
    LEFT JOIN LATERAL (
      SELECT max(o."deadline") AS deadline, count(*) AS open FROM "Offer" o
      WHERE o."councilId" = p."councilId" AND o."packageId" = p."id" AND o."round" = p."offerRound" AND o."status" = 'OFFERED'
    ) o ON true
    WHERE p."status" IN ${Prisma.raw(statusListSql(OFFERING_STATUSES))}
      AND (p."roundDeadline" IS NOT NULL OR o.open > 0)
      AND (COALESCE(p."roundDeadline", o.deadline) <= ${now} OR o.open = 0)
    ORDER BY COALESCE(p."roundDeadline", o.deadline) NULLS FIRST, p."id"
    LIMIT ${limit}`;
}
