import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';

// A write sent twice (a retried API call, a double-clicked button, two tabs) happens once. The
// sender names the write with a key: the API's Idempotency-Key header, or a form's one-time token.
// The first request with a key claims it (one INSERT, so of two at the same moment exactly one
// wins) and stores its answer when done; a repeat waits for that answer and gets it, and writes
// nothing. Keys are kept a day, per council or provider and per user or API token, so nobody
// else's key ever matches; the worker sweeps expired ones, and an expired one is ignored on read.

export const KEEP_KEYS_MS = 24 * 60 * 60_000;
/** A claim with no answer after this long was left by a request that died: the next one takes over. */
const ABANDONED_MS = 60_000;
/** How long a repeat waits for the first request's answer before asking its sender to try later. */
const WAIT_MS = 30_000;
const POLL_MS = 50;

export type TIdempotencyScope = { owner: string; actor: string; key: string; fingerprint: string };

/** Whose keys these are: the council or provider, and the user or API token. */
export function idempotencyOwner(actor: TActor): { owner: string; actor: string } {
  const owner = actor.councilId ? `council:${actor.councilId}` : actor.providerId ? `provider:${actor.providerId}` : 'platform';
  const tokenId = 'tokenId' in actor && typeof actor.tokenId === 'string' ? actor.tokenId : null;
  return { owner, actor: tokenId ? `token:${tokenId}` : `user:${actor.userId}` };
}

/** What a request asked for, so a key reused for a different request is told apart. */
export function fingerprintOf(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

type TRow = { fingerprint: string; status: number | null; response: unknown; createdAt: Date; expiresAt: Date };

/**
 * Runs `write` once for the key and keeps its answer: a repeat, or one sent at the same moment,
 * gets the first answer without running it. If `write` throws, nothing is kept and the error is
 * thrown, so the sender may try again with the same key. `statusOf` says which answers to keep
 * (an API keeps client errors as well as successes, never a 5xx).
 */
export async function oncePerKey<T>(
  db: PrismaClient,
  scope: TIdempotencyScope,
  write: () => Promise<T>,
  options: { statusOf?: (answer: T) => number; now?: () => Date } = {},
): Promise<T> {
  const now = options.now ?? (() => new Date());
  const statusOf = options.statusOf ?? (() => 200);
  const where = { owner_actor_key: { owner: scope.owner, actor: scope.actor, key: scope.key } };
  const giveUpAt = Date.now() + WAIT_MS;
  for (;;) {
    const at = now();
    const claimed = await db.$executeRaw`
      INSERT INTO "IdempotencyKey" ("owner", "actor", "key", "fingerprint", "createdAt", "expiresAt")
      VALUES (${scope.owner}, ${scope.actor}, ${scope.key}, ${scope.fingerprint}, ${at}, ${new Date(at.getTime() + KEEP_KEYS_MS)})
      ON CONFLICT ("owner", "actor", "key") DO UPDATE
        SET "fingerprint" = EXCLUDED."fingerprint", "status" = NULL, "response" = NULL, "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
        WHERE "IdempotencyKey"."expiresAt" <= ${at}
           OR ("IdempotencyKey"."status" IS NULL AND "IdempotencyKey"."createdAt" <= ${new Date(at.getTime() - ABANDONED_MS)})`;
    if (claimed === 1) return await runAndKeep(db, scope, write, statusOf);

    const row = (await db.idempotencyKey.findUnique({
      where,
      select: { fingerprint: true, status: true, response: true, createdAt: true, expiresAt: true },
    })) as TRow | null;
    if (row && row.fingerprint !== scope.fingerprint) {
      throw new AppError('VALIDATION', 'This Idempotency-Key was already used for a different request. Use a new key for each new request.', {
        'Idempotency-Key': ['Use a new key for each new request'],
      });
    }
    if (row && row.status !== null) return row.response as T;
    if (Date.now() >= giveUpAt) throw new AppError('CONFLICT', 'The same request is still being handled. Try again in a moment.');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function runAndKeep<T>(db: PrismaClient, scope: TIdempotencyScope, write: () => Promise<T>, statusOf: (answer: T) => number): Promise<T> {
  const key = { owner: scope.owner, actor: scope.actor, key: scope.key, fingerprint: scope.fingerprint, status: null };
  let answer: T;
  try {
    answer = await write();
  } catch (error) {
    await db.idempotencyKey.deleteMany({ where: key }).catch(() => undefined);
    throw error;
  }
  const status = statusOf(answer);
  if (status >= 500) await db.idempotencyKey.deleteMany({ where: key });
  else await db.idempotencyKey.updateMany({ where: key, data: { status, response: (answer ?? Prisma.JsonNull) as Prisma.InputJsonValue } });
  return answer;
}

/** Forgets keys past their day (the worker calls this every minute). */
export async function sweepIdempotencyKeys(db: PrismaClient, now = new Date()): Promise<number> {
  return (await db.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

/** The form token a form action takes beside its fields. */
export const ZFormTokenSchema = z.uuid('Reload the page and try again').optional();

/**
 * A form action's handler that runs once per form token and input: a form sends the same token
 * (components/form/form-token.ts) with each submission, so a double click, a resubmission or a
 * second tab's copy of the same submission gets the first answer. Without a token it just runs.
 */
export function oncePerFormToken<I, C extends { actor: TActor; db: PrismaClient }, T>(
  name: string,
  handler: (input: I, context: C) => Promise<T>,
): (input: I, context: C) => Promise<T> {
  return (input, context) => {
    const token = (input as { formToken?: unknown }).formToken;
    if (typeof token !== 'string') return handler(input, context);
    const fingerprint = fingerprintOf(name, JSON.stringify(input));
    return oncePerKey(context.db, { ...idempotencyOwner(context.actor), key: `form:${name}:${token}:${fingerprint}`, fingerprint }, () =>
      handler(input, context),
    );
  };
}
