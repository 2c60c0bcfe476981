import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { createWebhookSubscription, disableWebhookSubscription, replayWebhookDelivery } from './manage-webhooks';
import { ZCreateWebhookSchema } from './webhook-events';

/**
 * The Webhooks page's three actions, for a council administrator's page or a provider manager's:
 * each manages only their own council's or provider's subscriptions (manage-webhooks.ts), and the
 * page at `path` is shown afresh after each change.
 */
export function webhookActions(path: string) {
  const refresh = () => revalidatePath(path);
  return {
    create: defineAction({
      permission: 'webhook:manage',
      schema: ZCreateWebhookSchema,
      handler: async (input, { actor, db }) => {
        const created = await createWebhookSubscription(db, actor, input);
        refresh();
        return created;
      },
    }),
    disable: defineAction({
      permission: 'webhook:manage',
      schema: z.object({ subscriptionId: z.uuid() }),
      handler: async ({ subscriptionId }, { actor, db }) => {
        await disableWebhookSubscription(db, actor, subscriptionId);
        refresh();
      },
    }),
    replay: defineAction({
      permission: 'webhook:manage',
      schema: z.object({ deliveryId: z.uuid() }),
      handler: async ({ deliveryId }, { actor, db }) => {
        await replayWebhookDelivery(db, actor, deliveryId);
        refresh();
      },
    }),
  };
}
