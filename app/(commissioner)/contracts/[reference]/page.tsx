import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { can } from '@/lib/auth/permissions';
import { pathText } from '@/lib/security/path-text';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { AFFECTED_SHOWN, getContract } from '@/lib/contract/get-contract';
import { CONTRACT_TYPE_LABEL, PATHWAY_LABEL } from '@/lib/domain/labels';
import { AppError } from '@/lib/errors/app-error';
import { formatHours, formatPounds } from '@/lib/format';
import { formatDay, formatLondon, londonDate } from '@/lib/time/london';
import { EndForm, MoveButton, RateForm, RetenderForm } from './change-forms';

export const metadata = { title: 'Contract' };

const HISTORY_TEXT: Record<string, string> = {
  'contract.created': 'Registered',
  'contract.varied': 'Varied',
  'contract.ended': 'Ended',
  'contract.rate-added': 'New rate',
  'contract.retender-planned': 'Re-tender planned',
  'contract.retender-moved': 'Packages moved (re-tender)',
};

const SAVED_TEXT: Record<string, string> = { created: 'The contract is registered.', varied: 'The variation is saved.' };

/** One line saying what a history entry changed, from its audit details. */
function describe(action: string, details: unknown): string {
  const d = (details ?? {}) as Record<string, unknown>;
  if (action === 'contract.varied') return typeof d.reason === 'string' ? d.reason : '';
  if (action === 'contract.ended')
    return `Last day ${typeof d.lastDay === 'string' ? formatDay(d.lastDay) : ''}${typeof d.reason === 'string' ? `: ${d.reason}` : ''}`;
  if (action === 'contract.rate-added' && typeof d.hourlyRate === 'number' && typeof d.validFrom === 'string')
    return `${formatPounds(d.hourlyRate)} an hour from ${formatDay(d.validFrom)}`;
  if (action === 'contract.retender-planned' && typeof d.moveOn === 'string') return `${String(d.packages)} packages, move date ${formatDay(d.moveOn)}`;
  if (action === 'contract.retender-moved') return `${String(d.moved)} packages moved`;
  return '';
}

