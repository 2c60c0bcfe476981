import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { mfaEnrolment, newMfaSecret, verifyMfaCode } from '@/lib/auth/mfa';
import type { TActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';

/** The secret an actor is enrolling (made once, kept until confirmed), with its QR code. */
export async function beginMfaSetup(prisma: PrismaClient, actor: TActor) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { mfaEnabled: true, mfaSecret: true } });
  if (user.mfaEnabled) return null;
  let secret = user.mfaSecret;
  if (!secret) {
    secret = newMfaSecret();
    // Only set when still empty: two tabs opening the page agree on one secret.
    const { count } = await prisma.user.updateMany({ where: { id: actor.userId, mfaSecret: null, mfaEnabled: false }, data: { mfaSecret: secret } });
    if (count === 1) await recordAudit(prisma, actor, { action: 'user.mfa-setup-started', entityType: 'User', entityId: actor.userId });
    secret = (await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { mfaSecret: true } })).mfaSecret ?? secret;
  }
  return { secret, ...(await mfaEnrolment(secret, actor.email)) };
}

export async function confirmMfa(prisma: PrismaClient, actor: TActor, code: string, ip: string): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { mfaSecret: true, mfaEnabled: true } });
  if (user.mfaEnabled) return;
  if (!user.mfaSecret || !verifyMfaCode(user.mfaSecret, code)) {
    throw new AppError('VALIDATION', 'That code did not match.', { code: ['Enter the 6-digit code your authenticator app shows now'] });
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { mfaEnabled: true } });
    await recordAudit(tx, actor, { action: 'user.mfa-enabled', entityType: 'User', entityId: actor.userId, ip });
  });
}

/** Ends every session of the actor's account, this one included. */
export async function signOutEverywhere(prisma: PrismaClient, actor: TActor, ip: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, { action: 'user.signed-out-everywhere', entityType: 'User', entityId: actor.userId, ip });
  });
}
