import 'server-only';
import type { PackageStatus, Prisma } from '@prisma/client';
import { scheduleRoundClose } from '@/lib/jobs/schedule-round-close';

/** One provider's offer, before it has a package, round and deadline. */
export type TOfferDraft = { providerId: string; contractId: string; tier: number | null; rank: number; reasons: string[]; hourlyRate: number };

export type TMadeOffer = { id: string; providerId: string; provider: { name: string } };

/**
 * Makes offers of a package in one round, all due at one deadline, and keeps the round's deadline
 * and its close timer in step, in the caller's transaction. Opening a round (`opens`) moves the
 * package to it, with the deadline and the status given; adding to the open round moves its
 * deadline only when an offer was made and the new deadline is later (or the round had none).
 * With `skipDuplicates`, an offer the round already holds for a provider is not made again.
 */
export async function makeOffers(
  tx: Prisma.TransactionClient,
  pkg: { councilId: string; id: string; version: number; roundDeadline: Date | null },
  input: { round: number; deadline: Date; now: Date; offers: readonly TOfferDraft[]; opens?: { status?: PackageStatus }; skipDuplicates?: boolean },
): Promise<TMadeOffer[]> {
  const { councilId } = pkg;
  const { round, deadline, now } = input;
  const made = await tx.offer.createManyAndReturn({
    data: input.offers.map((o) => ({ councilId, packageId: pkg.id, packageVersion: pkg.version, round, offeredAt: now, deadline, ...o })),
    skipDuplicates: input.skipDuplicates,
    select: { id: true, providerId: true, provider: { select: { name: true } } },
  });
  const where = { councilId_id: { councilId, id: pkg.id } };
  if (input.opens) {
    await tx.package.update({ where, data: { status: input.opens.status, offerRound: round, roundDeadline: deadline, updatedAt: now } });
  } else if (made.length > 0 && (pkg.roundDeadline === null || pkg.roundDeadline < deadline)) {
    // A timer for this round may already exist for the old deadline; it then finds the round not
    // yet due and leaves it, and the worker's minute-by-minute check closes it on time.
    await tx.package.update({ where, data: { roundDeadline: deadline } });
  } else {
    return made;
  }
  await scheduleRoundClose(tx, { councilId, packageId: pkg.id, round }, deadline);
  return made;
}
