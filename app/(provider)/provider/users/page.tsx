import { requirePageActor } from '@/lib/auth/require-page-actor';
import { prisma } from '@/lib/db';
import { formatLondon } from '@/lib/time/london';
import { listManagedUsers } from '@/lib/user/manage-user';
import { ProviderUserControls, InviteProviderUserForm } from './provider-user-forms';

export const metadata = { title: 'Your organisation’s users' };

export default async function ProviderUsersPage() {
  const actor = await requirePageActor('provider-user:manage');
  const [provider, users] = await Promise.all([
    prisma.provider.findUniqueOrThrow({ where: { id: actor.providerId ?? '' }, select: { name: true } }),
    listManagedUsers(prisma, actor),
  ]);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Users at {provider.name}</h1>
      <p className="text-slate-700">People in your organisation who can see and answer offers from every council you work for.</p>
      <InviteProviderUserForm />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Organisation users</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Last signed in</th>
              <th scope="col" className="px-3 py-2">Access</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">{u.name}{u.disabledAt ? ' (disabled)' : ''}</th>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">{u.lastSignInAt ? formatLondon(u.lastSignInAt) : 'Never'}</td>
                <td className="px-3 py-2">
                  <ProviderUserControls user={{ id: u.id, name: u.name, manager: u.providerManager, disabled: Boolean(u.disabledAt), mfaEnabled: u.mfaEnabled }} self={u.id === actor.userId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
