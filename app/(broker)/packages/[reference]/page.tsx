import Link from 'next/link';
import { PersonDetails, VisitList } from '@/components/person-details';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { pathText } from '@/lib/security/path-text';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import { AppError } from '@/lib/errors/app-error';
import { formatHours } from '@/lib/format';
import { codeLabel, CONTRACT_TYPE_LABEL, HOSPITAL_STAY_OUTCOME_TEXT, PATHWAY_LABEL } from '@/lib/domain/labels';
import { getPackageForStaff } from '@/lib/package/get-package-for-staff';
import { getPackageTimeline } from '@/lib/package/get-package-timeline';
import { lastDayBefore } from '@/lib/package/line-dates';
import { STALE_AFTER_DAYS, staleOfferedProviders } from '@/lib/provider/provider-capacity';
import { formatDay, formatDuration, formatLondon, londonDate } from '@/lib/time/london';
import { getCouncilSettings, offerDeadline } from '@/lib/brokerage/council-settings';
import { listHandOfferChoices } from '@/lib/package/offer-to-provider';
import { listHospitalStays } from '@/lib/package/list-hospital-stays';
import { PostButton } from './post-button';
import { VisitHistory } from './visit-history';
import { PackageStatusPanel } from './package-status';
import { RecordCallForm } from './record-call-form';
import { RemindForm } from './remind-form';
import { REMIND_AFTER_MINUTES } from '@/lib/offer/offer-reminders';
import { previewCascade } from '@/lib/package/preview-cascade';
import { hasAdvice, packagePlaceability } from '@/lib/package/placeability-advice';
import { PlaceabilitySection } from './placeability-section';
import { nextStep } from '@/lib/package/preview-plan';
import { AdmitForm, CancelForm, ChangeRequestForm, EndServiceLineForm, HandOfferForm, ReturnForm, UpliftForm } from './operation-forms';
import { Operations } from './operation-kit';
import { ApprovalSection } from './approval-section';
import { FundingSection } from './funding-section';
import { carerHours } from '@/lib/domain/carer-hours';
import { isLive, isOffering } from '@/lib/domain/package-status';

export const metadata = { title: 'Package' };

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

function retainerLeft(until: Date, today: string): string {
  const left = Math.round((until.getTime() - Date.parse(`${today}T00:00:00Z`)) / DAY);
  if (left < 0) return ': the retainer is over.';
  if (left === 0) return ' (its last day is today).';
  return ` (${left} day${left === 1 ? '' : 's'} left).`;
}

