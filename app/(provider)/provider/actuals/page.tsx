import type { Metadata } from 'next';
import { PackageFilter } from '@/components/package-filter';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { listProviderSubmissions, listProviderVariances } from '@/lib/money/list-money';
import { listRemittances } from '@/lib/money/payment-files';
import { formatDay, formatLondon } from '@/lib/time/london';
import { UploadForm } from './upload-form';

export const metadata: Metadata = { title: 'Delivered care' };
export const dynamic = 'force-dynamic';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const STATUS: Record<string, string> = { OPEN: 'Not yet decided', ACCEPTED: 'Accepted', QUERIED: 'Queried', REJECTED: 'Rejected' };
const KIND: Record<string, string> = {
  SHORT: 'Short call',
  MISSED: 'Missed visit',
  LATE: 'Late call',
  OVER_DELIVERY: 'Over-delivery',
  AFTER_LINE_END: 'After the line ended',
  IN_HOSPITAL: 'During a hospital stay',
};

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
      <section aria-labelledby="send-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="send-heading" className="text-xl font-semibold">
          Send delivered care
        </h2>
        <UploadForm />
      </section>

      <section aria-labelledby="sent-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="sent-heading" className="text-xl font-semibold">
          What you have sent
        </h2>
        {submissions.length === 0 ? <p>Nothing yet.</p> : null}
        <ul className="text-sm">
          {submissions.map((s) => (
            <li key={s.id}>
              {formatLondon(s.submittedAt)}: {s.fileName ?? 'by API'}, {s.rowCount} rows — {s.status === 'APPLIED' ? 'saved' : 'refused (nothing saved)'}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="variances-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="variances-heading" className="text-xl font-semibold">
          Reconciliation
        </h2>
        <PackageFilter action="/provider/actuals" value={reference} shown={variances.length} total={total} />
        {variances.length === 0 ? (
          <p>No differences from the care commissioned.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Differences between delivered and commissioned care</caption>
              <thead>
                <tr>
                  <th scope="col" className="pr-3 align-bottom">
                    Day
                  </th>
                  <th scope="col" className="pr-3 align-bottom">
                    Package
                  </th>
                  <th scope="col" className="pr-3 align-bottom">
                    What
                  </th>
                  <th scope="col" className="pr-3 align-bottom">
                    Carer-minutes planned / delivered
                  </th>
                  <th scope="col" className="pr-3 align-bottom">
                    Council’s decision
                  </th>
                </tr>
              </thead>
              <tbody>
                {variances.map((v) => (
                  <tr key={v.id} className="border-t border-slate-200 align-top">
                    <td className="whitespace-nowrap py-1 pr-3">{formatDay(iso(v.day))}</td>
                    <td className="py-1 pr-3">{v.reference}</td>
                    <td className="py-1 pr-3">
                      {KIND[v.kind]}
                      {v.lateMinutes ? ` (${v.lateMinutes} minutes late)` : ''}
                    </td>
                    <td className="py-1 pr-3">
                      {v.kind === 'LATE' ? '—' : v.expectedMinutes} / {v.actualMinutes}
                    </td>
                    <td className="py-1 pr-3">
                      {STATUS[v.status]}
                      {v.reason ? `: ${v.reason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="remittances-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="remittances-heading" className="text-xl font-semibold">
          Remittances
        </h2>
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
      </section>
    </section>
  );
}
