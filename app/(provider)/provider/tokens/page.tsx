import { ApiTokensSection } from '@/components/api-tokens-section';
import { listApiTokens, permissionsOf } from '@/lib/auth/api-token';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { createProviderApiTokenAction, revokeProviderApiTokenAction } from './actions';

export const metadata = { title: 'API tokens' };

export default async function ProviderTokensPage() {
  const { actor, db } = await requirePageActor('provider-user:manage');
  const tokens = await listApiTokens(db, actor);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="text-slate-700">
        Tokens let your rostering or care-management system read your offers, answer them and keep your capacity up to date (
        <a className="underline" href="/api/v1/openapi.json">
          OpenAPI description
        </a>
        ).
      </p>
      <ApiTokensSection
        tokens={tokens}
        scopesByRole={{ PROVIDER: permissionsOf('PROVIDER') }}
        create={createProviderApiTokenAction}
        revoke={revokeProviderApiTokenAction}
      />
    </section>
  );
}
