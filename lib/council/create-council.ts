import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { issueToken } from '@/lib/auth/one-time-token';
import type { TPlatformActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { INVITE_HOURS, sendInvite } from '@/lib/user/invite-user';

export const ZCreateCouncilSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,6}$/, 'Enter a code of 2 to 6 letters, like KHC: it starts every package reference'),
  name: z.string().trim().min(3, 'Enter the council’s name').max(120, 'The name must be 120 characters or fewer'),
  adminName: z.string().trim().min(1, 'Enter the first administrator’s name').max(120, 'Name must be 120 characters or fewer'),
  adminEmail: z.email('Enter an email address like name@council.gov.uk').trim().toLowerCase(),
});
export type TCreateCouncil = z.input<typeof ZCreateCouncilSchema>;

/**
 * A platform administrator adds a council: the council, its settings (with their defaults) and its
 * first administrator in one transaction, then emails the administrator a link to set a password.
 * The administrator sets up the council's geography and invites its staff from there.
 */
export async function createCouncil(
  prisma: PrismaClient,
  actor: TPlatformActor,
  input: TCreateCouncil,
  ip: string | null = null,
): Promise<{ councilId: string; adminId: string }> {
  const { code, name, adminName, adminEmail } = parseOrThrow(ZCreateCouncilSchema, input);
  const { councilId, adminId, token } = await prisma.$transaction(async (tx) => {
    const errors: Record<string, string[]> = {};
    if (await tx.council.findUnique({ where: { code }, select: { id: true } })) errors.code = [`Another council already has the code ${code}`];
    if (await tx.user.findUnique({ where: { email: adminEmail }, select: { id: true } })) errors.adminEmail = ['Someone already uses this email address'];
    if (Object.keys(errors).length) throw new AppError('VALIDATION', 'Check the highlighted fields.', errors);
    const council = await tx.council.create({ data: { code, name, setting: { create: {} } }, select: { id: true } });
    const admin = await tx.user.create({ data: { email: adminEmail, name: adminName, role: 'ADMIN', councilId: council.id }, select: { id: true } });
    const issued = await issueToken(tx, admin.id, 'INVITE', INVITE_HOURS);
    await recordAudit(tx, actor, {
      action: 'council.created',
      entityType: 'Council',
      entityId: council.id,
      councilId: council.id,
      ip,
      details: { code, name },
    });
    await recordAudit(tx, actor, { action: 'user.invited', entityType: 'User', entityId: admin.id, councilId: council.id, ip, details: { role: 'ADMIN' } });
    return { councilId: council.id, adminId: admin.id, token: issued };
  });
  await sendInvite({ email: adminEmail, name: adminName }, token);
  return { councilId, adminId };
}
