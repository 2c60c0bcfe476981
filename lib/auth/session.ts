import 'server-only';
import type { PrismaClient, User } from '@prisma/client';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { prisma } from '@/lib/db';
import { poolOf } from '@/lib/database/client';
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

type TSessionRow = Pick<User, 'id' | 'email' | 'name' | 'role' | 'councilId' | 'providerId' | 'providerManager' | 'mfaEnabled' | 'sessionVersion'> & {
  disabled: boolean;
  ended: boolean;
};

// Every signed-in page starts here: one indexed read, named so each connection plans it once, on
// the client's own connections without the Prisma client's per-query work (poolOf). Nothing is
// remembered between requests: a sign-out, a disabled account or a new session version ends the
// session on its next request, in every process.
const SESSION_LOOKUP = {
  name: 'session-actor',
  text: `SELECT u."id", u."email", u."name", u."role"::text AS "role", u."councilId", u."providerId", u."providerManager", u."mfaEnabled",
           u."sessionVersion", u."disabledAt" IS NOT NULL AS "disabled",
           EXISTS (SELECT 1 FROM "EndedSession" e WHERE e."sid" = $2::uuid) AS "ended"
         FROM "User" u WHERE u."id" = $1::uuid`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function actorForSession(
  db: PrismaClient,
  session: { uid: string; sv?: number; sid?: string; at?: number },
  now = new Date(),
): Promise<TActor | null> {
  if (session.at !== undefined && sessionTooOld(session.at, now)) return null;
  // The ids were made here and signed, but a malformed one must not reach a uuid cast.
  if (!UUID.test(session.uid) || (session.sid !== undefined && !UUID.test(session.sid))) return null;
  const { rows } = await poolOf(db).query<TSessionRow>(SESSION_LOOKUP, [session.uid, session.sid ?? null]);
  const user = rows[0];
  if (!user || user.ended || user.disabled || user.sessionVersion !== session.sv) return null;
  // A row whose role and council or provider disagree gives no session.
  return actorFromIdentity({ userId: user.id, email: user.email, name: user.name, mfaEnabled: user.mfaEnabled }, user);
}
