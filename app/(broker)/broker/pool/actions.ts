'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { previewWaitingPool, ZPreviewWaitingPoolSchema } from '@/lib/replacement/preview-waiting-pool';
import { sendWaitingPool, ZSendWaitingPoolSchema } from '@/lib/replacement/send-waiting-pool';

/** Asks the optimiser for a plan of the waiting pool; nothing is offered until the plan is sent. */
export const previewWaitingPoolAction = defineAction({
  permission: 'package:write',
  schema: ZPreviewWaitingPoolSchema,
  handler: async (input, { actor, db, ip }) => {
    const { batchId } = await previewWaitingPool(db, actor, input, new Date(), { ip });
    return { batchId };
  },
});

/** Sends a plan's offers once: the server refuses a plan that has already gone. */
export const sendWaitingPoolAction = defineAction({
  permission: 'package:write',
  schema: ZSendWaitingPoolSchema,
  handler: async (input, { actor, db, ip }) => {
    const { items } = await sendWaitingPool(db, actor, input, new Date(), ip);
    revalidatePath('/broker');
    return { items: items.map(({ reference, outcome }) => ({ reference, outcome })) };
  },
});
