import 'server-only';
import type { Prisma } from '@prisma/client';
import { notify } from '@/lib/notification/notify';

/**
 * Closes every offer still open on a package and tells each provider why, inside the caller's
 * transaction (placed elsewhere, changed, cancelled). Returns how many were withdrawn.
 */
export async function withdrawOpenOffers(
  tx: Prisma.TransactionClient,
  input: { councilId: string; packageId: string; now: Date; notice: { title: string; body: string } },
): Promise<number> {
  const { councilId, packageId, now, notice } = input;
  const withdrawn = await tx.offer.updateManyAndReturn({
    where: { councilId, packageId, status: 'OFFERED' },
    data: { status: 'WITHDRAWN', respondedAt: now },
    select: { providerId: true },
  });
  await notify(
    tx,
    withdrawn.map((w) => ({ councilId, recipient: { providerId: w.providerId }, kind: 'OFFER_WITHDRAWN' as const, title: notice.title, body: notice.body, link: '/provider' })),
  );
  return withdrawn.length;
}
