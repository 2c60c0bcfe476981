import Link from 'next/link';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { CARER_HOURS_NOTE } from '@/lib/domain/carer-hours';
import { displayCell } from '@/lib/dashboard/table';
import { countOf } from '@/lib/format';
import { capacityNeeds, capacityNeedsTable, needSentence } from '@/lib/package/placeability-advice';
import { formatLondon } from '@/lib/time/london';

export const metadata = { title: 'What would place the waiting packages' };

// For the weekly capacity meeting: every package waiting for a provider, grouped by the one change
// the placement engine finds would let someone be offered it, and by locality.
export default async function CapacityNeedsPage() {
  const { actor, db } = await requirePageActor('package:read');
  const now = new Date();
  const result = await capacityNeeds(db, actor, now);
  const table = capacityNeedsTable(result.needs);
  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/broker">
          Packages waiting
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">What would place the waiting packages</h1>
        <p className="max-w-prose text-slate-700">
          For each package waiting for a provider, the placement engine finds the smallest single change that would let a provider be offered it: more room in
          one time band, a split between two providers who have room for it between them, a missing skill, carers who can go in twos, or a contract extended
          from a neighbouring locality. Packages are grouped by that change and their locality, as of {formatLondon(now)}. {CARER_HOURS_NOTE}
        </p>
        <p role="status" className="font-medium" data-testid="needs-count">
          {countOf(result.waiting, 'package')} waiting; {countOf(result.placeable, 'package')} can be offered to someone as the market stands.
        </p>
      </header>
      {result.needs.length ? (
        <>
          <ul className="list-disc space-y-1 pl-6" data-testid="needs-sentences">
            {result.needs.slice(0, 5).map((n) => (
              <li key={`${n.localityId}|${n.need}`}>{needSentence(n)}.</li>
            ))}
          </ul>
          <DataTable caption={table.caption} columns={table.columns} testId="needs-table" minWidth="min-w-[56rem]">
            {table.rows.map((row, i) => (
              <Row key={i}>
                <RowHeader className="font-normal">{displayCell(row[0])}</RowHeader>
                {row.slice(1).map((cell, j) => (
                  <Cell key={j} numeric={table.columns[j + 1].numeric}>
                    {displayCell(cell)}
                  </Cell>
                ))}
              </Row>
            ))}
          </DataTable>
          <p>
            <a className="underline" href="/broker/capacity-needs/csv" download>
              Download this table (CSV)
            </a>
          </p>
        </>
      ) : (
        <p>No waiting package is short of capacity: each can be offered to someone, or nothing is waiting.</p>
      )}
      <section aria-labelledby="runs" className="space-y-2">
        <h2 id="runs" className="text-lg font-semibold">
          Rural runs to offer as one
        </h2>
        <p className="max-w-prose text-slate-700">
          Packages waiting in the same rural locality with visits in the same time of day, and the providers with room for all of them together: offered as one
          run, they are worth a carer&rsquo;s journey. Each package&rsquo;s page lists its run.
        </p>
        <p className="font-medium" data-testid="runs-count">
          {result.runs.length
            ? `${countOf(result.runs.length, 'run')} to offer, holding ${countOf(result.inRuns, 'waiting package')}.`
            : 'No rural run: no two packages wait in the same rural locality and time of day that one provider has room for together.'}
        </p>
        {result.runs.length ? (
          <ul className="list-disc space-y-1 pl-6" data-testid="runs">
            {result.runs.map((r) => (
              <li key={`${r.localityId}|${r.band}`}>
                {r.sentence} <span className="text-slate-700">The packages: </span>
                {r.references.map((reference, i) => (
                  <span key={reference}>
                    {i ? ', ' : ''}
                    <Link className="underline" href={`/packages/${encodeURIComponent(reference)}`}>
                      {reference}
                    </Link>
                  </span>
                ))}
                .
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </section>
  );
}
