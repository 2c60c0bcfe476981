import 'server-only';
import { redirect } from 'next/navigation';
import { can, mfaSetupRequired, type Permission, type TActor } from './permissions';
import { getActor } from './session';

/** For pages: the signed-in actor holding `permission`, or a redirect (sign in, set up MFA, no access). */
export async function requirePageActor(permission: Permission): Promise<TActor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (mfaSetupRequired(actor) && permission !== 'account:manage') redirect('/account/mfa');
  if (!can(actor, permission)) redirect('/no-access');
  return actor;
}
