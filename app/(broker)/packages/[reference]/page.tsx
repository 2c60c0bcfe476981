import { PersonDetails, VisitList } from '@/components/person-details';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors/app-error';
import { CONTRACT_TYPE_LABEL, PATHWAY_LABEL, formatHours } from '@/lib/format';
import { getPackageForStaff } from '@/lib/package/get-package-for-staff';
import { getPackageTimeline } from '@/lib/package/get-package-timeline';
import { STALE_AFTER_DAYS, staleOfferedProviders } from '@/lib/capacity/provider-capacity';
import { formatDuration, formatLondon } from '@/lib/time/london';
import { PostButton } from './post-button';

export const metadata = { title: 'Package' };

const date = (d: Date | null) => (d ? new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(d) : '—');

export default async function PackagePage({ params }: { params: Promise<{ reference: string }> }) {
  const actor = await requirePageActor('package:read');
  const { reference } = await params;
  let pkg;
  try {
    pkg = await getPackageForStaff(prisma, actor, decodeURIComponent(reference), requestIp(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const p = pkg.person;
  const [timeline, stale] = await Promise.all([
    getPackageTimeline(prisma, pkg),
    pkg.status === 'OFFERING' || pkg.status === 'OPEN_MARKET' ? staleOfferedProviders(prisma, pkg) : Promise.resolve([]),
  ]);
  const hours = pkg.visits.reduce((s, v) => s + (v.minutes / 60) * v.carers * v.days.length, 0);
  return (
    <article className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{pkg.reference}: {p.givenName} {p.familyName}</h1>
        <p className="text-slate-700">
          {PATHWAY_LABEL[pkg.pathway]}{pkg.hospital ? ` from ${pkg.hospital.name}` : ''} · {pkg.locality.name}{pkg.locality.rural ? ' (rural)' : ''} · {formatHours(hours)} hours a week · {pkg.status.toLowerCase().replace('_', ' ')}
          {pkg.postedAt && pkg.placedAt ? ` · picked up in ${formatDuration(pkg.placedAt.getTime() - pkg.postedAt.getTime())}` : ''}
        </p>
        {pkg.status === 'DRAFT' ? <div className="mt-3"><PostButton packageId={pkg.id} version={pkg.version} /></div> : null}
      </header>
      <PersonDetails person={p} />
      <VisitList visits={pkg.visits} />
      <section aria-labelledby="lines">
        <h2 id="lines" className="text-lg font-semibold">Service lines</h2>
        <div className="mt-2">
          <DataTable caption="Service lines, oldest first" columns={['Type', { label: 'Hours a week', numeric: true }, 'From', 'Until', 'Provider', 'Contract']}>
            {pkg.serviceLines.map((l) => (
              <Row key={l.id}>
                <RowHeader className="font-normal">{l.type.toLowerCase().replace('_', ' ')}{l.doubleHanded ? ' (two carers)' : ''}</RowHeader>
                <Cell numeric>{formatHours(Number(l.hoursPerWeek))}</Cell>
                <Cell>{date(l.startDate)}</Cell>
                <Cell>{l.endDate ? date(l.endDate) : 'ongoing'}</Cell>
                <Cell>{l.provider?.name ?? '—'}</Cell>
                <Cell>{l.contract ? `${CONTRACT_TYPE_LABEL[l.contract.type]} (${l.contract.reference})` : '—'}</Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      </section>
      {stale.length ? (
        <p className="border-l-4 border-amber-600 bg-amber-50 p-2 text-sm">
          <strong>Out-of-date capacity:</strong> {stale.map((p) => p.name).join(', ')} last declared capacity here more than {STALE_AFTER_DAYS} days ago (or never), so their offers rest on old figures.
        </p>
      ) : null}
      <section aria-labelledby="timeline">
        <h2 id="timeline" className="text-lg font-semibold">Timeline</h2>
        <ol className="mt-2 space-y-1 border-l-2 border-slate-300 pl-4 text-sm">
          {timeline.map((t, i) => (
            <li key={i} className={t.kind === 'package' ? 'font-medium' : ''}>
              <time dateTime={t.at.toISOString()} className="mr-2 text-slate-600">{formatLondon(t.at)}</time>
              {t.text}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
