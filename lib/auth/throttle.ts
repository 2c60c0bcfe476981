import 'server-only';
import type { PrismaClient } from '@prisma/client';

// Brute-force protection (OWASP ASVS 6.3): failures are counted per account and per address; past
// a threshold each further failure locks the key for twice as long as the last, up to a day.
//
// An attempt counts as a failure from the moment it starts, before the slow password check, and
// a failure that reaches the threshold locks the key at once: so however many attempts arrive
// together, no more passwords are checked than the threshold allows. An attempt that turns out
// not to be a failure takes its count back.

const RULES = {
  account: { freeFailures: 9, firstLockMinutes: 1, forgetAfterMinutes: null },
  // An office shares one address: its count starts again after a quiet hour, so a few mistakes a
  // day never add up to a lock.
  ip: { freeFailures: 49, firstLockMinutes: 1, forgetAfterMinutes: 60 },
  // Password reset links, counted per address typed (whether or not it has an account, so the
  // answer says nothing about that) and per client address: a few an hour, then ever longer waits.
  resetAccount: { freeFailures: 3, firstLockMinutes: 15, forgetAfterMinutes: 60 },
  resetIp: { freeFailures: 20, firstLockMinutes: 5, forgetAfterMinutes: 60 },
} as const;
const MAX_LOCK_MINUTES = 24 * 60;

export type ThrottleKey = { kind: keyof typeof RULES; value: string };
const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

export function lockMinutes(kind: keyof typeof RULES, failures: number): number {
  const over = failures - RULES[kind].freeFailures;
  if (over <= 0) return 0;
  return Math.min(MAX_LOCK_MINUTES, RULES[kind].firstLockMinutes * 2 ** (over - 1));
}

type Row = { key: string; failures: number; lockedUntil: Date | null; updatedAt: Date };

/** The keys' rows, created if new and locked for this transaction, in one order so that two attempts never deadlock. */
async function lockRows(tx: Pick<PrismaClient, '$executeRaw' | '$queryRaw'>, keys: string[], now: Date): Promise<Map<string, Row>> {
  for (const key of keys) {
    await tx.$executeRaw`INSERT INTO "SignInThrottle" (key, failures, "updatedAt") VALUES (${key}, 0, ${now}) ON CONFLICT (key) DO NOTHING`;
  }
  const rows = await tx.$queryRaw<Row[]>`
    SELECT key, failures, "lockedUntil", "updatedAt" FROM "SignInThrottle" WHERE key = ANY(${keys}) ORDER BY key FOR UPDATE`;
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Starts a sign-in attempt: false if any key is locked (nothing is counted then); otherwise the
 * attempt is counted against every key, and a key it takes past its threshold is locked now.
 */
export async function beginAttempt(prisma: PrismaClient, keys: ThrottleKey[], now: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const rows = await lockRows(
      tx,
      keys.map((k) => keyOf(k)),
      now,
    );
    if (keys.some((k) => (rows.get(keyOf(k))?.lockedUntil?.getTime() ?? 0) > now.getTime())) return false;
    for (const k of keys) {
      const row = rows.get(keyOf(k))!;
      const forget = RULES[k.kind].forgetAfterMinutes;
      const quiet = forget !== null && now.getTime() - row.updatedAt.getTime() >= forget * 60_000;
      const failures = (quiet ? 0 : row.failures) + 1;
      const minutes = lockMinutes(k.kind, failures);
      await tx.signInThrottle.update({
        where: { key: row.key },
        data: { failures, updatedAt: now, ...(minutes > 0 ? { lockedUntil: new Date(now.getTime() + minutes * 60_000) } : {}) },
      });
    }
    return true;
  });
}

/**
 * Takes back an attempt that was not a failure (a right password), with any lock it caused: no
 * lock was in force when it began, and every attempt since was refused, so none is lost.
 */
export async function takeBackAttempt(prisma: PrismaClient, keys: ThrottleKey[], now: Date): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const rows = await lockRows(
      tx,
      keys.map((k) => keyOf(k)),
      now,
    );
    for (const k of keys) {
      const row = rows.get(keyOf(k))!;
      await tx.signInThrottle.update({
        where: { key: row.key },
        data: { failures: Math.max(0, row.failures - 1), lockedUntil: null },
      });
    }
  });
}

export async function clearFailures(prisma: PrismaClient, key: ThrottleKey): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: keyOf(key) } });
}
