import Link from 'next/link';
import { z } from 'zod';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { PATHWAY_LABEL, PATHWAY_TEXT } from '@/lib/domain/labels';
import { OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { countOf } from '@/lib/format';
import { PATHWAY_VALUES } from '@/lib/package/package-schema';
import { listWaitingPoolBatches } from '@/lib/replacement/get-replacement-batch';
import { formatLondon } from '@/lib/time/london';
import { PoolForm } from './pool-form';

export const metadata = { title: 'Plan the waiting pool' };

// The waiting list's filters carry over from the address; anything else is ignored.
const ZFilters = z.object({
  locality: z.uuid().optional().catch(undefined),
  pathway: z.enum(PATHWAY_VALUES).optional().catch(undefined),
});

export default async function WaitingPoolPage({ searchParams }: { searchParams: Promise<{ locality?: string; pathway?: string }> }) {
  const { actor, db } = await requirePageActor('package:write');
  const filters = ZFilters.parse(await searchParams);
  const { councilId } = actor;
  const [localities, waiting, plans] = await Promise.all([
    db.locality.findMany({ where: { councilId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.package.count({
      where: {
        councilId,
        status: statusIn(OFFERING_STATUSES),
        ...(filters.locality ? { localityId: filters.locality } : {}),
        ...(filters.pathway ? { pathway: filters.pathway } : {}),
      },
    }),
    listWaitingPoolBatches(db, actor),
  ]);
  const where = [
    filters.locality ? localities.find((l) => l.id === filters.locality)?.name : null,
    filters.pathway ? PATHWAY_TEXT[filters.pathway] : null,
  ].filter(Boolean);
  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/broker">
          Packages waiting
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Plan the waiting pool</h1>
        <p className="max-w-prose text-slate-700">
          The placement engine plans every package waiting for a provider in a locality or pathway together, against the spare capacity providers have declared,
          so that one package does not take the only room another could use. You see its plan beside what offering them one by one would do, and nothing is
          offered until you send it.
        </p>
        <p role="status" className="font-medium" data-testid="pool-count">
          {countOf(waiting, 'package')} waiting{where.length ? ` (${where.join(', ')})` : ''}.
        </p>
      </header>
      <PoolForm
        localities={localities.map((l) => ({ value: l.id, label: l.name }))}
        pathways={PATHWAY_VALUES.map((p) => ({ value: p, label: PATHWAY_LABEL[p] }))}
        locality={filters.locality ?? ''}
        pathway={filters.pathway ?? ''}
      />
      <section aria-labelledby="plans-heading" className="space-y-2">
        <h2 id="plans-heading" className="text-xl font-semibold">
          Latest plans
        </h2>
        {plans.length === 0 ? (
          <p className="text-slate-700">No plan has been made yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {plans.map((p) => (
              <li key={p.id} className="p-3">
                <Link className="font-medium underline" href={`/broker/pool/${p.id}`}>
                  {[p.locality ?? 'All localities', p.pathway ? PATHWAY_TEXT[p.pathway] : 'all pathways'].join(', ')}
                </Link>
                <span className="block text-sm text-slate-700">
                  {formatLondon(p.createdAt)}: {p.placed} of {countOf(p.packages, 'package')} planned.{' '}
                  {p.status === 'OFFERED' && p.offeredAt ? `Sent ${formatLondon(p.offeredAt)}.` : 'Not sent.'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
