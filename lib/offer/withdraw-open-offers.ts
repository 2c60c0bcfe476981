import 'server-only';
import { notify, type TNoticeTx } from '@/lib/notification/notify';

/**
 * Closes every offer still open on a package and tells each provider why, inside the caller's
 * transaction (placed elsewhere, changed, cancelled). Returns how many were withdrawn.
 */
export async function withdrawOpenOffers(
  tx: TNoticeTx,
  input: { councilId: string; packageId: string; now: Date; notice: { title: string; body: string } },
): Promise<number> {
  const { councilId, packageId, now, notice } = input;
  const withdrawn = await tx.$queryRaw<{ providerId: string }[]>`
    UPDATE "Offer" SET "status" = 'WITHDRAWN', "respondedAt" = ${now}
    WHERE "councilId" = ${councilId}::uuid AND "packageId" = ${packageId}::uuid AND "status" = 'OFFERED'
    RETURNING "providerId"`;
  await notify(
    tx,
    withdrawn.map((w) => ({
      councilId,
      recipient: { providerId: w.providerId },
      kind: 'OFFER_WITHDRAWN' as const,
      title: notice.title,
      body: notice.body,
      link: '/provider',
    })),
  );
  return withdrawn.length;
}
