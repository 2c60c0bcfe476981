import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Stat } from '@/components/stat';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { AppError } from '@/lib/errors/app-error';
import { formatHours, formatPercent, formatPounds } from '@/lib/format';
import { PATHWAY_LABEL } from '@/lib/domain/labels';
import { getReplacementBatch, type TItemState } from '@/lib/replacement/get-replacement-batch';
import { formatLondon } from '@/lib/time/london';
import { SendButton } from './send-button';

export const metadata = { title: 'Re-placement plan' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SOLVER_TEXT = {
  OPTIMAL: 'Best possible plan (proved)',
  TIME_LIMIT: 'Best plan found in the time allowed',
  GREEDY: 'Simple plan (the optimiser was not available)',
} as const;

function stateText(state: TItemState, proposed: boolean): string {
  switch (state.kind) {
    case 'PROPOSED':
      return proposed ? 'Planned, not sent' : 'No provider in the plan: goes to the wider market';
    case 'OFFERED':
      return `Offered, waiting for an answer by ${formatLondon(state.deadline)}`;
    case 'REBROKERED':
      return `Declined or lapsed: offered on in round ${state.round}`;
    case 'OPEN_MARKET':
      return 'On the open market';
    case 'PLACED':
      return `Placed with ${state.providerName} on ${formatLondon(state.since)}`;
    case 'NOT_SENT':
      return 'Not sent: still with the suspended provider';
    case 'CLOSED':
      return state.status === 'ENDED' ? 'Package ended' : 'Package cancelled';
  }
}

export default async function ReplacementBatchPage({ params }: { params: Promise<{ providerId: string; batchId: string }> }) {
  const { actor, db } = await requirePageActor('provider:suspend');
  const { providerId, batchId } = await params;
  if (!UUID.test(providerId) || !UUID.test(batchId)) notFound();
  let batch;
  try {
    batch = await getReplacementBatch(db, actor, { providerId, batchId });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const solver = batch.solver;
  const sent = batch.status === 'OFFERED';
  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/providers">
          Providers
        </Link>{' '}
        /{' '}
        <Link className="underline" href={`/providers/${providerId}`}>
          {batch.provider.name}
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Re-placing {batch.provider.name}&apos;s packages</h1>
        <p role="status" className="text-slate-700" data-testid="batch-status">
          {sent && batch.offeredAt ? `Offers sent ${formatLondon(batch.offeredAt)}.` : `Plan made ${formatLondon(batch.createdAt)}. Nothing has been sent yet.`}
        </p>
      </header>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat
          label="Packages"
          value={String(batch.totals.packages)}
          hint={`${formatHours(batch.totals.carerHours)} carer-hours a week`}
          testId="batch-packages"
        />
        <Stat label="With a provider in the plan" value={String(batch.totals.proposed)} testId="batch-proposed" />
        <Stat label="Placed so far" value={String(batch.totals.placed)} testId="batch-placed" />
        {solver ? <Stat label="Weekly cost of the plan" value={formatPounds(solver.weeklyCost)} /> : null}
      </dl>

      {solver ? (
        <section aria-labelledby="solver-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="solver-heading" className="text-base font-semibold">
            How the plan was made
          </h2>
          <p data-testid="solver-status">
            {SOLVER_TEXT[solver.status]}
            {solver.seconds !== null ? ` in ${solver.seconds.toFixed(1)} s` : ''}.
            {solver.gap !== null ? ` Gap to the best possible: ${formatPercent(solver.gap)}.` : ''}
          </p>
          <p>
            Planned {formatHours(solver.placedHours)} of {formatHours(solver.placedHours + solver.unplacedHours)} carer-hours a week. Each package goes to a
            provider that is active, holds a contract in force covering its locality, can staff its visits and has spare capacity at its times, in the order of
            the contract cascade.
          </p>
        </section>
      ) : null}

      {!sent ? <SendButton batchId={batch.id} packages={batch.totals.packages} providerName={batch.provider.name} /> : null}

      <DataTable
        caption="Packages in this re-placement"
        columns={['Package', 'Locality', 'Pathway', { label: 'Carer-hours a week', numeric: true }, 'Proposed provider', 'Why', sent ? 'Now' : 'Status']}
        testId="replacement-items"
      >
        {batch.items.map((i) => (
          <Row key={i.packageId} top testId={`item-${i.reference}`}>
            <RowHeader>{i.reference}</RowHeader>
            <Cell>{i.locality}</Cell>
            <Cell>{PATHWAY_LABEL[i.pathway] ?? i.pathway}</Cell>
            <Cell numeric>{formatHours(i.carerHours)}</Cell>
            <Cell>
              {i.proposedProvider ? (
                <>
                  {i.proposedProvider.name}
                  {i.proposedContract ? <span className="block text-xs text-slate-600">Contract {i.proposedContract}</span> : null}
                </>
              ) : (
                'None: wider market'
              )}
            </Cell>
            <Cell className="max-w-sm text-slate-700">{i.reasons.join('; ')}</Cell>
            <Cell>{stateText(i.state, i.proposedProvider !== null)}</Cell>
          </Row>
        ))}
      </DataTable>
    </section>
  );
}
