import Link from 'next/link';
import { redirect } from 'next/navigation';
import { fetchPage, Pager } from '@/components/pager';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { WaitingPackagesTable } from '@/components/waiting-packages-table';
import { headers } from 'next/headers';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import { findPackageReference } from '@/lib/package/find-package';
import { listOverdueRetainers, RETAINER_WARNING_DAYS } from '@/lib/package/list-overdue-retainers';
import { listWaitingPackages } from '@/lib/package/list-waiting-packages';
import { formatDay, formatLondon } from '@/lib/time/london';
import { countOf } from '@/lib/format';
import { countOpenChangeRequests } from '@/lib/change-request/list-change-requests';
import { Checkbox, Select, TextInput } from '@/components/form';
import { PACKAGE_STATUS_LABEL, PATHWAY_LABEL } from '@/lib/domain/labels';
import { UNPLACED_STATUSES } from '@/lib/domain/package-status';
import { PATHWAY_VALUES } from '@/lib/package/package-schema';
import { z } from 'zod';
import { can } from '@/lib/auth/permissions';
import { visitText } from '@/lib/domain/visit-text';
import { nhsNumberText } from '@/lib/format';
import { listTriageQueue } from '@/lib/referral/list-referrals';
import { ReferralQueue, type TQueueItem } from './referral-queue';

export const metadata = { title: 'Packages' };

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function retainerState(daysLeft: number): string {
  if (daysLeft < 0) return `Overdue by ${days(-daysLeft)}`;
  if (daysLeft === 0) return 'Ends today';
  return `Ends in ${days(daysLeft)}`;
}

type Search = {
  page?: string;
  retainers?: string;
  reference?: string;
  locality?: string;
  pathway?: string;
  status?: string;
  twoCarers?: string;
  waiting?: string;
  mine?: string;
  q?: string;
};

