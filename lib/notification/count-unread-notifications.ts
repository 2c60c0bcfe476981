import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';
import { poolOf } from '@/lib/database/client';

// Every signed-in page's header asks this: one statement, named so each connection plans it once,
// on the client's own connections without the Prisma client's per-query work (poolOf). A user of
// no provider passes null, which matches no row.
const UNREAD = {
  name: 'unread-notifications',
  text: `SELECT count(*)::int AS "n" FROM "Notification"
         WHERE "readAt" IS NULL AND ("userId" = $1::uuid OR "providerId" = $2::uuid)`,
};

/** How many of the actor's notifications (their own, and their provider's) are unread: the bell's number. */
export async function countUnreadNotifications(prisma: PrismaClient, actor: Pick<TActor, 'userId' | 'providerId'>): Promise<number> {
  const { rows } = await poolOf(prisma).query<{ n: number }>(UNREAD, [actor.userId, actor.providerId]);
  return rows[0].n;
}
