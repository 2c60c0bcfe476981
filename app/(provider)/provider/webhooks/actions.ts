'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { createWebhookSubscription, disableWebhookSubscription, replayWebhookDelivery } from '@/lib/webhook/manage-webhooks';
import { ZCreateWebhookSchema } from '@/lib/webhook/webhook-events';

// Webhook subscriptions: each manager manages only their own provider's (lib/webhook/manage-webhooks.ts).

const refresh = () => revalidatePath('/provider/webhooks');

export const createWebhookAction = defineAction({
  permission: 'webhook:manage',
  schema: ZCreateWebhookSchema,
  handler: async (input, { actor, db }) => {
    const created = await createWebhookSubscription(db, actor, input);
    refresh();
    return created;
  },
});

export const disableWebhookAction = defineAction({
  permission: 'webhook:manage',
  schema: z.object({ subscriptionId: z.uuid() }),
  handler: async ({ subscriptionId }, { actor, db }) => {
    await disableWebhookSubscription(db, actor, subscriptionId);
    refresh();
  },
});

export const replayWebhookAction = defineAction({
  permission: 'webhook:manage',
  schema: z.object({ deliveryId: z.uuid() }),
  handler: async ({ deliveryId }, { actor, db }) => {
    await replayWebhookDelivery(db, actor, deliveryId);
    refresh();
  },
});
