'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { prisma } from '@/lib/db';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { declineOffer, ZDeclineOfferSchema } from '@/lib/offer/decline-offer';

export const acceptOfferAction = defineAction({
  permission: 'offer:respond',
  schema: z.object({ offerId: z.uuid() }),
  handler: async (input, { actor }) => {
    const result = await acceptOffer(prisma, actor, input);
    revalidatePath('/provider');
    return result;
  },
});

export const declineOfferAction = defineAction({
  permission: 'offer:respond',
  schema: ZDeclineOfferSchema,
  handler: async (input, { actor }) => {
    await declineOffer(prisma, actor, input);
    revalidatePath('/provider');
  },
});
