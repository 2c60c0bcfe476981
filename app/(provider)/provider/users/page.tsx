import { ManagedUsersTable } from '@/components/managed-users-table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getOwnProvider } from '@/lib/provider/get-own-provider';
import { listManagedUsers } from '@/lib/user/manage-user';
import { changeProviderUserAction } from './actions';
import { InviteProviderUserForm } from './invite-provider-user-form';

export const metadata = { title: 'Your organisation’s users' };

export default async function ProviderUsersPage() {
  const { actor, db } = await requirePageActor('provider-user:manage');
  const [provider, users] = await Promise.all([getOwnProvider(db, actor), listManagedUsers(db, actor)]);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Users at {provider.name}</h1>
      <p className="text-slate-700">People in your organisation who can see and answer offers from every council you work for.</p>
      <InviteProviderUserForm />
      <ManagedUsersTable users={users} actorId={actor.userId} variant="provider" change={changeProviderUserAction} caption="Organisation users" />
    </section>
  );
}
