import { PersonDetails, VisitList } from '@/components/person-details';
import { ProviderContact } from '@/components/provider-contact';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { lastDayBefore } from '@/lib/package/line-dates';
import { getAwardedPackage } from '@/lib/provider/list-provider-placements';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import { AppError } from '@/lib/errors/app-error';
import { formatHoursBrief } from '@/lib/format';
import { codeLabel, PATHWAY_LABEL } from '@/lib/domain/labels';
import { reablementLastDay } from '@/lib/domain/reablement';
import { formatDay, formatLondon } from '@/lib/time/london';
import { carerHours } from '@/lib/domain/carer-hours';
import { listProviderChangeRequests, type TProviderChangeRequestRow } from '@/lib/change-request/list-change-requests';
import { OPEN_REQUEST_STATUSES } from '@/lib/change-request/current-care';
import { formatWeekday, londonDate } from '@/lib/time/london';
import { visitText } from '@/lib/domain/visit-text';
import { ChangeRequestForm } from './change-request-form';

export const metadata = { title: 'Placement' };

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

const OUTCOME: Record<TProviderChangeRequestRow['status'], string> = {
  PENDING: 'Waiting for a decision',
  REFERRED: 'Waiting for a decision (passed to a senior approver)',
  APPROVED: 'Approved',
  APPROVED_IN_PART: 'Approved in part',
  REFUSED: 'Refused',
  NEEDS_ASSESSMENT: 'Needs an assessment first',
};

