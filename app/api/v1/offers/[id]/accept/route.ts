import { defineRoute } from '@/lib/api/define-route';
import { prisma } from '@/lib/db';
import { acceptOffer } from '@/lib/offer/accept-offer';

/** Accepts the offer; the first valid acceptance wins, everyone else gets 409 CONFLICT. */
export const POST = defineRoute({
  permission: 'offer:respond',
  handler: async ({ actor, params }) => {
    const result = await acceptOffer(prisma, actor, { offerId: params.id ?? '' });
    return { placementId: result.placementId, reference: result.reference };
  },
});