export default async function PackagePage({ params }: { params: Promise<{ reference: string }> }) {
  const { actor, db } = await requirePageActor('package:read');
  const reference = pathText((await params).reference);
  if (reference === null) notFound();
  let pkg;
  try {
    pkg = await getPackageForStaff(db, actor, reference, requestIp(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const p = pkg.person;
  const now = new Date();
  const today = londonDate(now);
  const tomorrow = iso(new Date(Date.parse(`${today}T00:00:00Z`) + DAY));
  const offering = isOffering(pkg.status);
  const placed = isLive(pkg.status);
  const [timeline, stale, stays, choices, settings, ranked, advice] = await Promise.all([
    getPackageTimeline(db, pkg),
    offering ? staleOfferedProviders(db, pkg) : Promise.resolve([]),
    listHospitalStays(db, actor, pkg.id),
    offering ? listHandOfferChoices(db, actor, pkg.id, now) : Promise.resolve([]),
    getCouncilSettings(db, pkg.councilId),
    pkg.status === 'OFFERING' ? previewCascade(db, actor, { packageId: pkg.id }, now) : Promise.resolve(null),
    // What would place it, for this package alone, while it waits for a provider.
    offering ? packagePlaceability(db, actor, pkg.id, now) : Promise.resolve(null),
  ]);
  const next = isOffering(pkg.status) ? nextStep(ranked?.offers ?? [], pkg.offers, pkg.offerRound, pkg.status) : null;
  // Whom the broker might ring: everyone offered it, then the other providers covering its area.
  const others = choices.filter((c) => !pkg.offers.some((o) => o.providerId === c.providerId));
  const contacts = new Map(
    (await db.provider.findMany({ where: { id: { in: others.map((c) => c.providerId) } }, select: { id: true, phone: true, email: true } })).map((c) => [
      c.id,
      c,
    ]),
  );
  const callTargets = [
    ...new Map(pkg.offers.map((o) => [o.providerId, { providerId: o.providerId, ...o.provider, offered: true }])).values(),
    ...others.map((c) => ({
      providerId: c.providerId,
      name: c.providerName,
      phone: contacts.get(c.providerId)?.phone ?? null,
      email: contacts.get(c.providerId)?.email ?? null,
      offered: false,
    })),
  ];
  const placement = pkg.placements.find((pl) => pl.endedAt === null) ?? null;
  const roundOffers = pkg.offers.filter((o) => o.round === pkg.offerRound);
  const openOffers = offering ? roundOffers.filter((o) => o.status === 'OFFERED' && o.deadline > now) : [];
  const providerOf = new Map(pkg.placements.map((pl) => [pl.id, pl.provider.name]));
  const openStay = pkg.status === 'IN_HOSPITAL' ? (stays.find((st) => st.returnedOn === null) ?? null) : null;
  // The lines a change or an end applies to: those still running today or starting later (an end
  // is the first day without care: lib/package/line-dates.ts).
  const running = pkg.serviceLines.filter((l) => l.endDate === null || iso(l.endDate) > today);
  const changeLines = running
    .filter((l) => l.endDate === null)
    .map((l) => ({ type: l.type, hoursPerWeek: Number(l.hoursPerWeek), startDate: iso(l.startDate), endDate: '' }));
  const visitRows = pkg.visits.map((v) => ({ days: [...v.days], start: v.start, minutes: v.minutes, carers: (v.carers === 2 ? 2 : 1) as 1 | 2 }));
  const hours = carerHours(pkg.visits);
  return (
    <article className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">
          {pkg.reference}: {p.givenName} {p.familyName}
        </h1>
        <p className="text-slate-700">
          {PATHWAY_LABEL[pkg.pathway]}
          {pkg.hospital ? ` from ${pkg.hospital.name}` : ''} · {pkg.locality.name}
          {pkg.locality.rural ? ' (rural)' : ''} · {formatHours(hours)} hours a week · {pkg.status.toLowerCase().replace('_', ' ')}
          {pkg.marketEnteredAt && pkg.placedAt && pkg.placedAt >= pkg.marketEnteredAt
            ? ` · picked up in ${formatDuration(pkg.placedAt.getTime() - pkg.marketEnteredAt.getTime())}`
            : ''}
        </p>
        <p className="mt-1">
          <Link href={`/people/${p.id}`} className="underline">
            Every package of {p.givenName} {p.familyName}
          </Link>
        </p>
        {pkg.duplicateReason ? (
          <p className="mt-2 border-l-4 border-slate-400 bg-slate-50 p-2 text-sm" data-testid="duplicate-reason">
            <strong>Why a second package:</strong> {pkg.duplicateReason}
          </p>
        ) : null}
        {pkg.status === 'DRAFT' ? (
          <div className="mt-3">
            <PostButton packageId={pkg.id} reference={pkg.reference} version={pkg.version} />
          </div>
        ) : null}
        {pkg.pathway === 'LONG_TERM' && placed ? (
          <p className="mt-2">
            <a href={`/duty/split?reference=${encodeURIComponent(pkg.reference)}`} className="underline">
              Add reablement alongside this package (the provider keeps its visits)
            </a>
          </p>
        ) : null}
      </header>
      <PackageStatusPanel
        status={pkg.status}
        now={now}
        roundOffers={roundOffers}
        offerRound={pkg.offerRound}
        next={next}
        holder={placement?.provider ?? null}
        heldSince={placement?.startedAt ?? null}
        endedAt={pkg.endedAt ?? pkg.cancelledAt}
      />
      <Operations>
        <ApprovalSection db={db} actor={actor} pkg={pkg} now={now} />
        <FundingSection db={db} actor={actor} pkg={pkg} now={now} />
        {openStay ? (
          <p className="border-l-4 border-amber-600 bg-amber-50 p-3" data-testid="retainer">
            <strong>In hospital since {formatDay(openStay.admittedOn)}.</strong> {placement?.provider.name ?? 'The provider'} holds the package on a retainer
            until {formatDay(openStay.retainerUntil)}
            {retainerLeft(openStay.retainerUntil, today)}
          </p>
        ) : null}
        {pkg.status === 'CANCELLED' && pkg.cancelReason ? <p className="text-slate-700">Cancelled: {pkg.cancelReason}</p> : null}
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          {offering ? (
            <HandOfferForm packageId={pkg.id} version={pkg.version} choices={choices} deadlineText={formatLondon(offerDeadline(settings, pkg.pathway, now))} />
          ) : null}
          {pkg.status === 'PLACED' && placement ? <AdmitForm packageId={pkg.id} today={today} providerName={placement.provider.name} /> : null}
          {openStay ? <ReturnForm packageId={pkg.id} today={today} providerName={placement?.provider.name ?? 'The provider'} /> : null}
          {pkg.status === 'DRAFT' || offering ? (
            <UpliftForm
              packageId={pkg.id}
              version={pkg.version}
              current={pkg.rateUplift ? Number(pkg.rateUplift) : 0}
              openMarket={pkg.status === 'OPEN_MARKET'}
            />
          ) : null}
          {placed && running.length ? (
            <EndServiceLineForm
              packageId={pkg.id}
              today={today}
              lines={running.map((l) => ({
                id: l.id,
                label: `${codeLabel(l.type)}, ${formatHours(Number(l.hoursPerWeek))} hours a week from ${formatDay(l.startDate)}${l.endDate ? ` until ${formatDay(lastDayBefore(l.endDate))}` : ''}`,
              }))}
            />
          ) : null}
          {offering || placed ? <RecordCallForm packageId={pkg.id} targets={callTargets} /> : null}
          {openOffers.length ? (
            <RemindForm
              packageId={pkg.id}
              holders={openOffers.map((o) => o.provider.name)}
              closes={formatLondon(new Date(Math.max(...openOffers.map((o) => o.deadline.getTime()))))}
              quietMinutes={REMIND_AFTER_MINUTES}
            />
          ) : null}
          {pkg.status === 'DRAFT' || offering ? <CancelForm packageId={pkg.id} version={pkg.version} reference={pkg.reference} /> : null}
        </div>
        {offering || placed ? (
          <div className="mt-4">
            <ChangeRequestForm
              key={pkg.version}
              packageId={pkg.id}
              version={pkg.version}
              placed={placed}
              visits={visitRows}
              lines={changeLines}
              today={today}
              tomorrow={tomorrow}
            />
          </div>
        ) : null}
      </Operations>
      {advice && hasAdvice(advice) ? <PlaceabilitySection advice={advice} reference={pkg.reference} /> : null}
      <PersonDetails person={p} />
      <VisitList visits={pkg.visits} />
      <VisitHistory versions={pkg.visitHistory} />
      <section aria-labelledby="lines">
        <h2 id="lines" className="text-lg font-semibold">
          Service lines
        </h2>
        <div className="mt-2">
          <DataTable
            caption="Service lines, oldest first"
            columns={['Type', { label: 'Hours a week', numeric: true }, 'From', 'Until', 'Provider', 'Contract']}
          >
            {pkg.serviceLines.map((l) => (
              <Row key={l.id}>
                <RowHeader className="font-normal">
                  {l.type.toLowerCase().replace('_', ' ')}
                  {l.doubleHanded ? ' (two carers)' : ''}
                </RowHeader>
                <Cell numeric>{formatHours(Number(l.hoursPerWeek))}</Cell>
                <Cell>{formatDay(l.startDate)}</Cell>
                <Cell>{l.endDate ? formatDay(lastDayBefore(l.endDate)) : 'ongoing'}</Cell>
                <Cell>{l.provider?.name ?? '—'}</Cell>
                <Cell>{l.contract ? `${CONTRACT_TYPE_LABEL[l.contract.type]} (${l.contract.reference})` : '—'}</Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      </section>
      {stale.length ? (
        <p className="border-l-4 border-amber-600 bg-amber-50 p-2 text-sm">
          <strong>Out-of-date capacity:</strong> {stale.map((p) => p.name).join(', ')} last declared capacity here more than {STALE_AFTER_DAYS} days ago (or
          never), so their offers rest on old figures.
        </p>
      ) : null}
      {stays.length ? (
        <section aria-labelledby="stays">
          <h2 id="stays" className="text-lg font-semibold">
            Hospital stays
          </h2>
          <div className="mt-2">
            <DataTable caption="Hospital stays, latest first" columns={['Went in', 'Retainer until', 'Came home', 'Provider', 'Outcome']}>
              {stays.map((st) => (
                <Row key={st.id}>
                  <RowHeader className="font-normal">{formatDay(st.admittedOn)}</RowHeader>
                  <Cell>{formatDay(st.retainerUntil)}</Cell>
                  <Cell>{st.returnedOn ? formatDay(st.returnedOn) : 'still in hospital'}</Cell>
                  <Cell>{providerOf.get(st.placementId) ?? '—'}</Cell>
                  <Cell>{st.outcome ? HOSPITAL_STAY_OUTCOME_TEXT[st.outcome] : '—'}</Cell>
                </Row>
              ))}
            </DataTable>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="timeline">
        <h2 id="timeline" className="text-lg font-semibold">
          Timeline
        </h2>
        <ol className="mt-2 space-y-1 border-l-2 border-slate-300 pl-4 text-sm">
          {timeline.map((t, i) => (
            <li key={i} className={t.kind === 'package' ? 'font-medium' : ''}>
              <time dateTime={t.at.toISOString()} className="mr-2 text-slate-600">
                {formatLondon(t.at)}
              </time>
              {t.text}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
