import Link from 'next/link';
import { notFound } from 'next/navigation';
import { fetchPage, Pager } from '@/components/pager';
import { Stat } from '@/components/stat';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { AppError } from '@/lib/errors/app-error';
import { formatHours } from '@/lib/format';
import { CQC_LABEL, PACKAGE_STATUS_LABEL, PATHWAY_LABEL } from '@/lib/domain/labels';
import { can } from '@/lib/auth/permissions';
import { ProviderContact } from '@/components/provider-contact';
import { getProviderRecord } from '@/lib/provider/get-provider-record';
import { listProviderPackages } from '@/lib/provider/list-provider-packages';
import { listReplacementBatches } from '@/lib/replacement/get-replacement-batch';
import { formatLondon } from '@/lib/time/london';
import { StatusTag } from '../status-tag';
import { PreviewButton } from './preview-button';
import { RegisterRecord } from './register-record';
import { StatusForm } from './status-form';

export const metadata = { title: 'Provider' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ProviderPage({ params, searchParams }: { params: Promise<{ providerId: string }>; searchParams: Promise<{ page?: string }> }) {
  const { actor, db } = await requirePageActor('provider:suspend');
  const { providerId } = await params;
  if (!UUID.test(providerId)) notFound();
  const { page: pageParam } = await searchParams;
  let listed;
  try {
    listed = await fetchPage(
      pageParam,
      (window) => listProviderPackages(db, actor, { providerId, ...window }),
      (result) => result.totals.packages,
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const { page, pages } = listed;
  const { provider, totals, packages } = listed.result;
  const [batches, record] = await Promise.all([listReplacementBatches(db, actor, providerId), getProviderRecord(db, actor, providerId)]);
  const suspended = provider.status === 'SUSPENDED';
  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/providers">
          Providers
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{provider.name}</h1>
        <p className="flex flex-wrap items-center gap-2">
          <StatusTag status={provider.status} />
          <span>CQC: {CQC_LABEL[provider.cqcRating]}</span>
        </p>
        <ProviderContact phone={record.phone} email={record.email} name={provider.name} />
        {provider.statusReason ? (
          <p className="text-sm text-slate-700">
            {suspended ? 'Suspended' : 'Reinstated'} on {formatLondon(provider.statusChangedAt)}: {provider.statusReason}
          </p>
        ) : null}
      </header>

      <RegisterRecord record={record} canReview={can(actor, 'provider:review')} />

      <StatusForm providerId={provider.id} providerName={provider.name} status={provider.status} />

      <section aria-labelledby="packages-heading" className="space-y-3">
        <h2 id="packages-heading" className="text-lg font-semibold">
          Packages it delivers now
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Stat label="Active packages" value={String(totals.packages)} testId="total-packages" />
          <Stat label="People affected" value={String(totals.people)} testId="total-people" />
          <Stat label="Carer-hours a week" value={formatHours(totals.carerHours)} testId="total-hours" />
          <Stat label="Double-handed" value={String(totals.doubleHanded)} />
          <Stat label="Localities" value={String(totals.localities)} />
        </dl>
        {packages.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">This provider is not delivering any packages for your council.</p>
        ) : (
          <DataTable
            caption={`Packages ${provider.name} delivers`}
            columns={['Package', 'Locality', 'Pathway', 'Status', { label: 'Carer-hours a week', numeric: true }, 'Carers', 'With it since']}
            testId="provider-packages"
          >
            {packages.map((p) => (
              <Row key={p.packageId}>
                <RowHeader>{p.reference}</RowHeader>
                <Cell>{p.locality}</Cell>
                <Cell>{PATHWAY_LABEL[p.pathway]}</Cell>
                <Cell>{PACKAGE_STATUS_LABEL[p.status]}</Cell>
                <Cell numeric>{formatHours(p.carerHours)}</Cell>
                <Cell>{p.doubleHanded ? 'Two carers' : 'One carer'}</Cell>
                <Cell className="whitespace-nowrap">{formatLondon(p.placedSince)}</Cell>
              </Row>
            ))}
          </DataTable>
        )}
        <Pager page={page} pages={pages} href={(n) => `/providers/${providerId}?page=${n}`} label="Package pages" />
        {suspended && totals.packages > 0 ? (
          <div className="space-y-1">
            <p className="max-w-3xl text-slate-700">
              Plan who could take each package, using other providers&apos; contracts and spare capacity. You will see the plan before any offer goes out.
            </p>
            <PreviewButton providerId={provider.id} />
          </div>
        ) : !suspended && totals.packages > 0 ? (
          <p className="text-sm text-slate-700">Suspend the provider to re-place its packages.</p>
        ) : null}
      </section>

      {batches.length > 0 ? (
        <section aria-labelledby="batches-heading" className="space-y-2">
          <h2 id="batches-heading" className="text-lg font-semibold">
            Re-placement plans
          </h2>
          <ul className="list-disc pl-5">
            {batches.map((b) => (
              <li key={b.id}>
                <Link className="underline" href={`/providers/${providerId}/replacements/${b.id}`}>
                  {b.status === 'OFFERED' && b.offeredAt ? `Offers sent ${formatLondon(b.offeredAt)}` : `Plan of ${formatLondon(b.createdAt)}, not sent`}
                </Link>{' '}
                ({b._count.items} package{b._count.items === 1 ? '' : 's'})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
