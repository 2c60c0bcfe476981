import { PersonDetails, VisitList } from '@/components/person-details';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getAwardedPackage } from '@/lib/provider/list-provider-placements';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import { AppError } from '@/lib/errors/app-error';
import { formatHours } from '@/lib/format';
import { PATHWAY_LABEL } from '@/lib/domain/labels';
import { formatLondon } from '@/lib/time/london';
import { carerHours } from '@/lib/domain/carer-hours';

export const metadata = { title: 'Placement' };

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
  return (
    <article className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">
          {pkg.reference}: {p.givenName} {p.familyName}
        </h1>
        <p className="text-slate-700">
          Placed with you on {formatLondon(placement.startedAt)} by {pkg.council.name} · {PATHWAY_LABEL[pkg.pathway]} · {pkg.locality.name} ·{' '}
          {formatHours(hours)} hours a week at £{Number(placement.contract.hourlyRate).toFixed(2)} an hour ({placement.contract.reference})
        </p>
      </header>
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
    </article>
  );
}
