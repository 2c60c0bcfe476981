import { WebhooksScreen } from '@/components/webhooks-screen';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { webhookScreen } from '@/lib/webhook/webhook-screen';
import { createWebhookAction, disableWebhookAction, replayWebhookAction } from './actions';

export const metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { actor, db } = await requirePageActor('webhook:manage');
  return (
    <WebhooksScreen
      intro="Your council’s record hears of offers, placements and referral decisions as they happen."
      {...await webhookScreen(db, actor)}
      create={createWebhookAction}
      disable={disableWebhookAction}
      replay={replayWebhookAction}
    />
  );
}
