import Link from 'next/link';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { approvalLimitOf } from '@/lib/approval/approval-limits';
import { listChangeRequests } from '@/lib/change-request/list-change-requests';
import { yearlyCost } from '@/lib/domain/approval';
import { visitChanges } from '@/lib/domain/visit-text';
import { countOf, formatPoundsAndPence } from '@/lib/format';
import { formatDay, formatLondon } from '@/lib/time/london';

export const metadata = { title: 'Change requests' };

/** "Today", "1 day", "12 days": how long a request has waited. */
const ageText = (days: number) => (days === 0 ? 'Today' : countOf(days, 'day'));

/**
 * The brokers' and BEST's queue of providers' change requests waiting for a decision, oldest
 * first: each one's age, what it changes, its yearly cost and whether the signed-in user's
 * approval limit covers it. Decisions are made on the package's page.
 */
export default async function ChangeRequestsPage() {
  const { actor, db } = await requirePageActor('change-request:decide');
  const now = new Date();
  const [requests, limit] = await Promise.all([listChangeRequests(db, actor, now), approvalLimitOf(db, actor.councilId, actor.userId)]);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Change requests from providers</h1>
      <p className="text-slate-700">
        {limit === null
          ? 'You have no approval limit, so you can refuse a request or hold it for an assessment, and approve decreases, but an increase goes to someone with a limit.'
          : `Your approval limit is ${formatPoundsAndPence(limit)} a year: an increase costing more is passed to someone with a higher limit.`}{' '}
        A year is the weekly cost × 52.
      </p>
      {requests.length === 0 ? (
        <p>No change requests are waiting for a decision.</p>
      ) : (
        <>
          <p>{countOf(requests.length, 'request')} waiting, oldest first.</p>
          <DataTable
            caption="Change requests waiting for a decision, oldest first"
            columns={['Package', 'Waiting', { label: 'Cost a year', numeric: true }, 'Within your limit', 'Provider', 'Change']}
            testId="change-request-queue"
            stacked
          >
            {requests.map((r) => {
              const { added, removed } = visitChanges(r.previousVisits, r.visits);
              return (
                <Row key={r.id} top stacked testId={`change-request-${r.reference}`}>
                  <RowHeader label="Package">
                    <Link href={`/packages/${r.reference}#approval`} className="underline">
                      {r.reference}
                    </Link>
                    {r.status === 'REFERRED' ? <span className="block text-sm font-normal">Passed up for a higher limit</span> : null}
                  </RowHeader>
                  <Cell label="Waiting">
                    <strong>{ageText(r.ageDays)}</strong>
                    <span className="block text-slate-600">asked {formatLondon(r.requestedAt)}</span>
                  </Cell>
                  <Cell numeric label="Cost a year">
                    {r.weeklyCostChange < 0 ? `saves ${formatPoundsAndPence(yearlyCost(-r.weeklyCostChange))}` : formatPoundsAndPence(r.yearlyCost)}
                    <span className="block text-slate-600">
                      {r.weeklyCostChange < 0 ? '−' : '+'}
                      {formatPoundsAndPence(Math.abs(r.weeklyCostChange))} a week
                    </span>
                  </Cell>
                  <Cell label="Within your limit">{r.canApprove ? 'Yes' : 'No: above your limit'}</Cell>
                  <Cell label="Provider">{r.providerName}</Cell>
                  <Cell label="Change" className="sm:min-w-64">
                    <span className="block">From {formatDay(r.startDate)}</span>
                    {added.map((t, i) => (
                      <span key={`a${i}`} className="block">
                        Add: {t}
                      </span>
                    ))}
                    {removed.map((t, i) => (
                      <span key={`r${i}`} className="block">
                        Remove: {t}
                      </span>
                    ))}
                    <span className="block whitespace-pre-line text-slate-700">Why: {r.reason}</span>
                  </Cell>
                </Row>
              );
            })}
          </DataTable>
        </>
      )}
    </section>
  );
}
