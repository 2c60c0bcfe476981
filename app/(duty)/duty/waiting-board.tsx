import Link from 'next/link';
import { ProviderContact } from '@/components/provider-contact';
import type { ReactNode } from 'react';
import { formatHours } from '@/lib/format';
import { CONTRACT_TYPE_TEXT, DECLINE_REASON_TEXT, PATHWAY_LABEL, PHONE_OUTCOME_LABEL } from '@/lib/domain/labels';
import type { TWaitingRow } from '@/lib/duty/list-duty-board';
import { shortLondon } from '@/lib/time/london';
import { DutyClock } from './duty-clock';
import { PhoneContactForm } from './phone-contact-form';
import { DutyRow } from './duty-row';
import { PushButton } from './push-button';
import { LateFridayBadge } from './labels';

const SOURCE: Record<TWaitingRow['clock']['source'], string> = {
  READY: 'Ready',
  POSTED: 'No ready time: counted from posting,',
  RECORDED: 'No ready time: counted from recording,',
};

function offerAnswer(o: TWaitingRow['offers'][number], now: Date): string {
  switch (o.status) {
    case 'OFFERED':
      return o.deadline > now ? `waiting, answer by ${shortLondon(o.deadline, now)}` : `no answer by ${shortLondon(o.deadline, now)}`;
    case 'ACCEPTED':
      return 'accepted';
    case 'DECLINED':
      return `declined${o.declineReason ? `: ${DECLINE_REASON_TEXT[o.declineReason]}` : ''}`;
    case 'EXPIRED':
      return `no answer by ${shortLondon(o.deadline, now)}`;
    case 'WITHDRAWN':
      return 'withdrawn';
  }
}

// On a phone the card shows the clock, the package and Push (in that order); the rest opens behind
// "More details" (DutyRow). On a wide screen every cell is a table cell in column order.
const PHONE_PLACE = { clock: 'order-1', package: 'order-2', actions: 'order-3', detail: 'order-5 hidden group-data-[open=true]:block' } as const;

function Cell({ label, children, header, place }: { label: string; children: ReactNode; header?: boolean; place: keyof typeof PHONE_PLACE }) {
  const className = `${PHONE_PLACE[place]} block px-0 py-1 align-top md:table-cell md:px-3 md:py-2`;
  const content = (
    <>
      <span className="block text-xs font-semibold uppercase tracking-wide text-slate-600 md:hidden">{label}</span>
      {children}
    </>
  );
  return header ? (
    <th scope="row" className={`${className} text-left font-normal`}>
      {content}
    </th>
  ) : (
    <td className={className}>{content}</td>
  );
}

/**
 * The packages waiting, most urgent first: a table on wide screens, one card per package on a
 * phone (the same markup, laid out by the screen width).
 */
