import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { recordRefusal } from '@/lib/audit/record-refusal';
import { prisma } from '@/lib/db';
import { actorWith, mfaSetupRequired, type Permission, type TActorFor } from './permissions';
import { requestIp } from './request-ip';
import { getActor } from './session';

export type TPageContext<P extends Permission> = { actor: TActorFor<P>; db: PrismaClient };

/** For pages: the signed-in actor holding `permission` and the database, or a redirect (sign in, set up MFA, no access). */
export async function requirePageActor<P extends Permission>(permission: P): Promise<TPageContext<P>> {
  const signedIn = await getActor();
  if (!signedIn) redirect('/sign-in');
  if (mfaSetupRequired(signedIn) && permission !== 'account:manage') redirect('/account/mfa');
  const actor = actorWith(signedIn, permission);
  if (!actor) {
    await recordRefusal(prisma, { actor: signedIn, what: `page ${permission}`, code: 'FORBIDDEN', ip: requestIp(await headers()) });
    redirect('/no-access');
  }
  return { actor, db: prisma };
}

/** For pages and layouts anyone may open without signing in (a one-time link's landing page, the site's header): the database only. */
export function publicPageContext(): { db: PrismaClient } {
  return { db: prisma };
}
