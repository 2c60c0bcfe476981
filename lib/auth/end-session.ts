import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';

/** A session lasts 8 hours from its last use, and never more than 12 from signing in. */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

export type TSessionClaims = { uid?: string; sid?: string; at?: number };

/** Whether a session signed in at `at` (seconds since the epoch) is past its absolute lifetime. */
export function sessionTooOld(at: number, now: Date): boolean {
  return now.getTime() / 1000 - at >= SESSION_ABSOLUTE_SECONDS;
}

/**
 * Signing out ends this one session on the server, so a copy of its cookie stops working; the
 * user's other sessions go on. The row is kept only while the cookie could still be used.
 */
export async function endSession(db: PrismaClient, claims: TSessionClaims, ip: string | null, now = new Date()): Promise<void> {
  if (!claims.uid || !claims.sid || !claims.at) return;
  const expiresAt = new Date((claims.at + SESSION_ABSOLUTE_SECONDS) * 1000);
  const user = await db.user.findUnique({ where: { id: claims.uid }, select: { id: true, role: true, councilId: true } });
  await db.$transaction([
    db.endedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.endedSession.createMany({ data: [{ sid: claims.sid, userId: claims.uid, endedAt: now, expiresAt }], skipDuplicates: true }),
  ]);
  if (user) {
    await recordAudit(
      db,
      { userId: user.id, role: user.role, councilId: user.councilId },
      { action: 'auth.sign-out', entityType: 'User', entityId: user.id, ip },
    );
  }
}