export function WaitingBoard({ rows, now }: { rows: TWaitingRow[]; now: Date }) {
  return (
    <div
      role="region"
      aria-label="Packages waiting"
      tabIndex={0}
      className="focus:outline-2 focus:outline-offset-2 focus:outline-slate-900 md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white"
    >
      <table className="block w-full text-sm md:table" data-testid="duty-board">
        <caption className="sr-only">Discharge and reablement packages waiting for a provider, most urgent first</caption>
        <thead className="hidden bg-slate-100 text-left md:table-header-group">
          <tr>
            {['Clock', 'Package', 'Where', 'Offers in this round', 'Calls', 'Actions'].map((c) => (
              <th key={c} scope="col" className="px-3 py-2">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0">
          {rows.map((r) => (
            <DutyRow key={r.id} reference={r.reference}>
              <Cell label="Clock" place="clock">
                <div className="w-full space-y-1 md:w-40">
                  <DutyClock
                    reference={r.reference}
                    startedAt={r.clock.startedAt.toISOString()}
                    targetMinutes={r.clock.targetMinutes}
                    serverNow={now.toISOString()}
                  />
                  <p className="hidden text-xs text-slate-700 md:block">
                    {SOURCE[r.clock.source]} <time dateTime={r.clock.startedAt.toISOString()}>{shortLondon(r.clock.startedAt, now)}</time>; target{' '}
                    {r.clock.targetMinutes / 60} hours
                  </p>
                  {r.lateFriday ? <LateFridayBadge /> : null}
                </div>
              </Cell>
              <Cell label="Package" header place="package">
                <Link href={`/packages/${r.reference}`} className="font-mono font-semibold underline">
                  {r.reference}
                </Link>
                <span className="block font-medium">{r.person}</span>
                <span className="block">
                  {PATHWAY_LABEL[r.pathway]}
                  {r.hospital ? ` from ${r.hospital.name} (${r.hospital.code})` : ''}
                </span>
                <span className="block text-slate-700">
                  {formatHours(r.hours)} carer-hours a week{r.doubleHanded ? ', two carers' : ''}
                </span>
                {r.splitFrom ? (
                  <span className="block text-slate-700">
                    Alongside long-term package{' '}
                    <Link href={`/packages/${r.splitFrom}`} className="underline">
                      {r.splitFrom}
                    </Link>
                  </span>
                ) : null}
              </Cell>
              <Cell label="Where" place="detail">
                <span className="block">
                  {r.locality.name}
                  {r.locality.rural ? ' (rural)' : ''}
                </span>
                <span className="block text-slate-700">STEP area: {r.area ?? 'none'}</span>
              </Cell>
              <Cell label="Offers in this round" place="detail">
                <p className="font-medium">
                  {r.status === 'DRAFT' ? 'Draft: not offered yet' : r.status === 'OPEN_MARKET' ? `Open market, round ${r.round}` : `Round ${r.round}`}
                  {r.roundDeadline ? `, closes ${shortLondon(r.roundDeadline, now)}` : ''}
                </p>
                {r.roundOutlastsClock && r.roundDeadline ? (
                  <p className="mt-1 border-l-4 border-amber-600 bg-amber-50 p-2 text-sm" data-testid="round-outlasts-clock">
                    <strong>This round closes after the clock’s target</strong> ({shortLondon(r.clock.dueAt, now)}): nothing moves on its own before it
                    breaches. Phone the providers or push it.
                  </p>
                ) : null}
                {r.offers.length ? (
                  <ul className="mt-1 space-y-0.5" aria-label={`Offers for ${r.reference}`}>
                    {r.offers.map((o) => (
                      <li key={o.providerId}>
                        {o.provider}
                        {o.contractType ? ` (${CONTRACT_TYPE_TEXT[o.contractType]})` : ''}: {offerAnswer(o, now)}
                        <ProviderContact phone={o.phone} email={o.email} name={o.provider} />
                      </li>
                    ))}
                  </ul>
                ) : r.status !== 'DRAFT' ? (
                  <p className="text-slate-700">No offer in this round.</p>
                ) : null}
                {r.earlierOffers ? (
                  <p className="text-slate-700">
                    {r.earlierOffers} offer{r.earlierOffers === 1 ? '' : 's'} in earlier rounds
                  </p>
                ) : null}
              </Cell>
              <Cell label="Calls" place="detail">
                {r.calls.length ? (
                  <ul className="space-y-0.5">
                    {r.calls.map((c) => (
                      <li key={c.id}>
                        <time dateTime={c.at.toISOString()}>{shortLondon(c.at, now)}</time> {c.provider ?? 'Someone'}:{' '}
                        {PHONE_OUTCOME_LABEL[c.outcome].toLowerCase()}
                        {c.notes ? (
                          <span className="block text-slate-700">
                            “{c.notes}” ({c.by})
                          </span>
                        ) : (
                          <span className="text-slate-700"> ({c.by})</span>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-slate-700">No calls yet.</p>
                )}
                {r.callCount > r.calls.length ? (
                  <Link href={`/packages/${r.reference}`} className="underline">
                    All {r.callCount} calls
                  </Link>
                ) : null}
                <div className="mt-2 md:w-64">
                  <PhoneContactForm packageId={r.id} reference={r.reference} targets={r.callTargets} />
                </div>
              </Cell>
              <Cell label="Actions" place="actions">
                <div className="md:w-40">
                  <PushButton packageId={r.id} reference={r.reference} draft={r.status === 'DRAFT'} />
                </div>
              </Cell>
            </DutyRow>
          ))}
        </tbody>
      </table>
    </div>
  );
}
