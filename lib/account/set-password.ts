import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { issueToken, spendToken } from '@/lib/auth/one-time-token';
import { hashPassword } from '@/lib/auth/password';
import { beginAttempt, type ThrottleKey } from '@/lib/auth/throttle';
import { appUrl } from '@/lib/email/app-url';
import { sendEmail } from '@/lib/email/send-email';
import { AppError } from '@/lib/errors/app-error';
import { queuePasswordReset } from '@/lib/jobs/queue-password-reset';
import type { TPasswordResetJob } from '@/lib/jobs/queues';

export const ZSetPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    purpose: z.enum(['INVITE', 'PASSWORD_RESET']),
    password: z.string().min(12, 'Enter a password of at least 12 characters').max(200, 'Password must be 200 characters or fewer'),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });

/** Sets a password from a one-time link, ending any other session of the account. */
export async function setPasswordWithToken(prisma: PrismaClient, input: z.infer<typeof ZSetPasswordSchema>, ip: string): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    const userId = await spendToken(tx, input.token, input.purpose);
    if (!userId) throw new AppError('NOT_FOUND', 'This link has expired or has already been used. Ask for a new one.');
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true, role: true, councilId: true },
    });
    await recordAudit(
      tx,
      { userId: user.id, role: user.role, councilId: user.councilId },
      { action: input.purpose === 'INVITE' ? 'user.password-set' : 'user.password-reset', entityType: 'User', entityId: user.id, ip },
    );
  });
}

export const RESET_HOURS = 1;

export const ZRequestResetSchema = z.object({ email: z.email('Enter an email address like name@example.org').trim().toLowerCase() });

const TOO_MANY = 'Too many reset links have been asked for. Wait 15 minutes and try again.';

/**
 * Asks for a reset link. The answer, and the work done before it, are the same whether or not
 * the address has an account: the request is counted against the address typed and the client's
 * address (throttle.ts), and queued; the worker looks the address up and sends the link
 * (sendPasswordReset). Too many requests for either are refused, for any address alike.
 */
export async function requestPasswordReset(prisma: PrismaClient, email: string, ip: string, now = new Date()): Promise<void> {
  const keys: ThrottleKey[] = [
    { kind: 'resetAccount', value: email },
    { kind: 'resetIp', value: ip },
  ];
  if (!(await beginAttempt(prisma, keys, now))) throw new AppError('RATE_LIMITED', TOO_MANY, { email: [TOO_MANY] });
  const job: TPasswordResetJob = { email, ip };
  const queued = await prisma.$transaction((tx) => queuePasswordReset(tx, job));
  // Before the worker has ever run there is no queue: sent from here, after the answer.
  if (!queued) void sendPasswordReset(prisma, job).catch((error) => console.error('[password reset]', error));
}

/** The worker's half: emails a reset link if the address belongs to an active user; nothing otherwise. */
export async function sendPasswordReset(prisma: PrismaClient, { email, ip }: TPasswordResetJob): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, role: true, councilId: true, disabledAt: true } });
  if (!user || user.disabledAt) return false;
  const token = await prisma.$transaction(async (tx) => {
    const issued = await issueToken(tx, user.id, 'PASSWORD_RESET', RESET_HOURS);
    await recordAudit(
      tx,
      { userId: user.id, role: user.role, councilId: user.councilId },
      { action: 'user.password-reset-requested', entityType: 'User', entityId: user.id, ip },
    );
    return issued;
  });
  await sendEmail({
    to: email,
    subject: 'Reset your HomeFirst Brokerage password',
    text: `Hello ${user.name},\n\nSomeone asked to reset the password for this account. Use this link within ${RESET_HOURS} hour to choose a new one:\n\n${appUrl()}/reset-password/${token}\n\nIf it was not you, ignore this email: your password has not changed.`,
  });
  return true;
}
