import { Cell, DataTable, Row, RowHeader } from '@/components/table';
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
        <DataTable caption="API tokens" columns={['Name', 'Starts', 'Acts as', 'Permissions', 'Last used', 'Expires', { label: 'Revoke', srOnly: true }]}>
          {tokens.map((t) => (
            <Row key={t.id}>
              <RowHeader>{t.name}{t.revokedAt ? ' (revoked)' : ''}</RowHeader>
              <Cell className="font-mono">{t.prefix}…</Cell>
              <Cell>{t.role.toLowerCase()}</Cell>
              <Cell>{t.scopes.join(', ')}</Cell>
              <Cell>{t.lastUsedAt ? formatLondon(t.lastUsedAt) : 'Never'}</Cell>
              <Cell>{t.expiresAt ? formatLondon(t.expiresAt) : 'Never'}</Cell>
              <Cell>{t.revokedAt ? null : <RevokeButton tokenId={t.id} name={t.name} />}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </section>
  );
}
