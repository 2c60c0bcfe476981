import { requirePageActor } from '@/lib/auth/require-page-actor';
import { prisma } from '@/lib/db';
import { formatLondon } from '@/lib/time/london';
import { listManagedUsers } from '@/lib/user/manage-user';
import { InviteForm } from './invite-form';
import { UserControls } from './user-controls';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requirePageActor('user:manage');
  const users = await listManagedUsers(prisma, actor);
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="text-slate-700">Your council’s staff. A change ends the person’s current sessions at once.</p>
      <InviteForm />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Council users</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Two-step</th>
              <th scope="col" className="px-3 py-2">Last signed in</th>
              <th scope="col" className="px-3 py-2">Role and access</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-200 align-top" data-testid={`user-${u.email}`}>
                <th scope="row" className="px-3 py-2 text-left font-medium">{u.name}{u.disabledAt ? ' (disabled)' : ''}</th>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">{u.mfaEnabled ? 'On' : 'Off'}</td>
                <td className="px-3 py-2">{u.lastSignInAt ? formatLondon(u.lastSignInAt) : 'Never'}</td>
                <td className="px-3 py-2">
                  <UserControls user={{ id: u.id, name: u.name, role: u.role, disabled: Boolean(u.disabledAt), mfaEnabled: u.mfaEnabled }} self={u.id === actor.userId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
