import type { Metadata } from 'next';
import { PackageFilter } from '@/components/package-filter';
import { PageSection } from '@/components/page-section';
import { VariancesTable } from '@/components/variances-table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { VARIANCE_STATUS_LABEL } from '@/lib/domain/labels';
import { listProviderSubmissions, listProviderVariances } from '@/lib/money/list-money';
import { listRemittances } from '@/lib/money/payment-files';
import { formatDay, formatLondon } from '@/lib/time/london';
import { UploadForm } from './upload-form';

export const metadata: Metadata = { title: 'Delivered care' };
export const dynamic = 'force-dynamic';

const iso = (d: Date) => d.toISOString().slice(0, 10);

export default async function ActualsPage({ searchParams }: { searchParams: Promise<{ package?: string }> }) {
  const { actor, db } = await requirePageActor('actuals:submit');
  const reference = ((await searchParams).package ?? '').trim().slice(0, 40);
  const [submissions, { rows: variances, total }, remittances] = await Promise.all([
    listProviderSubmissions(db, actor.providerId),
    listProviderVariances(db, actor.providerId, reference),
    listRemittances(db, actor.providerId),
  ]);
  return (
    <section className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Delivered care</h1>
      <PageSection id="send-heading" title="Send delivered care" card>
        <UploadForm />
      </PageSection>

      <PageSection id="sent-heading" title="What you have sent" card className="space-y-2">
        {submissions.length === 0 ? <p>Nothing yet.</p> : null}
        <ul className="text-sm">
          {submissions.map((s) => (
            <li key={s.id}>
              {formatLondon(s.submittedAt)}: {s.fileName ?? 'by API'}, {s.rowCount} rows — {s.status === 'APPLIED' ? 'saved' : 'refused (nothing saved)'}
            </li>
          ))}
        </ul>
      </PageSection>

      <PageSection id="variances-heading" title="Reconciliation" card className="space-y-2">
        <PackageFilter action="/provider/actuals" value={reference} shown={variances.length} total={total} />
        {variances.length === 0 ? (
          <p>No differences from the care commissioned.</p>
        ) : (
          <VariancesTable
            caption="Differences between delivered and commissioned care"
            variances={variances}
            decisionLabel="Council’s decision"
            decision={(v) => `${VARIANCE_STATUS_LABEL[v.status]}${v.reason ? `: ${v.reason}` : ''}`}
          />
        )}
      </PageSection>

      <PageSection id="remittances-heading" title="Remittances" card className="space-y-2">
        {remittances.length === 0 ? <p>No payments yet.</p> : null}
        <ul className="text-sm">
          {remittances.map((r) => (
            <li key={r.runId}>
              <a className="font-medium text-brand-800 underline" href={`/provider/actuals/remittance/${r.councilId}/${r.runId}`} download>
                {r.council}, {formatDay(iso(r.periodStart))}: £{Number(r.amount).toFixed(2)}
              </a>
            </li>
          ))}
        </ul>
      </PageSection>
    </section>
  );
}
