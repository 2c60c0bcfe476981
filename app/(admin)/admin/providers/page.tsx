import Link from 'next/link';
import { ProviderContact } from '@/components/provider-contact';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { fetchPage, Pager } from '@/components/pager';
import { countCouncilProviders, listCouncilProviders } from '@/lib/provider/council-providers';
import { RegisterProviderForm } from './register-provider-form';
import { CQC_LABEL } from '@/lib/domain/labels';

export const metadata = { title: 'Provider organisations' };

export default async function ProvidersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { actor, db } = await requirePageActor('provider-org:manage');
  const total = await countCouncilProviders(db, actor);
  const {
    result: providers,
    page,
    pages,
  } = await fetchPage(
    (await searchParams).page,
    (window) => listCouncilProviders(db, actor, window),
    () => total,
  );
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Provider organisations</h1>
      <p className="text-slate-700">The {total} organisations on your council’s register. Open one to change its details or see its history.</p>
      <RegisterProviderForm />
      <DataTable
        caption="Registered provider organisations"
        columns={[
          'Organisation',
          'Office contact',
          'CQC',
          'Status',
          'Two carers',
          'Skills',
          { label: 'Contracts', numeric: true },
          { label: 'Users', numeric: true },
        ]}
      >
        {providers.map((p) => (
          <Row key={p.id}>
            <RowHeader>
              <Link className="underline" href={`/admin/providers/${p.id}`}>
                {p.name}
              </Link>
            </RowHeader>
            <Cell>
              <ProviderContact phone={p.phone} email={p.email} name={p.name} />
            </Cell>
            <Cell>
              {CQC_LABEL[p.cqcRating]} <span className="font-mono text-xs">{p.cqcLocationId}</span>
            </Cell>
            <Cell>{p.status === 'ACTIVE' ? 'Active' : `Suspended${p.statusReason ? `: ${p.statusReason}` : ''}`}</Cell>
            <Cell>{p.doubleHanded ? 'Yes' : 'No'}</Cell>
            <Cell>{p.skills.map((s) => s.toLowerCase().replace(/_/g, ' ')).join(', ') || '—'}</Cell>
            <Cell numeric>{p.contracts}</Cell>
            <Cell numeric>{p.users}</Cell>
          </Row>
        ))}
      </DataTable>
      <Pager page={page} pages={pages} href={(n) => `/admin/providers?page=${n}`} label="Provider pages" />
    </section>
  );
}
