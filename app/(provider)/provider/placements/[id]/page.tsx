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

export const metadata = { title: 'Placement' };

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

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
