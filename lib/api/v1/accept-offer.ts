import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { acceptOffer } from '@/lib/offer/accept-offer';

/** Accepts the offer; the first valid acceptance wins, everyone else gets 409 CONFLICT. */
export const POST = defineRoute({
  permission: 'offer:respond',
  handler: async ({ actor, db, params }) => {
    const result = await acceptOffer(db, actor, { offerId: params.id ?? '' });
    return { placementId: result.placementId, reference: result.reference };
  },
});
