import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { fingerprintOf, idempotencyOwner, oncePerKey } from '@/lib/idempotency/once-per-key';

// An /api/v1 write (POST, PUT, PATCH) sent with an Idempotency-Key header happens once: a repeat
// with the same key, even one sent at the same moment, gets the first answer and writes nothing.
// The key is the sender's own (a UUID is best), kept a day for their council or provider and their
// token; reusing it for a different request is refused, naming the header.

const WRITES = new Set(['POST', 'PUT', 'PATCH']);
const KEY = /^[\x21-\x7e]{1,255}$/;

export async function oncePerIdempotencyKey<T>(db: PrismaClient, request: Request, actor: TActor, body: unknown, write: () => Promise<T>): Promise<T> {
  const key = request.headers.get('idempotency-key');
  if (key === null || !WRITES.has(request.method)) return write();
  if (!KEY.test(key)) {
    throw new AppError('VALIDATION', 'Check the Idempotency-Key header.', {
      'Idempotency-Key': ['Send 1 to 255 visible characters with no spaces, such as a UUID'],
    });
  }
  const url = new URL(request.url);
  const fingerprint = fingerprintOf(request.method, url.pathname, url.search, JSON.stringify(body ?? null));
  // Only plain answers are kept: a handler that streams its own Response is not repeatable.
  return oncePerKey(db, { ...idempotencyOwner(actor), key: `api:${key}`, fingerprint }, write, {
    statusOf: (answer) => (answer instanceof Response ? 500 : 200),
  });
}
