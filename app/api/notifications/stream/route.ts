import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { notificationHub } from '@/lib/notification/notification-hub';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events: one `notification` event (carrying only the notification's id) whenever
 * something is addressed to the signed-in user or to their provider organisation. The page then
 * fetches what changed through its own scoped queries.
 */
export const GET = defineRoute({
  permission: 'notification:read',
  query: z.object({}),
  handler: async ({ actor }) => {
    const encoder = new TextEncoder();
    let cleanup = () => undefined as void;
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const write = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        write('retry: 3000\n\n');
        const unsubscribe = await notificationHub.subscribe({
          userId: actor.userId,
          providerId: actor.providerId,
          send: (payload) => write(`event: notification\ndata: ${JSON.stringify({ id: payload.id })}\n\n`),
        });
        const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
        cleanup = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  },
});
