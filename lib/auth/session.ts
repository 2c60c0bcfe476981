import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { prisma } from '@/lib/db';
import { authOptions } from './auth-options';
import { actorFromIdentity, type TActor } from './permissions';

/**
 * Who is asking, or null. The session's version must match the user's current one and the user
 * must not be disabled: so a change to the account ends its sessions on their next request.
 */
export const getActor = cache(async (): Promise<TActor | null> => {
  const session = await getServerSession(authOptions);
  return session?.uid ? actorForSession(prisma, { uid: session.uid, sv: session.sv }) : null;
});

export async function actorForSession(db: PrismaClient, session: { uid: string; sv?: number }): Promise<TActor | null> {
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      councilId: true,
      providerId: true,
      providerManager: true,
      mfaEnabled: true,
      sessionVersion: true,
      disabledAt: true,
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== session.sv) return null;
  // A row whose role and council or provider disagree gives no session.
  return actorFromIdentity({ userId: user.id, email: user.email, name: user.name, mfaEnabled: user.mfaEnabled }, user);
}
