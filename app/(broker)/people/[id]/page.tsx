import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { PersonDetails } from '@/components/person-details';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import {
  HOSPITAL_STAY_OUTCOME_TEXT,
  PACKAGE_STATUS_LABEL,
  PATHWAY_LABEL,
  PHONE_OUTCOME_LABEL,
  REABLEMENT_OUTCOME_LABEL,
  ROLE_LABEL,
} from '@/lib/domain/labels';
import { AppError } from '@/lib/errors/app-error';
import { formatHours } from '@/lib/format';
import { getPersonRecord } from '@/lib/person/get-person-record';
import { formatDay, formatLondon } from '@/lib/time/london';

export const metadata = { title: 'Person' };

/** One person's whole record: details, every package (placed and ended ones included), hospital stays, calls, and who opened it. */
export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePageActor('package:read');
  const { id } = await params;
  let record;
  try {
    record = await getPersonRecord(db, actor, id, requestIp(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const { person: p, packages, stays, calls, openings } = record;
  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <p>
          <Link href="/people" className="underline">
            People
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">
          {p.givenName} {p.familyName}
        </h1>
        <p className="text-slate-700">
          Lives in {p.locality.name} · {packages.length === 1 ? '1 package' : `${packages.length} packages`}
        </p>
        <p>
          <Link href={`/packages/new?person=${p.id}`} className="underline">
            Start a new package for {p.givenName} {p.familyName}
          </Link>
        </p>
      </header>
      <PersonDetails person={p}>
        {p.phone ? (
          <>
            <dt className="font-medium">Phone</dt>
            <dd>
              <a className="underline" href={`tel:${p.phone.replace(/\s+/g, '')}`}>
                {p.phone}
              </a>
            </dd>
          </>
        ) : null}
      </PersonDetails>

      <section aria-labelledby="packages" className="space-y-2">
        <h2 id="packages" className="text-lg font-semibold">
          Packages
        </h2>
        {packages.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No package has been drafted for this person yet.</p>
        ) : (
          <DataTable
            caption="Every package of this person, newest first"
            testId="person-packages"
            columns={['Package', 'Pathway', 'Status', 'Provider', { label: 'Hours a week', numeric: true }, 'Since', 'Ended', 'Reablement outcome']}
          >
            {packages.map((k) => (
              <Row key={k.reference}>
                <RowHeader className="font-mono font-normal">
                  <Link className="underline" href={`/packages/${encodeURIComponent(k.reference)}`}>
                    {k.reference}
                  </Link>
                </RowHeader>
                <Cell>
                  {PATHWAY_LABEL[k.pathway]} · {k.locality}
                </Cell>
                <Cell>{PACKAGE_STATUS_LABEL[k.status]}</Cell>
                <Cell>{k.provider ? `${k.provider.name}${k.provider.current ? '' : ' (until it ended)'}` : '—'}</Cell>
                <Cell numeric>{formatHours(k.hours)}</Cell>
                <Cell>{formatDay(k.since)}</Cell>
                <Cell>{k.endedAt ? formatDay(k.endedAt) : '—'}</Cell>
                <Cell>
                  {k.reablementOutcome ? REABLEMENT_OUTCOME_LABEL[k.reablementOutcome] : '—'}
                  {k.reablementOutcomeNote ? ` (${k.reablementOutcomeNote})` : ''}
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </section>

      {stays.length ? (
        <section aria-labelledby="stays" className="space-y-2">
          <h2 id="stays" className="text-lg font-semibold">
            Hospital stays
          </h2>
          <DataTable caption="Hospital stays, latest first" columns={['Went in', 'Package', 'Provider', 'Retainer until', 'Came home', 'Outcome']}>
            {stays.map((st) => (
              <Row key={st.id}>
                <RowHeader className="font-normal">{formatDay(st.admittedOn)}</RowHeader>
                <Cell className="font-mono">{st.reference}</Cell>
                <Cell>{st.provider}</Cell>
                <Cell>{formatDay(st.retainerUntil)}</Cell>
                <Cell>{st.returnedOn ? formatDay(st.returnedOn) : 'still in hospital'}</Cell>
                <Cell>{st.outcome ? HOSPITAL_STAY_OUTCOME_TEXT[st.outcome] : '—'}</Cell>
              </Row>
            ))}
          </DataTable>
        </section>
      ) : null}

      <section aria-labelledby="calls" className="space-y-2">
        <h2 id="calls" className="text-lg font-semibold">
          Calls about their packages
        </h2>
        {calls.length === 0 ? (
          <p className="text-slate-700">No call has been recorded.</p>
        ) : (
          <DataTable caption="Calls, latest first" columns={['When', 'Package', 'Provider', 'What they said', 'Notes', 'Recorded by']}>
            {calls.map((c, i) => (
              <Row key={i}>
                <RowHeader className="font-normal">{formatLondon(c.at)}</RowHeader>
                <Cell className="font-mono">{c.reference}</Cell>
                <Cell>{c.provider ?? '—'}</Cell>
                <Cell>{PHONE_OUTCOME_LABEL[c.outcome]}</Cell>
                <Cell>{c.notes ?? ''}</Cell>
                <Cell>{c.by}</Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="openings" className="space-y-2">
        <h2 id="openings" className="text-lg font-semibold">
          Who opened this record lately
        </h2>
        <DataTable
          caption="The latest openings of this record, by who opened it from where, newest first"
          columns={['Who', 'Role', 'From', { label: 'Times', numeric: true }, 'Last opened', 'First of these']}
        >
          {openings.map((o, i) => (
            <Row key={i}>
              <RowHeader className="font-normal">{o.by}</RowHeader>
              <Cell>{o.role ? ROLE_LABEL[o.role] : '—'}</Cell>
              <Cell className="font-mono">{o.ip ?? '—'}</Cell>
              <Cell numeric>{o.times}</Cell>
              <Cell>{formatLondon(o.last)}</Cell>
              <Cell>{formatLondon(o.first)}</Cell>
            </Row>
          ))}
        </DataTable>
      </section>
    </article>
  );
}
