'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { declineOffer } from '@/lib/offer/decline-offer';
import { ZDeclineOfferSchema } from '@/lib/offer/offer-schema';

export const acceptOfferAction = defineAction({
  permission: 'offer:respond',
  schema: z.object({ offerId: z.uuid() }),
  handler: async (input, { actor, db }) => {
    const result = await acceptOffer(db, actor, input);
    revalidatePath('/provider');
    return result;
  },
});

export const declineOfferAction = defineAction({
  permission: 'offer:respond',
  schema: ZDeclineOfferSchema,
  handler: async (input, { actor, db }) => {
    await declineOffer(db, actor, input);
    revalidatePath('/provider');
  },
});
