import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { issueToken } from '@/lib/auth/one-time-token';
import type { TActor } from '@/lib/auth/permissions';
import { appUrl } from '@/lib/email/app-url';
import { sendEmail } from '@/lib/email/send-email';
import { AppError } from '@/lib/errors/app-error';
import { ZInviteProviderUserSchema, ZInviteUserSchema } from './user-schema';

export const INVITE_HOURS = 72;

type TNewUser = ({ kind: 'council' } & z.infer<typeof ZInviteUserSchema>) | ({ kind: 'provider' } & z.infer<typeof ZInviteProviderUserSchema>);

/** Adds a user within the actor's own council or organisation and emails a one-time link to set a password. */
export async function inviteUser(prisma: PrismaClient, actor: TActor, input: TNewUser, ip: string): Promise<{ userId: string }> {
  const scope =
    input.kind === 'council' && actor.role === 'ADMIN' && actor.councilId
      ? { role: input.role, councilId: actor.councilId }
      : input.kind === 'provider' && actor.role === 'PROVIDER' && actor.providerManager && actor.providerId
        ? { role: 'PROVIDER' as const, providerId: actor.providerId, providerManager: input.manager }
        : null;
  if (!scope) throw new AppError('FORBIDDEN');
  const { userId, token } = await prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError('VALIDATION', 'Check the highlighted fields.', { email: ['Someone already uses this email address'] });
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, ...scope } });
    const issued = await issueToken(tx, user.id, 'INVITE', INVITE_HOURS);
    await recordAudit(tx, actor, { action: 'user.invited', entityType: 'User', entityId: user.id, ip, details: { role: scope.role } });
    return { userId: user.id, token: issued };
  });
  await sendInvite(input, token);
  return { userId };
}

/** The invitation email with its one-time link to set a password. */
export async function sendInvite(to: { email: string; name: string }, token: string): Promise<void> {
  await sendEmail({
    to: to.email,
    subject: 'You have been invited to HomeFirst Brokerage',
    text: `Hello ${to.name},\n\nYou have been given access to HomeFirst Brokerage. Set your password with this link within ${INVITE_HOURS} hours:\n\n${appUrl()}/set-password/${token}\n\nIf you were not expecting this, ignore this email.`,
  });
}
