import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { mfaCodeStep } from './mfa';
import { verifyPassword } from './password';
import { beginAttempt, clearFailures, takeBackAttempt, type ThrottleKey } from './throttle';

export type TSignInAttempt = { email: string; password: string; code?: string; ip: string };

export type TSignInResult =
  | { ok: true; userId: string; sessionVersion: number }
  // Every failure reads the same to the person signing in; `reason` is for the audit trail only.
  | { ok: false; reason: 'LOCKED' | 'BAD_CREDENTIALS' | 'DISABLED' | 'BAD_CODE' | 'USED_CODE' }
  | { ok: false; reason: 'MFA_REQUIRED' };

/** Checks a sign-in: throttling, password (argon2id), disabled accounts, then the MFA code. */
export async function authenticate(prisma: PrismaClient, attempt: TSignInAttempt, now = new Date()): Promise<TSignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const keys: ThrottleKey[] = [
    { kind: 'account', value: email },
    { kind: 'ip', value: attempt.ip },
  ];
  const fail = async (reason: 'LOCKED' | 'BAD_CREDENTIALS' | 'DISABLED' | 'BAD_CODE' | 'USED_CODE', userId?: string, councilId?: string | null) => {
    await recordAudit(prisma, null, {
      action: 'auth.sign-in-failed',
      entityType: 'User',
      entityId: userId ?? null,
      councilId: councilId ?? null,
      ip: attempt.ip,
      details: { reason },
    });
    return { ok: false as const, reason };
  };

  // Counted as a failure from here on, unless it turns out otherwise (throttle.ts).
  if (!(await beginAttempt(prisma, keys, now))) return fail('LOCKED');
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, mfaEnabled: true, mfaSecret: true, sessionVersion: true, councilId: true, role: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash, attempt.password);
  if (!user || !passwordOk) return fail('BAD_CREDENTIALS', user?.id, user?.councilId);
  if (user.disabledAt) return fail('DISABLED', user.id, user.councilId);
  if (user.mfaEnabled && user.mfaSecret) {
    if (!attempt.code) {
      await takeBackAttempt(prisma, keys, now);
      return { ok: false, reason: 'MFA_REQUIRED' };
    }
    const step = mfaCodeStep(user.mfaSecret, attempt.code, now.getTime());
    if (step === null) return fail('BAD_CODE', user.id, user.councilId);
    // One conditional write claims the code's step, so a replayed code (even one sent at the same
    // moment) finds it taken, and so does any earlier code still inside the drift window.
    const claimed = await prisma.user.updateMany({
      where: { id: user.id, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: step } }] },
      data: { mfaLastStep: step },
    });
    if (claimed.count === 0) return fail('USED_CODE', user.id, user.councilId);
  }
  await clearFailures(prisma, keys[0]);
  await takeBackAttempt(prisma, [keys[1]], now);
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await recordAudit(
    prisma,
    { userId: user.id, role: user.role, councilId: user.councilId },
    { action: 'auth.sign-in', entityType: 'User', entityId: user.id, ip: attempt.ip },
  );
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
