import { ManagedUsersTable } from '@/components/managed-users-table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { listManagedUsers } from '@/lib/user/manage-user';
import { changeUserAction } from './actions';
import { InviteForm } from './invite-form';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const { actor, db } = await requirePageActor('user:manage');
  const users = await listManagedUsers(db, actor);
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="text-slate-700">Your council’s staff. A change ends the person’s current sessions at once.</p>
      <InviteForm />
      <ManagedUsersTable users={users} actorId={actor.userId} variant="council" change={changeUserAction} caption="Council users" />
    </section>
  );
}
