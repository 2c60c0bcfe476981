import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { PATHWAY_LABEL, PATHWAY_TEXT } from '@/lib/domain/labels';
import { AppError } from '@/lib/errors/app-error';
import { countOf, formatHours, formatPercent, formatPoundsAndPence } from '@/lib/format';
import { getWaitingPoolBatch, type TItemState, type TReplacementItemView } from '@/lib/replacement/get-replacement-batch';
import { formatLondon } from '@/lib/time/london';
import { SendPoolButton } from './send-button';

export const metadata = { title: 'Waiting pool plan' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SOLVER_TEXT = {
  OPTIMAL: 'The best possible plan (proved)',
  TIME_LIMIT: 'The best plan found in the time allowed',
  GREEDY: 'A simple plan (the optimiser was not available)',
} as const;

function stateText(state: TItemState, planned: boolean): string {
  switch (state.kind) {
    case 'PROPOSED':
      if (state.alreadyOffered) return 'Planned, but this provider already has an open offer of it: nothing new is sent';
      return planned ? 'Planned, not sent' : 'Stays in the cascade as it is';
    case 'OFFERED':
      return `Offered, answer due by ${formatLondon(state.deadline)}`;
    case 'REBROKERED':
      return `Still waiting: in the cascade, round ${state.round}`;
    case 'OPEN_MARKET':
      return 'Still waiting: on the open market';
    case 'PLACED':
      return `Placed with ${state.providerName} on ${formatLondon(state.since)}`;
    case 'NOT_SENT':
      return 'Not sent: it changed after the plan, or the provider already had the offer';
    case 'CLOSED':
      return state.status === 'ENDED' ? 'Package ended' : 'Package cancelled';
  }
}

function ItemCard({ item, sent }: { item: TReplacementItemView; sent: boolean }) {
  return (
    <li className="space-y-1 p-3" data-testid={`pool-item-${item.reference}`}>
      <p className="flex flex-wrap items-baseline justify-between gap-x-3">
        <Link className="font-mono font-medium underline" href={`/packages/${encodeURIComponent(item.reference)}`}>
          {item.reference}
        </Link>
        <span className="text-sm text-slate-700">
          {item.locality} · {PATHWAY_LABEL[item.pathway]} · {formatHours(item.carerHours)} carer-hours a week
        </span>
      </p>
      {item.proposedProvider ? (
        <p>
          <span className="font-medium">{item.proposedProvider.name}</span>
          <span className="text-sm text-slate-700">
            {item.tier !== null ? `, cascade tier ${item.tier}` : ''}
            {item.proposedContract ? `, contract ${item.proposedContract}` : ''}
          </span>
        </p>
      ) : (
        <p className="font-medium text-red-800">No provider can take it in this plan</p>
      )}
      {item.reasons.length ? (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-700">
          {item.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <p className="text-sm" data-testid="pool-item-state">
        <span className="sr-only">{sent ? 'Now: ' : 'Status: '}</span>
        {stateText(item.state, item.proposedProvider !== null)}
      </p>
    </li>
  );
}

export default async function WaitingPoolPlanPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { actor, db } = await requirePageActor('package:write');
  const { batchId } = await params;
  if (!UUID.test(batchId)) notFound();
  let batch;
  try {
    batch = await getWaitingPoolBatch(db, actor, batchId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const { solver } = batch;
  const sent = batch.status === 'OFFERED';
  const pool = [batch.locality?.name ?? 'all localities', batch.pathway ? PATHWAY_TEXT[batch.pathway] : 'all pathways'].join(', ');
  const planned = batch.items.filter((i) => i.proposedProvider);
  const toSend = planned.filter((i) => !(i.state.kind === 'PROPOSED' && i.state.alreadyOffered)).length;
  const unplaced = batch.items.filter((i) => !i.proposedProvider);
  const cascade = solver?.cascade;
  const more = cascade && solver ? solver.placed - cascade.placed : 0;
  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/broker">
          Packages waiting
        </Link>{' '}
        /{' '}
        <Link className="underline" href="/broker/pool">
          Plan the waiting pool
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Waiting pool plan: {pool}</h1>
        <p role="status" className="text-slate-700" data-testid="pool-status">
          {sent && batch.offeredAt
            ? `Offers sent ${formatLondon(batch.offeredAt)}.`
            : `Plan made ${formatLondon(batch.createdAt)} for ${countOf(batch.totals.packages, 'package')}. Nothing has been offered yet.`}
        </p>
      </header>

      {solver && cascade ? (
        <section aria-labelledby="compare-heading" className="space-y-2">
          <h2 id="compare-heading" className="text-xl font-semibold">
            This plan and one by one
          </h2>
          <p data-testid="pool-difference">
            {more > 0
              ? `Planned together, ${countOf(more, 'more package')} ${more === 1 ? 'finds' : 'find'} a provider than offering them one by one, oldest first.`
              : more === 0
                ? 'Offering them one by one, oldest first, would place as many packages as this plan.'
                : `This plan places ${countOf(-more, 'fewer package')} but more carer-hours, giving room to discharges and reablement first.`}
          </p>
          <DataTable
            caption="This plan beside the cascade’s one-by-one order"
            columns={['', { label: 'This plan', numeric: true }, { label: 'One by one', numeric: true }]}
            testId="pool-compare"
          >
            <Row>
              <RowHeader>Packages placed</RowHeader>
              <Cell numeric>{`${solver.placed} of ${solver.packages}`}</Cell>
              <Cell numeric>{`${cascade.placed} of ${solver.packages}`}</Cell>
            </Row>
            <Row>
              <RowHeader>Carer-hours a week</RowHeader>
              <Cell numeric>{formatHours(solver.placedHours)}</Cell>
              <Cell numeric>{formatHours(cascade.placedHours)}</Cell>
            </Row>
            <Row>
              <RowHeader>Weekly cost</RowHeader>
              <Cell numeric>{formatPoundsAndPence(solver.weeklyCost)}</Cell>
              <Cell numeric>{formatPoundsAndPence(cascade.weeklyCost)}</Cell>
            </Row>
          </DataTable>
          <p className="text-sm text-slate-700" data-testid="solver-status">
            {SOLVER_TEXT[solver.status]}
            {solver.seconds !== null ? ` in ${solver.seconds.toFixed(1)} s` : ''}.
            {solver.gap !== null && solver.gap > 0 ? ` Gap to the best possible: ${formatPercent(solver.gap)}.` : ''} Each package goes to a provider that is
            active, holds a contract in force covering its locality, can staff its visits and has declared spare capacity at its times; discharges count three
            times, reablement twice.
          </p>
        </section>
      ) : null}

      {toSend > 0 || sent ? <SendPoolButton batchId={batch.id} planned={toSend} sent={sent} /> : null}

      <section aria-labelledby="planned-heading" className="space-y-2">
        <h2 id="planned-heading" className="text-xl font-semibold">
          {sent ? 'Offered' : 'To offer'} ({planned.length})
        </h2>
        {planned.length ? (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="pool-planned">
            {planned.map((i) => (
              <ItemCard key={i.packageId} item={i} sent={sent} />
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">The plan finds no provider for any of these packages.</p>
        )}
      </section>
      {unplaced.length ? (
        <section aria-labelledby="unplaced-heading" className="space-y-2">
          <h2 id="unplaced-heading" className="text-xl font-semibold">
            No provider in the plan ({unplaced.length})
          </h2>
          <p className="text-sm text-slate-700">These stay in the cascade as they are. Each says why, and who nearly could take it.</p>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="pool-unplaced">
            {unplaced.map((i) => (
              <ItemCard key={i.packageId} item={i} sent={sent} />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
