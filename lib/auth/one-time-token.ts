import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { OneTimeTokenPurpose, Prisma, PrismaClient } from '@prisma/client';

// One-time links: the link carries a random token; only its SHA-256 is stored, and spending it is
// one conditional update, so a link works once even if clicked twice at the same moment.

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueToken(
  db: PrismaClient | Prisma.TransactionClient,
  userId: string,
  purpose: OneTimeTokenPurpose,
  hours: number,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.oneTimeToken.create({ data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + hours * 3_600_000) } });
  return token;
}

/** The user the token belongs to if it is live, without spending it (to show the form). */
export async function peekToken(db: PrismaClient, token: string, purpose: OneTimeTokenPurpose, now = new Date()) {
  return db.oneTimeToken.findFirst({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
    select: { userId: true, user: { select: { email: true, name: true } } },
  });
}

/** Spends the token: the user's id, or null when it is unknown, spent or expired. */
export async function spendToken(db: Prisma.TransactionClient, token: string, purpose: OneTimeTokenPurpose, now = new Date()): Promise<string | null> {
  const live = await db.oneTimeToken.findFirst({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, userId: true },
  });
  if (!live) return null;
  const { count } = await db.oneTimeToken.updateMany({ where: { id: live.id, usedAt: null }, data: { usedAt: now } });
  return count === 1 ? live.userId : null;
}
