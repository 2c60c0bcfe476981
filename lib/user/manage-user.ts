import 'server-only';
import type { Prisma, PrismaClient, Role } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';

// Who manages whom: a council administrator manages their own council's staff; a provider's
// manager manages their own organisation's users. Each change bumps the user's session version,
// so it takes effect on their next request. The scope is inside every `where`.

export const COUNCIL_ROLES = ['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'] as const satisfies readonly Role[];

/** The users an actor may manage, as a Prisma filter: nobody, unless the actor manages people. */
export function managedUsersWhere(actor: TActor): Prisma.UserWhereInput {
  if (actor.role === 'ADMIN' && actor.councilId) return { councilId: actor.councilId, role: { in: [...COUNCIL_ROLES] } };
  if (actor.role === 'PROVIDER' && actor.providerManager && actor.providerId) return { providerId: actor.providerId, role: 'PROVIDER' };
  return { id: { in: [] } };
}

export const ZChangeUserSchema = z.discriminatedUnion('kind', [
  z.object({ userId: z.uuid(), kind: z.literal('disable') }),
  z.object({ userId: z.uuid(), kind: z.literal('enable') }),
  z.object({ userId: z.uuid(), kind: z.literal('reset-mfa') }),
  z.object({ userId: z.uuid(), kind: z.literal('role'), role: z.enum(COUNCIL_ROLES, 'Choose a role') }),
  z.object({ userId: z.uuid(), kind: z.literal('manager'), manager: z.boolean() }),
]);

export type TChangeUser = z.infer<typeof ZChangeUserSchema>;
export type TUserChange = DistributiveOmit<TChangeUser, 'userId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function changeUser(prisma: PrismaClient, actor: TActor, userId: string, change: TUserChange, ip: string): Promise<void> {
  if (userId === actor.userId && change.kind !== 'reset-mfa') {
    throw new AppError('VALIDATION', 'You cannot disable yourself or change your own role; ask someone else who manages users.');
  }
  if ((change.kind === 'role' && actor.role !== 'ADMIN') || (change.kind === 'manager' && actor.role !== 'PROVIDER')) {
    throw new AppError('FORBIDDEN');
  }
  const data: Prisma.UserUpdateManyMutationInput =
    change.kind === 'disable'
      ? { disabledAt: new Date() }
      : change.kind === 'enable'
        ? { disabledAt: null }
        : change.kind === 'reset-mfa'
          ? { mfaEnabled: false, mfaSecret: null }
          : change.kind === 'role'
            ? { role: change.role }
            : { providerManager: change.manager };
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { AND: [{ id: userId }, managedUsersWhere(actor)] },
      data: { ...data, sessionVersion: { increment: 1 } },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'That is not one of the users you manage.');
    const details = change.kind === 'role' ? { role: change.role } : change.kind === 'manager' ? { manager: change.manager } : undefined;
    await recordAudit(tx, actor, { action: `user.${change.kind}`, entityType: 'User', entityId: userId, ip, details });
  });
}

export async function listManagedUsers(prisma: PrismaClient, actor: TActor) {
  return prisma.user.findMany({
    where: managedUsersWhere(actor),
    orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, providerManager: true, disabledAt: true, mfaEnabled: true, lastSignInAt: true },
  });
}