export default async function ContractPage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { actor, db } = await requirePageActor('contract:read');
  const reference = pathText((await params).reference);
  if (reference === null) notFound();
  const { saved } = await searchParams;
  const now = new Date();
  let contract;
  try {
    contract = await getContract(db, actor, reference, now);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const manage = can(actor, 'contract:manage');
  const packagesLinked = can(actor, 'package:read');
  const today = londonDate(now);
  const ended = contract.validTo !== null && contract.validTo.toISOString().slice(0, 10) < today;

  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/contracts">
          Contracts
        </Link>
      </nav>
      {saved && SAVED_TEXT[saved] ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
          {SAVED_TEXT[saved]}
        </p>
      ) : null}
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold break-words">Contract {contract.reference}</h1>
        <p>
          {CONTRACT_TYPE_LABEL[contract.type]} contract with <span className="font-medium">{contract.providerName}</span>
          {contract.hospitalName ? ` for discharges from ${contract.hospitalName}` : ''}
          {contract.personName ? ` for ${contract.personName}` : ''}.
        </p>
        <p data-testid="contract-term">
          <span className={`mr-2 rounded px-2 py-0.5 text-sm font-medium ${contract.inForce ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-900'}`}>
            {contract.inForce ? 'In force' : ended ? 'Ended' : 'Not yet in force'}
          </span>
          {formatDay(contract.validFrom)} to {contract.validTo ? formatDay(contract.validTo) : 'no end date'}
        </p>
        {contract.endReason ? <p className="text-sm text-slate-700">Ending: {contract.endReason}</p> : null}
        <p>
          Rate today: <span className="font-medium">{formatPounds(contract.rateNow)}</span> an hour
        </p>
        {manage ? (
          <p>
            <Link className="underline" href={`/contracts/${encodeURIComponent(contract.reference)}/vary`}>
              Vary this contract
            </Link>
          </p>
        ) : null}
      </header>

      <section aria-labelledby="localities-heading" className="space-y-2">
        <h2 id="localities-heading" className="text-xl font-semibold">
          Localities
        </h2>
        <DataTable
          caption="Localities the contract covers, with target shares"
          columns={['Locality', { label: 'Target share', numeric: true }, 'Other holders in force']}
        >
          {contract.localities.map((l) => (
            <Row key={l.id} top>
              <RowHeader>{l.name}</RowHeader>
              <Cell numeric>{l.targetShare === null ? '—' : `${l.targetShare}%`}</Cell>
              <Cell>
                {l.others.length === 0
                  ? 'None'
                  : l.others.map((o) => (
                      <span key={o.reference} className="block">
                        {o.reference} ({o.providerName}, {CONTRACT_TYPE_LABEL[o.type]}){o.targetShare === null ? '' : `: ${o.targetShare}%`}
                      </span>
                    ))}
              </Cell>
            </Row>
          ))}
        </DataTable>
        <p className="text-sm text-slate-700">
          Each holder&apos;s actual share of a shared locality against its target is on the{' '}
          <Link className="underline" href="/dashboards">
            dashboards
          </Link>
          .
        </p>
      </section>

      <section aria-labelledby="rates-heading" className="space-y-2">
        <h2 id="rates-heading" className="text-xl font-semibold">
          Rates
        </h2>
        <DataTable caption="The contract's rates and the days they apply from" columns={['From', { label: 'Hourly rate', numeric: true }, 'Reason', 'Set by']}>
          <Row>
            <RowHeader>{formatDay(contract.validFrom)}</RowHeader>
            <Cell numeric>{formatPounds(contract.startingRate)}</Cell>
            <Cell>Starting rate</Cell>
            <Cell>—</Cell>
          </Row>
          {contract.rates.map((r) => (
            <Row key={r.validFrom.toISOString()}>
              <RowHeader>{formatDay(r.validFrom)}</RowHeader>
              <Cell numeric>{formatPounds(r.hourlyRate)}</Cell>
              <Cell>{r.reason ?? ''}</Cell>
              <Cell>
                {r.setBy ?? 'The system'}
                <span className="block text-xs text-slate-600">{formatLondon(r.setAt)}</span>
              </Cell>
            </Row>
          ))}
        </DataTable>
      </section>

      {manage ? (
        <section aria-labelledby="change-heading" className="space-y-3">
          <h2 id="change-heading" className="text-xl font-semibold">
            Change the contract
          </h2>
          <div className="grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
            <RateForm contractId={contract.id} />
            <EndForm contractId={contract.id} reference={contract.reference} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="packages-heading" className="space-y-2">
        <h2 id="packages-heading" className="text-xl font-semibold">
          Packages placed under it now
        </h2>
        {contract.affected.total === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No package is placed under this contract now.</p>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              {contract.affected.total} package{contract.affected.total === 1 ? '' : 's'}
              {contract.affected.total > AFFECTED_SHOWN ? `; the first ${AFFECTED_SHOWN} by reference are listed` : ''}.
            </p>
            <DataTable
              caption="Packages placed under this contract"
              columns={['Package', 'Locality', 'Pathway', { label: 'Carer-hours a week', numeric: true }]}
            >
              {contract.affected.shown.map((p) => (
                <Row key={p.id}>
                  <RowHeader>
                    {packagesLinked ? (
                      <Link className="underline" href={`/packages/${encodeURIComponent(p.reference)}`}>
                        {p.reference}
                      </Link>
                    ) : (
                      p.reference
                    )}
                  </RowHeader>
                  <Cell>{p.locality}</Cell>
                  <Cell>{PATHWAY_LABEL[p.pathway]}</Cell>
                  <Cell numeric>{formatHours(p.carerHours)}</Cell>
                </Row>
              ))}
            </DataTable>
            {manage ? <RetenderForm contractId={contract.id} choices={contract.incomingChoices} packages={contract.affected.total} /> : null}
          </>
        )}
      </section>

      {contract.retenders.length > 0 ? (
        <section aria-labelledby="retenders-heading" className="space-y-3">
          <h2 id="retenders-heading" className="text-xl font-semibold">
            Re-tender plans
          </h2>
          {contract.retenders.map((b) => {
            const moving = b.items.filter((i) => i.moves);
            const moveOn = b.moveOn ? formatDay(b.moveOn) : '';
            return (
              <article key={b.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid={`retender-${b.id}`}>
                <h3 className="font-semibold">
                  To {b.incoming?.reference} ({b.incoming?.providerName}) on {moveOn}
                </h3>
                <p className="text-sm text-slate-700">
                  Planned {formatLondon(b.createdAt)}. {moving.length} of {b.items.length} package{b.items.length === 1 ? '' : 's'} can move.{' '}
                  {b.status === 'MOVED' && b.movedAt ? `Moved ${formatLondon(b.movedAt)}.` : ''}
                </p>
                <DataTable
                  caption={`Packages in the plan to ${b.incoming?.reference ?? ''}`}
                  columns={['Package', 'Plan', { label: 'Carer-hours a week', numeric: true }]}
                >
                  {b.items.map((i) => (
                    <Row key={i.packageId} top>
                      <RowHeader>{i.reference}</RowHeader>
                      <Cell>
                        {i.moves ? 'Moves' : 'Stays for now'}
                        {i.reasons.length ? <span className="block text-xs text-slate-600">{i.reasons.join('; ')}</span> : null}
                      </Cell>
                      <Cell numeric>{formatHours(i.carerHours)}</Cell>
                    </Row>
                  ))}
                </DataTable>
                {manage && b.status === 'PREVIEWED' && moving.length > 0 ? (
                  b.moveOn && b.moveOn.toISOString().slice(0, 10) <= today ? (
                    <MoveButton batchId={b.id} packages={moving.length} moveOn={moveOn} incoming={b.incoming?.providerName ?? 'the incoming provider'} />
                  ) : (
                    <p className="text-sm">The packages can be moved from {moveOn}.</p>
                  )
                ) : null}
              </article>
            );
          })}
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-xl font-semibold">
          History
        </h2>
        {contract.history.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No changes recorded since it was loaded into the register.</p>
        ) : (
          <ol className="space-y-2">
            {contract.history.map((h, i) => (
              <li key={i} className="rounded border border-slate-200 bg-white p-3">
                <p className="font-medium">
                  {HISTORY_TEXT[h.action] ?? h.action}{' '}
                  <span className="font-normal text-slate-700">
                    by {h.by}, {formatLondon(h.at)}
                  </span>
                </p>
                {describe(h.action, h.details) ? <p className="text-sm break-words">{describe(h.action, h.details)}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