// Filters come from the address, so a filtered list can be bookmarked or shared; anything that
// is not a real choice is ignored rather than refused.
const ZFilters = z.object({
  locality: z.uuid().optional().catch(undefined),
  pathway: z.enum(PATHWAY_VALUES).optional().catch(undefined),
  status: z.enum(UNPLACED_STATUSES).optional().catch(undefined),
  twoCarers: z.literal('1').optional().catch(undefined),
  waiting: z.literal('1').optional().catch(undefined),
  mine: z.literal('1').optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export default async function BrokerHome({ searchParams }: { searchParams: Promise<Search> }) {
  const { actor, db } = await requirePageActor('package:read');
  const params = await searchParams;
  const { page: pageParam, retainers: retainersParam, reference: referenceParam } = params;
  const filters = ZFilters.parse(params);
  const filtering = Object.values(filters).some(Boolean);
  const wanted = referenceParam?.trim().toUpperCase();
  if (wanted) {
    const found = await findPackageReference(db, actor, wanted);
    if (found) redirect(`/packages/${encodeURIComponent(found)}`);
  }
  const href = (params: Search) =>
    `/broker?${new URLSearchParams(Object.entries({ ...filters, page: pageParam, retainers: retainersParam, ...params }).filter((e): e is [string, string] => !!e[1])).toString()}`;

  // The pool planner takes the locality and pathway filters with it.
  const poolQuery = new URLSearchParams(
    Object.entries({ locality: filters.locality, pathway: filters.pathway }).filter((e): e is [string, string] => !!e[1]),
  ).toString();
  const now = new Date();
  const listFilters = {
    includeDrafts: true,
    localityId: filters.locality,
    pathways: filters.pathway ? [filters.pathway] : undefined,
    status: filters.status,
    twoCarers: !!filters.twoCarers,
    waitingOverDay: !!filters.waiting,
    mine: !!filters.mine,
    search: filters.q,
  };
  const ip = requestIp(await headers());
  // Referrals from the council's social-care record wait here for a broker's triage.
  const triage = can(actor, 'referral:triage') ? await listTriageQueue(db, actor, ip) : null;
  const queue = triage && {
    total: triage.total,
    // Only what the queue shows goes to the browser: the referral's own copy of the person stays here.
    items: triage.referrals.map(({ referredPerson: _referred, ...r }): TQueueItem => ({
      ...r,
      receivedAt: formatLondon(r.receivedAt),
      person: {
        id: r.person.id,
        name: `${r.person.givenName} ${r.person.familyName}`,
        dateOfBirth: formatDay(r.person.dateOfBirth),
        nhsNumber: nhsNumberText(r.person.nhsNumber),
        postcode: r.person.postcode,
      },
      pathway: PATHWAY_LABEL[r.pathway],
      startDate: formatDay(r.startDate),
      visits: r.visits.map(visitText),
    })),
  };
  // Each list fetches the page asked for at once; only a page past the end costs a second fetch.
  const [waitingPage, retainerPaging, localities] = await Promise.all([
    fetchPage(pageParam, (window) => listWaitingPackages(db, actor, { ...listFilters, ...window, auditFrom: ip }, now)),
    fetchPage(retainersParam, (window) => listOverdueRetainers(db, actor, window, now)),
    db.locality.findMany({ where: { councilId: actor.councilId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  const { page, pages } = waitingPage;
  const { packages, total } = waitingPage.result;
  const { retainers, total: retainerTotal } = retainerPaging.result;
  const changeRequests = await countOpenChangeRequests(db, actor);

  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">Packages waiting for a provider</h1>
          <Link href="/packages/new" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            New package
          </Link>
        </div>
        {queue && <ReferralQueue items={queue.items} total={queue.total} />}
        {changeRequests > 0 ? (
          <p className="border-l-4 border-brand-700 bg-slate-50 p-2" data-testid="change-requests-waiting">
            <Link href="/packages/change-requests" className="font-medium underline">
              {countOf(changeRequests, 'change request')} from providers waiting for a decision
            </Link>
          </p>
        ) : null}
        <form method="get" action="/broker" role="search" aria-label="Open a package" className="flex flex-wrap items-end gap-2">
          <TextInput
            id="reference"
            name="reference"
            label="Open a package by its reference"
            defaultValue={referenceParam ?? ''}
            error={wanted ? `There is no package ${wanted} in your council. Check the reference, like BDC-00123.` : undefined}
            inputClassName="font-mono"
          />
          <button type="submit" className="min-h-11 rounded border border-slate-500 px-3 py-1 sm:min-h-0">
            Open
          </button>
        </form>
        <form method="get" action="/broker" aria-label="Filter the packages" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <TextInput id="q" name="q" label="Person’s name or NHS number" defaultValue={filters.q ?? ''} inputClassName="w-full" />
            <Select id="locality" name="locality" label="Locality" defaultValue={filters.locality ?? ''} inputClassName="w-full">
              <option value="">All localities</option>
              {localities.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
            <Select id="pathway" name="pathway" label="Pathway" defaultValue={filters.pathway ?? ''} inputClassName="w-full">
              <option value="">All pathways</option>
              {PATHWAY_VALUES.map((p) => (
                <option key={p} value={p}>
                  {PATHWAY_LABEL[p]}
                </option>
              ))}
            </Select>
            <Select id="status" name="status" label="Status" defaultValue={filters.status ?? ''} inputClassName="w-full">
              <option value="">Drafts and posted</option>
              {UNPLACED_STATUSES.map((st) => (
                <option key={st} value={st}>
                  {PACKAGE_STATUS_LABEL[st]}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            <Checkbox id="twoCarers" name="twoCarers" value="1" label="Needs two carers" defaultChecked={!!filters.twoCarers} />
            <Checkbox id="waiting" name="waiting" value="1" label="Waiting more than 24 hours" defaultChecked={!!filters.waiting} />
            <Checkbox id="mine" name="mine" value="1" label="Created by me" defaultChecked={!!filters.mine} />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 sm:min-h-0">
              Filter packages
            </button>
            {filtering ? (
              <Link href="/broker" className="underline">
                Clear filters
              </Link>
            ) : null}
          </div>
        </form>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-slate-700" role="status">
            {total} {total === 1 ? 'package' : 'packages'}
            {filtering ? ' match the filters' : ''}, longest wait first, with drafts at the end.
          </p>
          <Link href="/broker/capacity-needs" className="underline">
            What would place the waiting packages
          </Link>
          {can(actor, 'package:write') ? (
            <Link
              href={`/broker/pool${poolQuery ? `?${poolQuery}` : ''}`}
              className="inline-flex min-h-11 items-center rounded border border-brand-700 px-3 py-1 font-medium text-brand-800 hover:bg-slate-50 sm:min-h-0"
            >
              Plan the waiting pool{filters.locality || filters.pathway ? ' for these filters' : ''}
            </Link>
          ) : null}
        </div>
        {total === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">
            {filtering
              ? 'No package matches these filters. Clear a filter or search for another name.'
              : 'Nothing is waiting: every posted package has a provider.'}
          </p>
        ) : (
          <WaitingPackagesTable rows={packages} now={now} caption="Packages waiting, longest wait first" />
        )}
        <Pager page={page} pages={pages} href={(n) => href({ page: String(n) })} label="Packages pages" />
      </section>

      <section aria-labelledby="retainers-heading" className="space-y-3">
        <h2 id="retainers-heading" className="text-xl font-semibold">
          Hospital retainers overdue or ending soon
        </h2>
        <p className="text-slate-700">
          People still in hospital whose provider’s retainer (up to 4 weeks) is over or ends within {RETAINER_WARNING_DAYS} days. Record their return, or review
          whether the provider should go on holding the package.
        </p>
        {retainerTotal === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No retainer is overdue or ending in the next {RETAINER_WARNING_DAYS} days.</p>
        ) : (
          <DataTable
            caption="Hospital retainers overdue or ending soon, most overdue first"
            testId="retainers"
            columns={['Package', 'Provider', 'Went in', { label: 'Days in hospital', numeric: true }, 'Retainer until', 'State']}
          >
            {retainers.map((r) => (
              <Row key={r.stayId}>
                <RowHeader className="font-mono font-normal">
                  <Link className="underline" href={`/packages/${encodeURIComponent(r.reference)}`}>
                    {r.reference}
                  </Link>
                </RowHeader>
                <Cell>{r.providerName}</Cell>
                <Cell>{formatDay(r.admittedOn)}</Cell>
                <Cell numeric>{r.daysInHospital}</Cell>
                <Cell>{formatDay(r.retainerUntil)}</Cell>
                <Cell className={r.daysLeft < 0 ? 'font-semibold text-red-800' : ''}>
                  {r.daysLeft < 0 ? <span aria-hidden="true">⚠ </span> : null}
                  {retainerState(r.daysLeft)}
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
        <Pager page={retainerPaging.page} pages={retainerPaging.pages} href={(n) => href({ retainers: String(n) })} label="Retainer pages" />
      </section>
    </div>
  );
}
