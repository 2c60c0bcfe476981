import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { ZDeclineBodySchema } from '@/lib/api/v1-schemas';
import { declineOffer } from '@/lib/offer/decline-offer';

/** Declines the offer with a reason. */
export const POST = defineRoute({
  permission: 'offer:respond',
  body: ZDeclineBodySchema,
  handler: async ({ actor, db, params, body }) => {
    await declineOffer(db, actor, { offerId: params.id ?? '', ...body });
    return { declined: true };
  },
});
