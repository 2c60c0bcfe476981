import { ApiTokensSection } from '@/components/api-tokens-section';
import { listApiTokens, permissionsOf, scopesWithin } from '@/lib/auth/api-token';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { createApiTokenAction, revokeApiTokenAction } from './actions';

export const metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const { actor, db } = await requirePageActor('token:manage');
  const tokens = await listApiTokens(db, actor);
  // Only permissions the administrator holds themselves: a token never carries more than its maker.
  const offer = (role: 'COMMISSIONER' | 'BROKER' | 'BEST') => scopesWithin(permissionsOf(role), actor.role);
  const scopes = { COMMISSIONER: offer('COMMISSIONER'), BROKER: offer('BROKER'), BEST: offer('BEST') };
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="text-slate-700">
        Tokens let your council’s own systems use the HomeFirst API (
        <a className="underline" href="/api/v1/openapi.json">
          OpenAPI description
        </a>
        ). Each acts as one role, for the permissions you give it, until it expires or you revoke it. A token can have only permissions you have yourself.
      </p>
      <ApiTokensSection tokens={tokens} scopesByRole={scopes} create={createApiTokenAction} revoke={revokeApiTokenAction} />
    </section>
  );
}