export default async function PlacementPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePageActor('offer:read-own');
  const { id } = await params;
  let placement;
  try {
    placement = await getAwardedPackage(db, actor, id, requestIp(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const pkg = placement.package;
  const p = pkg.person;
  const hours = carerHours(pkg.visits);
  const starts = pkg.serviceLines.reduce<Date | null>((first, l) => (first === null || l.startDate < first ? l.startDate : first), null);
  const { broker, team } = placement.contact;
  const requests = await listProviderChangeRequests(db, actor, pkg.id);
  const today = londonDate(new Date());
  const tomorrow = iso(new Date(Date.parse(`${today}T00:00:00Z`) + DAY));
  const live = pkg.status === 'PLACED' || pkg.status === 'IN_HOSPITAL';
  const running = pkg.serviceLines.filter((l) => l.endDate === null);
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {pkg.reference}: {p.givenName} {p.familyName}
        </h1>
        <p className="text-slate-700">
          Placed with you on {formatLondon(placement.startedAt)} by {pkg.council.name} · {PATHWAY_LABEL[pkg.pathway]} · {pkg.locality.name}
        </p>
      </header>
      <section aria-labelledby="care" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="care" className="text-lg font-semibold">
          The care
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="font-medium">Starts</dt>
          <dd>{starts ? formatDay(starts) : 'Not set'}</dd>
          {pkg.pathway === 'REABLEMENT' && pkg.placedAt ? (
            <>
              <dt className="font-medium">Reablement ends</dt>
              <dd>{formatDay(reablementLastDay({ reablementEndsOn: pkg.reablementEndsOn, placedAt: pkg.placedAt }))} at the latest</dd>
            </>
          ) : null}
          <dt className="font-medium">Hours</dt>
          <dd>{formatHoursBrief(hours)} carer-hours a week</dd>
          <dt className="font-medium">Rate</dt>
          <dd>
            {pounds.format(placement.hourlyRate)} an hour (contract {placement.contract.reference})
          </dd>
        </dl>
      </section>
      {live ? (
        <section aria-labelledby="change" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="change" className="text-lg font-semibold">
            Change the care
          </h2>
          <ChangeRequestForm
            reference={pkg.reference}
            visits={pkg.visits.map((v) => ({ days: [...v.days], start: v.start, minutes: v.minutes, carers: v.carers === 2 ? 2 : 1 }))}
            lines={running.map((l) => ({ type: l.type, hoursPerWeek: Number(l.hoursPerWeek), startDate: '', endDate: '' }))}
            today={today}
            tomorrow={tomorrow}
            waiting={requests.some((r) => (OPEN_REQUEST_STATUSES as readonly string[]).includes(r.status))}
          />
        </section>
      ) : null}
      {requests.length ? (
        <section aria-labelledby="requests" className="space-y-2">
          <h2 id="requests" className="text-lg font-semibold">
            Your change requests
          </h2>
          <DataTable caption="Your change requests, latest first" columns={['Asked on', 'From', 'Reason', 'Outcome']}>
            {requests.map((r) => (
              <Row key={r.id}>
                <RowHeader className="font-normal">{formatLondon(r.requestedAt)}</RowHeader>
                <Cell>{formatDay(r.startDate)}</Cell>
                <Cell className="whitespace-pre-line">{r.reason}</Cell>
                <Cell>
                  <strong>{OUTCOME[r.status]}</strong>
                  {r.decidedAt ? ` on ${formatLondon(r.decidedAt)}` : ''}
                  {r.decisionNote ? <span className="block whitespace-pre-line">{r.decisionNote}</span> : null}
                  {r.lastDay ? <span className="block">Until {formatDay(r.lastDay)}, then back to the care before.</span> : null}
                </Cell>
              </Row>
            ))}
          </DataTable>
        </section>
      ) : null}
      <section aria-labelledby="contact" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="contact" className="text-lg font-semibold">
          Your contact at {pkg.council.name}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          {broker ? (
            <>
              <dt className="font-medium">Broker</dt>
              <dd>
                {broker.name} <ProviderContact phone={null} email={broker.email} name={broker.name} className="inline-flex" />
              </dd>
            </>
          ) : null}
          <dt className="font-medium">Brokerage team</dt>
          <dd>
            {team.phone || team.email ? (
              <ProviderContact phone={team.phone} email={team.email} name={`${pkg.council.name} brokerage team`} />
            ) : (
              'No contact details set yet'
            )}
          </dd>
        </dl>
      </section>
      <PersonDetails person={p}>
        {p.phone ? (
          <>
            <dt className="font-medium">Phone</dt>
            <dd>{p.phone}</dd>
          </>
        ) : null}
        {pkg.notes ? (
          <>
            <dt className="font-medium">Notes from the council</dt>
            <dd className="whitespace-pre-line">{pkg.notes}</dd>
          </>
        ) : null}
      </PersonDetails>
      <VisitList visits={pkg.visits} />
      {placement.visitsAhead.map((a) => (
        <section key={a.from.toISOString()} aria-labelledby={`visits-from-${iso(a.from)}`} className="border-l-4 border-brand-700 pl-3">
          <h2 id={`visits-from-${iso(a.from)}`} className="text-lg font-semibold">
            Visits from {formatWeekday(a.from)}
          </h2>
          <ul className="mt-2 text-sm">
            {a.visits.map((v) => (
              <li key={v.id}>
                {visitText(v)}
                {v.isNew ? <strong> (new from this day)</strong> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="lines" className="space-y-2">
        <h2 id="lines" className="text-lg font-semibold">
          Service lines
        </h2>
        {pkg.serviceLines.length === 0 ? (
          <p className="text-sm">No service lines are recorded for you on this package.</p>
        ) : (
          <DataTable
            caption="Service lines"
            columns={['Service', { label: 'Carer-hours a week', numeric: true }, 'From', 'To', { label: 'Rate', numeric: true }]}
          >
            {pkg.serviceLines.map((l) => (
              <Row key={l.id}>
                <RowHeader>
                  {codeLabel(l.type)}
                  {l.doubleHanded ? ' (two carers)' : ''}
                </RowHeader>
                <Cell numeric>{formatHoursBrief(Number(l.hoursPerWeek))}</Cell>
                <Cell>{formatDay(l.startDate)}</Cell>
                <Cell>{l.endDate ? formatDay(lastDayBefore(l.endDate)) : 'Ongoing'}</Cell>
                <Cell numeric>{l.hourlyRate === null ? '—' : pounds.format(Number(l.hourlyRate))}</Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </section>
    </article>
  );
}
