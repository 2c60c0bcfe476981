import { listCouncilApiTokens, permissionsOf } from '@/lib/auth/api-token';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { prisma } from '@/lib/db';
import { formatLondon } from '@/lib/time/london';
import { CreateTokenForm, RevokeButton } from './token-forms';

export const metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const actor = await requirePageActor('token:manage');
  const tokens = await listCouncilApiTokens(prisma, actor);
  const scopes = { BROKER: permissionsOf('BROKER'), BEST: permissionsOf('BEST'), COMMISSIONER: permissionsOf('COMMISSIONER') };
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="text-slate-700">Tokens let your council’s own systems use the HomeFirst API. Each acts as one role, for the permissions you give it, until it expires or you revoke it.</p>
      <CreateTokenForm scopesByRole={scopes} />
      {tokens.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No tokens yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Name</th>
                <th scope="col" className="px-3 py-2">Starts</th>
                <th scope="col" className="px-3 py-2">Acts as</th>
                <th scope="col" className="px-3 py-2">Permissions</th>
                <th scope="col" className="px-3 py-2">Last used</th>
                <th scope="col" className="px-3 py-2">Expires</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Revoke</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-medium">{t.name}{t.revokedAt ? ' (revoked)' : ''}</th>
                  <td className="px-3 py-2 font-mono">{t.prefix}…</td>
                  <td className="px-3 py-2">{t.role.toLowerCase()}</td>
                  <td className="px-3 py-2">{t.scopes.join(', ')}</td>
                  <td className="px-3 py-2">{t.lastUsedAt ? formatLondon(t.lastUsedAt) : 'Never'}</td>
                  <td className="px-3 py-2">{t.expiresAt ? formatLondon(t.expiresAt) : 'Never'}</td>
                  <td className="px-3 py-2">{t.revokedAt ? null : <RevokeButton tokenId={t.id} name={t.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
