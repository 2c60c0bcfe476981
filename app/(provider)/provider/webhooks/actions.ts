'use server';

import { webhookActions } from '@/lib/webhook/webhook-actions';

// Webhook subscriptions: each manager manages only their own provider's (lib/webhook/manage-webhooks.ts).

const actions = webhookActions('/provider/webhooks');

export const createWebhookAction = actions.create;
export const disableWebhookAction = actions.disable;
export const replayWebhookAction = actions.replay;
