import { countOf } from '@/lib/format';
import Link from 'next/link';
import { fetchPage, Pager } from '@/components/pager';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { listProviderPlacements } from '@/lib/provider/list-provider-placements';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { PATHWAY_LABEL } from '@/lib/domain/labels';
import { formatLondon } from '@/lib/time/london';

export const metadata = { title: 'Your placements' };

export default async function PlacementsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { actor, db } = await requirePageActor('offer:read-own');
  const {
    result: { total, placements },
    page,
    pages,
  } = await fetchPage((await searchParams).page, (window) => listProviderPlacements(db, actor, window));
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Your placements</h1>
      <p className="text-slate-700">{countOf(total, 'package')} you deliver now, newest first.</p>
      {total === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">You have no placements yet. Accepted offers appear here.</p>
      ) : (
        <DataTable caption="Placements, newest first" columns={['Package', 'Person', 'Council', 'Locality', 'Pathway', 'Since']}>
          {placements.map((p) => (
            <Row key={p.id}>
              <RowHeader className="font-mono font-normal">
                <Link className="underline" href={`/provider/placements/${p.id}`}>
                  {p.package.reference}
                </Link>
              </RowHeader>
              <Cell>
                {p.package.person.givenName} {p.package.person.familyName}
              </Cell>
              <Cell>{p.package.council.name}</Cell>
              <Cell>{p.package.locality.name}</Cell>
              <Cell>{PATHWAY_LABEL[p.package.pathway]}</Cell>
              <Cell>{formatLondon(p.startedAt)}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pager page={page} pages={pages} href={(n) => `/provider/placements?page=${n}`} label="Placements pages" />
    </section>
  );
}
