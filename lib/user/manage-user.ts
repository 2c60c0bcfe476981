import 'server-only';
import type { PrismaClient, Role } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';

// A council admin manages the staff of their own council. Each change bumps the user's session
// version, so it takes effect on their next request. The council is inside every `where`.

export const COUNCIL_ROLES = ['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'] as const satisfies readonly Role[];

export const ZChangeUserSchema = z.discriminatedUnion('kind', [
  z.object({ userId: z.uuid(), kind: z.literal('disable') }),
  z.object({ userId: z.uuid(), kind: z.literal('enable') }),
  z.object({ userId: z.uuid(), kind: z.literal('reset-mfa') }),
  z.object({ userId: z.uuid(), kind: z.literal('role'), role: z.enum(COUNCIL_ROLES, 'Choose a role') }),
]);

export type TChangeUser = z.infer<typeof ZChangeUserSchema>;
export type TUserChange = DistributiveOmit<TChangeUser, 'userId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function changeCouncilUser(prisma: PrismaClient, actor: TActor, userId: string, change: TUserChange, ip: string): Promise<void> {
  if (userId === actor.userId && change.kind !== 'reset-mfa') {
    throw new AppError('VALIDATION', 'You cannot disable yourself or change your own role; ask another administrator.');
  }
  const data =
    change.kind === 'disable' ? { disabledAt: new Date() }
    : change.kind === 'enable' ? { disabledAt: null }
    : change.kind === 'reset-mfa' ? { mfaEnabled: false, mfaSecret: null }
    : { role: change.role };
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, councilId: actor.councilId ?? '', role: { in: [...COUNCIL_ROLES] } },
      data: { ...data, sessionVersion: { increment: 1 } },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'That user is not one of your council’s staff.');
    await recordAudit(tx, actor, { action: `user.${change.kind}`, entityType: 'User', entityId: userId, ip, details: change.kind === 'role' ? { role: change.role } : undefined });
  });
}

export async function listCouncilUsers(prisma: PrismaClient, actor: TActor) {
  return prisma.user.findMany({
    where: { councilId: actor.councilId ?? '' },
    orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, disabledAt: true, mfaEnabled: true, lastSignInAt: true },
  });
}
