import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { prisma } from '@/lib/db';
import { authOptions } from './auth-options';
import { sessionTooOld } from './end-session';
import { actorFromIdentity, type TActor } from './permissions';

/**
 * Who is asking, or null. The session's version must match the user's current one and the user
 * must not be disabled: so a change to the account ends its sessions on their next request. A
 * browser session must also carry its own id and sign-in time: it ends when signed out, and 12
 * hours after signing in.
 */
export const getActor = cache(async (): Promise<TActor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid || !session.sid || !session.at) return null;
  return actorForSession(prisma, { uid: session.uid, sv: session.sv, sid: session.sid, at: session.at });
});

export async function actorForSession(
  db: PrismaClient,
  session: { uid: string; sv?: number; sid?: string; at?: number },
  now = new Date(),
): Promise<TActor | null> {
  if (session.at !== undefined && sessionTooOld(session.at, now)) return null;
  if (session.sid !== undefined && (await db.endedSession.findUnique({ where: { sid: session.sid }, select: { sid: true } }))) return null;
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
