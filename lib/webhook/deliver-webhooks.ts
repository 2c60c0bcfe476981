import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { executorFor, queueReady, sqlOnly } from '@/lib/jobs/job-tables';
import { QUEUE, type TWebhookDeliveryJob } from '@/lib/jobs/queues';
import { webhookBody } from './webhook-payload';
import { SIGNATURE_HEADER, signatureOf } from './webhook-events';

// Delivering the outbox. Database triggers write a WebhookDelivery row in the transaction of each
// change (migration 20261206201000_webhooks); the worker queues each new row as a pg-boss job,
// making its body once, and the job posts it signed, retried with backoff until the receiver
// answers 2xx or the retries run out. The rows are the delivery log.

/** Retries after the first attempt: with backoff from 10 s this spans about three hours. */
export const WEBHOOK_RETRIES = 10;
export const WEBHOOK_RETRY_DELAY_SECONDS = 10;
const TIMEOUT_MS = 10_000;
const BATCH = 100;

/**
 * Queues deliveries not yet queued (new events, replays), in one transaction: the rows are claimed
 * with SKIP LOCKED, so two workers never queue one twice. Without the job tables it waits.
 */
export async function queueWebhookDeliveries(prisma: PrismaClient, { retryDelaySeconds = WEBHOOK_RETRY_DELAY_SECONDS } = {}): Promise<number> {
  return prisma.$transaction(async (tx) => {
    if (!(await queueReady(tx, QUEUE.webhookDelivery))) return 0;
    const rows = await tx.$queryRaw<
      { id: string; event: string; councilId: string; entityId: string; packageId: string | null; occurredAt: Date; hasBody: boolean }[]
    >`
      SELECT "id", "event", "councilId", "entityId", "packageId", "occurredAt", "body" IS NOT NULL AS "hasBody"
      FROM "WebhookDelivery" WHERE "queuedAt" IS NULL ORDER BY "occurredAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return 0;
    const now = new Date();
    for (const row of rows) {
      // A replay keeps the body first sent.
      const body = row.hasBody ? undefined : await webhookBody(tx, row);
      await tx.webhookDelivery.update({ where: { id: row.id }, data: { queuedAt: now, ...(body ? { body } : {}) } });
    }
    await sqlOnly.insert(
      rows.map((row) => ({
        name: QUEUE.webhookDelivery,
        data: { deliveryId: row.id } satisfies TWebhookDeliveryJob,
        retryLimit: WEBHOOK_RETRIES,
        retryDelay: retryDelaySeconds,
        retryBackoff: true,
      })),
      { db: executorFor(tx) },
    );
    return rows.length;
  });
}

/**
 * Posts one delivery, signed. A 2xx marks it delivered; anything else is recorded on the row and
 * thrown, so pg-boss tries again later, unless this was the last try (`lastTry`), which marks it
 * failed. A delivered row is not sent again by a late retry.
 */
export async function deliverWebhook(
  prisma: PrismaClient,
  deliveryId: string,
  { lastTry = false, now = () => new Date() } = {},
): Promise<'DELIVERED' | 'SKIPPED'> {
  const delivery = await prisma.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { subscription: { select: { url: true, secret: true, disabledAt: true } } },
  });
  if (!delivery || delivery.status !== 'PENDING') return 'SKIPPED';
  if (delivery.subscription.disabledAt) {
    await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'FAILED', lastError: 'The subscription was turned off' } });
    return 'SKIPPED';
  }
  const body = JSON.stringify(delivery.body);
  const at = now();
  let status: number | null = null;
  let problem: string | null = null;
  try {
    const response = await fetch(delivery.subscription.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'HomeFirst-Webhooks/1',
        [SIGNATURE_HEADER]: signatureOf(delivery.subscription.secret, Math.floor(at.getTime() / 1000), body),
        'HomeFirst-Event': delivery.event,
        'HomeFirst-Delivery': delivery.id,
      },
      body,
    });
    status = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (status < 200 || status >= 300) problem = `The receiver answered ${status}`;
  } catch (error) {
    problem =
      error instanceof Error && error.name === 'TimeoutError'
        ? 'No answer within 10 seconds'
        : `Could not connect: ${error instanceof Error ? error.message : String(error)}`;
  }
  await prisma.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      attempts: { increment: 1 },
      lastAttemptAt: at,
      lastStatusCode: status,
      lastError: problem,
      ...(problem === null ? { status: 'DELIVERED', deliveredAt: now() } : lastTry ? { status: 'FAILED' } : {}),
    },
  });
  if (problem !== null && !lastTry) throw new Error(`webhook ${deliveryId}: ${problem}`);
  return problem === null ? 'DELIVERED' : 'SKIPPED';
}
