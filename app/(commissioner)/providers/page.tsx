import Link from 'next/link';
import { fetchPage, Pager } from '@/components/pager';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { CQC_LABEL } from '@/lib/domain/labels';
import { formatHours } from '@/lib/format';
import { listRegisteredProviders } from '@/lib/provider/list-provider-packages';
import { formatLondon } from '@/lib/time/london';
import { ProviderContact } from '@/components/provider-contact';
import { StatusTag } from './status-tag';
import { SubmitButton, TextInput } from '@/components/form';

export const metadata = { title: 'Providers' };

export default async function ProvidersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const { actor, db } = await requirePageActor('provider:suspend');
  const reviews = can(actor, 'provider:review');
  const { q = '', page: pageParam } = await searchParams;
  const {
    result: { rows, total },
    page,
    pages,
  } = await fetchPage(pageParam, (window) => listRegisteredProviders(db, actor, { q, ...window }));
  const href = (n: number) => `/providers?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Providers</h1>
      <p className="max-w-3xl text-slate-700">
        Your council&apos;s register of home-care providers and the packages each is delivering now. Open a provider to suspend it (for example after a CQC
        Inadequate rating or a contract default) and re-place its packages with other providers.
      </p>
      {reviews ? (
        <p>
          <Link className="underline" href="/providers/cqc">
            Update CQC ratings from CQC&apos;s ratings file
          </Link>
        </p>
      ) : null}
      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <TextInput id="q" name="q" type="search" label="Provider name contains" defaultValue={q} compact />
        <SubmitButton>Search</SubmitButton>
      </form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {total} provider{total === 1 ? '' : 's'}
        {q ? ` matching “${q}”` : ''}, suspended first.
      </p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No providers match. Try a shorter part of the name.</p>
      ) : (
        <DataTable
          caption="Providers on the council's register"
          columns={[
            'Provider',
            'Status',
            'CQC rating',
            { label: 'Active packages', numeric: true },
            { label: 'Carer-hours a week', numeric: true },
            'Office contact',
          ]}
          testId="providers-table"
        >
          {rows.map((r) => (
            <Row key={r.id} testId={`provider-${r.id}`}>
              <RowHeader>
                <Link className="underline" href={`/providers/${r.id}`}>
                  {r.name}
                </Link>
              </RowHeader>
              <Cell>
                <StatusTag status={r.status} />
                {r.reviewFlaggedAt ? <span className="block text-xs font-semibold text-amber-800">Review needed</span> : null}
                {r.status === 'SUSPENDED' ? <span className="block text-xs text-slate-600">since {formatLondon(r.statusChangedAt)}</span> : null}
              </Cell>
              <Cell>{CQC_LABEL[r.cqcRating]}</Cell>
              <Cell numeric>{r.packages}</Cell>
              <Cell numeric>{formatHours(r.carerHours)}</Cell>
              <Cell>
                <ProviderContact phone={r.phone} email={r.email} name={r.name} />
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pager page={page} pages={pages} href={href} label="Provider pages" />
    </section>
  );
}
