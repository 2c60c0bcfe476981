import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TActorFor } from '@/lib/auth/permissions';
import { formatLondon } from '@/lib/time/london';
import { listWebhooks } from './manage-webhooks';
import { WEBHOOK_EVENTS } from './webhook-events';

const STATUS = { PENDING: 'Sending', DELIVERED: 'Delivered', FAILED: 'Failed' } as const;

/** What the Webhooks page shows a council administrator or a provider manager: their subscriptions and the log. */
export async function webhookScreen(prisma: PrismaClient, actor: TActorFor<'webhook:manage'>) {
  const { subscriptions, deliveries } = await listWebhooks(prisma, actor);
  return {
    events: actor.role === 'PROVIDER' ? WEBHOOK_EVENTS.filter((e) => e !== 'referral.status') : WEBHOOK_EVENTS,
    subscriptions: subscriptions.map((s) => ({ ...s, createdAt: formatLondon(s.createdAt), disabledAt: s.disabledAt ? formatLondon(s.disabledAt) : null })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      url: d.subscription.url,
      occurredAt: formatLondon(d.occurredAt),
      status: STATUS[d.status],
      attempts: d.attempts,
      lastAnswer: d.lastError ?? (d.lastStatusCode ? `${d.lastStatusCode}` : '—'),
      canReplay: d.status !== 'PENDING' && !d.subscription.disabledAt,
    })),
  };
}
