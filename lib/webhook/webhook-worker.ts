import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type PgBoss from 'pg-boss';
import { QUEUE, type TWebhookDeliveryJob } from '@/lib/jobs/queues';
import { deliverWebhook, queueWebhookDeliveries } from './deliver-webhooks';

/** How many deliveries one worker posts at the same time. */
const DELIVERY_BATCH = 10;

/**
 * The worker's part in webhooks: every poll it queues the outbox's new deliveries, and it posts
 * queued ones. Returns the function that stops the outbox poll (pg-boss stops the rest).
 */
export async function startWebhookDelivery(
  boss: PgBoss,
  prisma: PrismaClient,
  options: { pollingIntervalSeconds: number; retryDelaySeconds?: number; log: (message: string, details?: Record<string, unknown>) => void },
): Promise<() => Promise<void>> {
  // Posted DELIVERY_BATCH at a time; a batch fails as one in pg-boss, and a delivery already made
  // is not posted again when its batch is retried (deliverWebhook skips it).
  let workerId = '';
  workerId = await boss.work<TWebhookDeliveryJob>(
    QUEUE.webhookDelivery,
    { batchSize: DELIVERY_BATCH, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds },
    async (jobs) => {
      if (jobs.length === DELIVERY_BATCH) boss.notifyWorker(workerId);
      const results = await Promise.allSettled(jobs.map((job) => deliverWebhook(prisma, job.data.deliveryId, { lastTry: job.retryCount >= job.retryLimit })));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed.length)
        throw new AggregateError(
          failed.map((f) => f.reason),
          `${failed.length} of ${jobs.length} webhook deliveries failed`,
        );
    },
  );
  // Several workers may poll at once: each claims different rows (SKIP LOCKED).
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const poll = () => {
    running = queueWebhookDeliveries(prisma, { retryDelaySeconds: options.retryDelaySeconds })
      .then((queued) => {
        if (queued > 0) options.log('webhook deliveries queued', { queued });
      })
      .catch((error: unknown) => options.log('webhook outbox poll failed', { error: String(error) }));
  };
  const timer = setInterval(() => {
    if (!stopped) void running.then(poll);
  }, options.pollingIntervalSeconds * 1000);
  poll();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
