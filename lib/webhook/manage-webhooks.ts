import 'server-only';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TActorFor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZCreateWebhookSchema, type TCreateWebhook } from './webhook-events';

// Webhook subscriptions: a council administrator's for the council's record (every event of the
// council), a provider manager's for its care-management system (only events naming the provider).
// The signing secret is shown once, when made; the delivery log shows each event sent and lets a
// delivery be sent again.

type TManager = TActorFor<'webhook:manage'>;

/** The subscriptions a manager owns, as a filter. */
const ownedBy = (actor: TManager) => (actor.role === 'PROVIDER' ? { providerId: actor.providerId } : { councilId: actor.councilId });

export async function createWebhookSubscription(prisma: PrismaClient, actor: TManager, input: TCreateWebhook): Promise<{ id: string; secret: string }> {
  const { url, events } = parseOrThrow(ZCreateWebhookSchema, input);
  if (actor.role === 'PROVIDER' && events.includes('referral.status')) {
    throw new AppError('VALIDATION', undefined, { events: ['Referral status is for the council’s own record: choose offer and placement events'] });
  }
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return prisma.$transaction(async (tx) => {
    const row = await tx.webhookSubscription.create({ data: { ...ownedBy(actor), url, events, secret, createdById: actor.userId }, select: { id: true } });
    await recordAudit(tx, actor, { action: 'webhook.created', entityType: 'WebhookSubscription', entityId: row.id, details: { url, events } });
    return { id: row.id, secret };
  });
}

export async function disableWebhookSubscription(prisma: PrismaClient, actor: TManager, subscriptionId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookSubscription.updateMany({
      where: { id: subscriptionId, disabledAt: null, ...ownedBy(actor) },
      data: { disabledAt: new Date() },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'That is not one of your live subscriptions.');
    await recordAudit(tx, actor, { action: 'webhook.disabled', entityType: 'WebhookSubscription', entityId: subscriptionId });
  });
}

/** Sends a logged delivery again, with the same body and id (a receiver that has it already can ignore it). */
export async function replayWebhookDelivery(prisma: PrismaClient, actor: TManager, deliveryId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { not: 'PENDING' }, subscription: { disabledAt: null, ...ownedBy(actor) } },
      data: { status: 'PENDING', queuedAt: null, deliveredAt: null },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'That delivery is not one of yours, is still being sent, or its subscription is off.');
    await recordAudit(tx, actor, { action: 'webhook.replayed', entityType: 'WebhookDelivery', entityId: deliveryId });
  });
}

const LOG_SIZE = 50;

/** The manager's subscriptions (never their secrets) and the latest deliveries to them. */
export async function listWebhooks(prisma: PrismaClient, actor: TManager) {
  const where = ownedBy(actor);
  const [subscriptions, deliveries] = await Promise.all([
    prisma.webhookSubscription.findMany({
      where,
      orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
      select: { id: true, url: true, events: true, createdAt: true, disabledAt: true },
    }),
    prisma.webhookDelivery.findMany({
      where: { subscription: where },
      orderBy: { occurredAt: 'desc' },
      take: LOG_SIZE,
      select: {
        id: true,
        event: true,
        occurredAt: true,
        status: true,
        attempts: true,
        lastStatusCode: true,
        lastError: true,
        lastAttemptAt: true,
        deliveredAt: true,
        subscription: { select: { url: true, disabledAt: true } },
      },
    }),
  ]);
  return { subscriptions, deliveries };
}
