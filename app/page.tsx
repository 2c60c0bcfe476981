import { redirect } from 'next/navigation';
import { mfaSetupRequired, ROLE_HOME } from '@/lib/auth/permissions';
import { getActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** Everyone starts at their role's home; anyone not signed in starts at sign-in. */
export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  redirect(mfaSetupRequired(actor) ? '/account/mfa' : ROLE_HOME[actor.role]);
}
