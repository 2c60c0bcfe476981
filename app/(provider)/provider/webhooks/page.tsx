import { WebhooksSection } from '@/components/webhooks-section';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { webhookScreen } from '@/lib/webhook/webhook-screen';
import { createWebhookAction, disableWebhookAction, replayWebhookAction } from './actions';

export const metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { actor, db } = await requirePageActor('webhook:manage');
  const screen = await webhookScreen(db, actor);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <p className="text-slate-700">
        Your care-management system hears of your own offers and placements as they happen: nothing personal before a placement is yours. Each is signed with
        its subscription’s secret (<code>HomeFirst-Signature</code>) and tried again with backoff until your system answers 2xx (
        <a className="underline" href="/api/v1/openapi.json">
          OpenAPI description
        </a>
        ).
      </p>
      <WebhooksSection {...screen} create={createWebhookAction} disable={disableWebhookAction} replay={replayWebhookAction} />
    </section>
  );
}
