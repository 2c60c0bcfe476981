import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { issueToken } from '@/lib/auth/one-time-token';
import type { TActor } from '@/lib/auth/permissions';
import { appUrl } from '@/lib/email/app-url';
import { sendEmail } from '@/lib/email/send-email';
import { AppError } from '@/lib/errors/app-error';
import { managedUsersWhere } from './manage-user';
import { ZInviteProviderUserSchema, ZInviteUserSchema } from './user-schema';

export const INVITE_HOURS = 72;

type TNewUser = ({ kind: 'council' } & z.infer<typeof ZInviteUserSchema>) | ({ kind: 'provider' } & z.infer<typeof ZInviteProviderUserSchema>);

/**
 * Adds a user within the actor's own council or organisation and emails a one-time link to set a
 * password. An address already used by one of the actor's own users is refused by the field; one
 * used elsewhere (another council, a provider) is answered as if invited, so an administrator
 * cannot learn who has an account elsewhere: its owner is told instead, and nothing is added.
 */
export async function inviteUser(prisma: PrismaClient, actor: TActor, input: TNewUser, ip: string): Promise<{ userId: string | null }> {
  const scope =
    input.kind === 'council' && actor.role === 'ADMIN' && actor.councilId
      ? { role: input.role, councilId: actor.councilId }
      : input.kind === 'provider' && actor.role === 'PROVIDER' && actor.providerManager && actor.providerId
        ? { role: 'PROVIDER' as const, providerId: actor.providerId, providerManager: input.manager }
        : null;
  if (!scope) throw new AppError('FORBIDDEN');
  const invited = await prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing && (await tx.user.count({ where: { AND: [{ id: existing.id }, managedUsersWhere(actor)] } })) > 0) {
      throw new AppError('VALIDATION', 'Check the highlighted fields.', { email: ['Someone already uses this email address'] });
    }
    if (existing) {
      // Recorded outside the actor's council, where their own audit search cannot see it.
      await recordAudit(
        tx,
        { ...actor, councilId: null },
        { action: 'user.invite-existing', entityType: 'User', entityId: existing.id, ip, details: { by: actor.councilId ?? actor.providerId } },
      );
      return null;
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, ...scope } });
    const issued = await issueToken(tx, user.id, 'INVITE', INVITE_HOURS);
    await recordAudit(tx, actor, { action: 'user.invited', entityType: 'User', entityId: user.id, ip, details: { role: scope.role } });
    return { userId: user.id, token: issued };
  });
  if (!invited) {
    await sendEmail({
      to: input.email,
      subject: 'You have been invited to HomeFirst Brokerage',
      text: `Hello,\n\nSomeone tried to give this address access to HomeFirst Brokerage, but it already has an account. Sign in at ${appUrl()}/sign-in as usual, or reset your password there if you have forgotten it. If you need access for another organisation, ask its administrator.\n\nIf you were not expecting this, ignore this email.`,
    });
    return { userId: null };
  }
  await sendInvite(input, invited.token);
  return { userId: invited.userId };
}

/** The invitation email with its one-time link to set a password. */
export async function sendInvite(to: { email: string; name: string }, token: string): Promise<void> {
  await sendEmail({
    to: to.email,
    subject: 'You have been invited to HomeFirst Brokerage',
    text: `Hello ${to.name},\n\nYou have been given access to HomeFirst Brokerage. Set your password with this link within ${INVITE_HOURS} hours:\n\n${appUrl()}/set-password/${token}\n\nIf you were not expecting this, ignore this email.`,
  });
}
