import { WebhooksScreen } from '@/components/webhooks-screen';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { webhookScreen } from '@/lib/webhook/webhook-screen';
import { createWebhookAction, disableWebhookAction, replayWebhookAction } from './actions';

export const metadata = { title: 'Webhooks' };

export default async function ProviderWebhooksPage() {
  const { actor, db } = await requirePageActor('webhook:manage');
  return (
    <WebhooksScreen
      intro="Your care-management system hears of your own offers and placements as they happen: nothing personal before a placement is yours."
      {...await webhookScreen(db, actor)}
      create={createWebhookAction}
      disable={disableWebhookAction}
      replay={replayWebhookAction}
    />
  );
}
