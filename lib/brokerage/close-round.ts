import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { withNotices } from '@/lib/notification/notify';
import { openRound, type TPreviousRound, type TRoundOutcome } from './open-round';
import { packageForRound } from './scenario-from-db';
import { OFFERING_STATUSES, statusListSql } from '@/lib/domain/package-status';

export type TCloseRoundInput = { councilId: string; packageId: string; round: number };

export type TCloseRoundResult = { closed: false } | { closed: true; expired: number; next: TRoundOutcome };

/**
 * Closes one round of a package's offers once it is due (`roundDueSql`): its deadline has passed,
 * or no offer in it is still open (every provider declined). Open offers of the round expire and
 * the next round opens: the next tier of the cascade, then the open market, then nobody (the broker
 * is alerted).
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
      const claimed = await tx.$executeRaw`
      UPDATE "Package" p SET "roundDeadline" = NULL, "updatedAt" = ${now}
      WHERE p."councilId" = ${councilId}::uuid AND p."id" = ${packageId}::uuid AND p."offerRound" = ${round}
        AND p."status" IN ${Prisma.raw(statusListSql(OFFERING_STATUSES))} AND ${roundDueSql(now)}`;
      if (claimed === 0) return { closed: false };

      const expired = await tx.offer.updateMany({
        where: { councilId, packageId, round, status: 'OFFERED' },
        data: { status: 'EXPIRED' },
      });
      const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
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

/**
 * SQL: the round package `p` is on is due at `now`. It is due at its deadline (the package's, or
 * for packages posted before deadlines were kept on the package, the latest of its open offers'),
 * and as soon as no offer in it is open: every provider declined or was withdrawn, or rows written
 * outside the brokerage loop (imports, the demo seed) left a round with every offer answered and no
 * deadline, which nothing else would ever close. The one round without an open offer that is not
 * due is the open market's round that found nobody to ask: it holds no offers at all, the brokers
 * have been told, and it waits for them (an offer by hand, a change, an uplift).
 */
function roundDueSql(now: Date): Prisma.Sql {
  const ofRound = Prisma.sql`FROM "Offer" o WHERE o."councilId" = p."councilId" AND o."packageId" = p."id" AND o."round" = p."offerRound"`;
  return Prisma.sql`(
    COALESCE(p."roundDeadline", (SELECT max(o."deadline") ${ofRound} AND o."status" = 'OFFERED')) <= ${now}
    OR (NOT EXISTS (SELECT 1 ${ofRound} AND o."status" = 'OFFERED')
      AND (p."roundDeadline" IS NOT NULL OR p."status" = 'OFFERING' OR EXISTS (SELECT 1 ${ofRound}))))`;
}

/** Rounds that are due now, oldest deadline first: for the worker's start-up and its safety net. */
export async function listDueRounds(prisma: PrismaClient, now: Date, limit = 500): Promise<TCloseRoundInput[]> {
  return prisma.$queryRaw<TCloseRoundInput[]>`
    SELECT p."councilId", p."id" AS "packageId", p."offerRound" AS "round"
    FROM "Package" p
    WHERE p."status" IN ${Prisma.raw(statusListSql(OFFERING_STATUSES))} AND ${roundDueSql(now)}
    ORDER BY COALESCE(p."roundDeadline", (
      SELECT max(o."deadline") FROM "Offer" o
      WHERE o."councilId" = p."councilId" AND o."packageId" = p."id" AND o."round" = p."offerRound" AND o."status" = 'OFFERED')) NULLS FIRST, p."id"
    LIMIT ${limit}`;
}
