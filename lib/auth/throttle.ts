import 'server-only';
import type { PrismaClient } from '@prisma/client';

// Brute-force protection (OWASP ASVS 6.3): failures are counted per account and per address; past
// a threshold each further failure locks the key for twice as long as the last, up to a day.

const RULES = {
  account: { freeFailures: 9, firstLockMinutes: 1 },
  ip: { freeFailures: 49, firstLockMinutes: 1 },
} as const;
const MAX_LOCK_MINUTES = 24 * 60;

export type ThrottleKey = { kind: keyof typeof RULES; value: string };
const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

export function lockMinutes(kind: keyof typeof RULES, failures: number): number {
  const over = failures - RULES[kind].freeFailures;
  if (over <= 0) return 0;
  return Math.min(MAX_LOCK_MINUTES, RULES[kind].firstLockMinutes * 2 ** (over - 1));
}

export async function isLocked(prisma: PrismaClient, keys: ThrottleKey[], now: Date): Promise<boolean> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys.map(keyOf) }, lockedUntil: { gt: now } }, select: { key: true } });
  return rows.length > 0;
}

export async function recordFailure(prisma: PrismaClient, keys: ThrottleKey[], now: Date): Promise<void> {
  for (const k of keys) {
    // One statement per key: concurrent failures each count.
    const [row] = await prisma.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" (key, failures, "updatedAt") VALUES (${keyOf(k)}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET failures = "SignInThrottle".failures + 1, "updatedAt" = ${now}
      RETURNING failures`;
    const minutes = lockMinutes(k.kind, row.failures);
    if (minutes > 0) {
      await prisma.signInThrottle.update({ where: { key: keyOf(k) }, data: { lockedUntil: new Date(now.getTime() + minutes * 60_000) } });
    }
  }
}

export async function clearFailures(prisma: PrismaClient, key: ThrottleKey): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: keyOf(key) } });
}
