import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { issueToken } from '@/lib/auth/one-time-token';
import type { TActor } from '@/lib/auth/permissions';
import { sendEmail } from '@/lib/email/send-email';
import { AppError } from '@/lib/errors/app-error';
import { COUNCIL_ROLES } from './manage-user';

export const INVITE_HOURS = 72;

export const ZInviteUserSchema = z.object({
  name: z.string().trim().min(1, 'Enter their name').max(120, 'Name must be 120 characters or fewer'),
  email: z.email('Enter an email address like name@example.org').trim().toLowerCase(),
  role: z.enum(COUNCIL_ROLES, 'Choose a role'),
});
export type TInviteUser = z.infer<typeof ZInviteUserSchema>;

export function appUrl(): string {
  return (process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}

/** Adds a member of the admin's council and emails them a one-time link to set their password. */
export async function inviteCouncilUser(prisma: PrismaClient, actor: TActor, input: TInviteUser, ip: string): Promise<{ userId: string }> {
  const { userId, token } = await prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError('VALIDATION', 'Check the highlighted fields.', { email: ['Someone already uses this email address'] });
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, councilId: actor.councilId } });
    const token = await issueToken(tx, user.id, 'INVITE', INVITE_HOURS);
    await recordAudit(tx, actor, { action: 'user.invited', entityType: 'User', entityId: user.id, ip, details: { role: input.role } });
    return { userId: user.id, token };
  });
  await sendEmail({
    to: input.email,
    subject: 'You have been invited to HomeFirst Brokerage',
    text: `Hello ${input.name},\n\nYou have been given access to HomeFirst Brokerage. Set your password with this link within ${INVITE_HOURS} hours:\n\n${appUrl()}/set-password/${token}\n\nIf you were not expecting this, ignore this email.`,
  });
  return { userId };
}
