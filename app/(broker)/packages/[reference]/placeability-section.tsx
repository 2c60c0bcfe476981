import Link from 'next/link';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import type { TPackageAdvice } from '@/lib/package/placeability-advice';

/**
 * For a waiting package: when nobody can be offered it, each provider (or pair of providers) one
 * change away, what it misses it by and that change; when providers turned it down, the rate
 * uplift that would bring it up to what the council pays locally; in a rural locality, the other
 * packages waiting there to offer with it as one run.
 */
export function PlaceabilitySection({ advice, reference }: { advice: TPackageAdvice; reference: string }) {
  return (
    <section aria-labelledby="placeability" className="space-y-3">
      <h2 id="placeability" className="text-lg font-semibold">
        What would place it
      </h2>
      {advice.placeable ? null : advice.providers.length ? (
        <DataTable
          caption="Providers one change away from taking it, smallest change first"
          columns={['Provider', 'What it misses it by', 'What would place it']}
          testId="placeability"
        >
          {advice.providers.map((a) => (
            <Row key={`${a.lever.kind}|${a.providerId}`} top>
              <RowHeader className="font-normal">{a.partnerName ? `${a.providerName} and ${a.partnerName}, sharing it` : a.providerName}</RowHeader>
              <Cell>{a.misses}</Cell>
              <Cell>{a.change}</Cell>
            </Row>
          ))}
        </DataTable>
      ) : (
        <p className="text-slate-700" data-testid="placeability">
          No provider is a single change away from taking it: each is kept out by more than one thing (room, skills, double-handed carers or contract), and no
          two providers have room for it between them.
        </p>
      )}
      {advice.uplift ? (
        <div className="max-w-prose space-y-1 border-l-4 border-sky-700 bg-sky-50 p-3" data-testid="uplift-advice">
          <h3 className="font-semibold">A higher rate</h3>
          <p>{advice.uplift.misses}</p>
          <p>
            {advice.uplift.change}{' '}
            <a href="#uplift" className="underline">
              Go to the rate uplift
            </a>
          </p>
        </div>
      ) : null}
      {advice.runs.length ? (
        <div className="max-w-prose space-y-2" data-testid="run-advice">
          <h3 className="font-semibold">Offer it with others as one run</h3>
          <ul className="list-disc space-y-2 pl-6">
            {advice.runs.map((r) => (
              <li key={r.band}>
                {r.sentence}{' '}
                <span className="text-slate-700">
                  The packages:{' '}
                  {r.packages.map((p, i) => (
                    <span key={p.id}>
                      {i ? ', ' : ''}
                      {p.reference === reference ? (
                        `${p.reference} (this one)`
                      ) : (
                        <Link className="underline" href={`/packages/${encodeURIComponent(p.reference)}`}>
                          {p.reference}
                        </Link>
                      )}
                    </span>
                  ))}
                  .
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
