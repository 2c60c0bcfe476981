import 'server-only';
import type { Prisma } from '@prisma/client';

/**
 * A provider is reminded of an offer it already has only once the offer has been open this long,
 * and not again within this long of its last reminder: a reminder straight after posting, or two
 * in a row (a duty officer's push and a broker's chase), do not send the same provider the same
 * message twice.
 */
export const REMIND_AFTER_MINUTES = 10;

/** The audit actions that remind providers, each recording `at` and the `reminded` provider ids in its details. */
const REMINDING_ACTIONS = ['package.pushed', 'package.reminded'];

type TAskedOffer = { providerId: string; round: number; status: string; deadline: Date; offeredAt: Date };

/**
 * The providers due a reminder of a package's offer: those holding an offer still open in the
 * package's current round, made at least REMIND_AFTER_MINUTES ago, and not reminded of it (by a
 * push or a chase) within that time.
 */
export async function dueForReminder(
  tx: Prisma.TransactionClient,
  pkg: { councilId: string; id: string; offerRound: number },
  asked: readonly TAskedOffer[],
  now: Date,
): Promise<Set<string>> {
  const quiet = new Date(now.getTime() - REMIND_AFTER_MINUTES * 60_000);
  const reminders = await tx.auditEvent.findMany({
    where: { councilId: pkg.councilId, entityType: 'Package', entityId: pkg.id, action: { in: REMINDING_ACTIONS } },
    orderBy: { id: 'desc' },
    take: 20,
    select: { details: true },
  });
  const remindedLately = new Set(
    reminders
      .map((r) => (r.details ?? {}) as { at?: string; reminded?: string[] })
      .filter((d) => d.at !== undefined && new Date(d.at) > quiet)
      .flatMap((d) => d.reminded ?? []),
  );
  return new Set(
    asked
      .filter((o) => o.round === pkg.offerRound && o.status === 'OFFERED' && o.deadline > now && o.offeredAt <= quiet && !remindedLately.has(o.providerId))
      .map((o) => o.providerId),
  );
}
