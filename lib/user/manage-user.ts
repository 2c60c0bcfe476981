import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { COUNCIL_ROLES, type TActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { TUserChange } from './user-schema';

// Who manages whom: a council administrator manages their own council's staff; a provider's
// manager manages their own organisation's users. Each change bumps the user's session version,
// so it takes effect on their next request. The scope is inside every `where`.

/** The users an actor may manage, as a Prisma filter: nobody, unless the actor manages people. */
export function managedUsersWhere(actor: TActor): Prisma.UserWhereInput {
  if (actor.role === 'ADMIN' && actor.councilId) return { councilId: actor.councilId, role: { in: [...COUNCIL_ROLES] } };
  if (actor.role === 'PROVIDER' && actor.providerManager && actor.providerId) return { providerId: actor.providerId, role: 'PROVIDER' };
  return { id: { in: [] } };
}

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
