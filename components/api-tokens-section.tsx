import type { TAction } from '@/lib/action/define-action';
import type { listApiTokens } from '@/lib/auth/api-token';
import { formatLondon } from '@/lib/time/london';
import { CreateTokenForm, RevokeButton } from './api-token-forms';
import { Cell, DataTable, Row, RowHeader } from './table';

type Props = {
  tokens: Awaited<ReturnType<typeof listApiTokens>>;
  scopesByRole: Parameters<typeof CreateTokenForm>[0]['scopesByRole'];
  create: Parameters<typeof CreateTokenForm>[0]['create'];
  revoke: TAction<{ tokenId: string }, void>;
};

/** A council's or a provider's API tokens: make one, see them all, revoke. */
export function ApiTokensSection({ tokens, scopesByRole, create, revoke }: Props) {
  return (
    <>
      <CreateTokenForm scopesByRole={scopesByRole} create={create} />
      {tokens.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No tokens yet.</p>
      ) : (
        <DataTable caption="API tokens" columns={['Name', 'Starts', 'Acts as', 'Permissions', 'Last used', 'Expires', { label: 'Revoke', srOnly: true }]}>
          {tokens.map((t) => (
            <Row key={t.id}>
              <RowHeader>
                {t.name}
                {t.revokedAt ? ' (revoked)' : ''}
              </RowHeader>
              <Cell className="font-mono">{t.prefix}…</Cell>
              <Cell>{t.role.toLowerCase()}</Cell>
              <Cell>{t.scopes.join(', ')}</Cell>
              <Cell>{t.lastUsedAt ? formatLondon(t.lastUsedAt) : 'Never'}</Cell>
              <Cell>{t.expiresAt ? formatLondon(t.expiresAt) : 'Never'}</Cell>
              <Cell>{t.revokedAt ? null : <RevokeButton tokenId={t.id} name={t.name} revoke={revoke} />}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </>
  );
}
