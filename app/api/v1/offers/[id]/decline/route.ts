import { defineRoute } from '@/lib/api/define-route';
import { ZDeclineBodySchema } from '@/lib/api/v1-schemas';
import { prisma } from '@/lib/db';
import { declineOffer } from '@/lib/offer/decline-offer';

/** Declines the offer with a reason. */
export const POST = defineRoute({
  permission: 'offer:respond',
  body: ZDeclineBodySchema,
  handler: async ({ actor, params, body }) => {
    await declineOffer(prisma, actor, { offerId: params.id ?? '', ...body });
    return { declined: true };
  },
});
