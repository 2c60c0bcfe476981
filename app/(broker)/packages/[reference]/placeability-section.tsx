import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import type { TPackageAdvice } from '@/lib/package/placeability-advice';

/** For a package nobody can be offered: each provider one change away, what it misses it by, and that change. */
export function PlaceabilitySection({ advice }: { advice: TPackageAdvice }) {
  return (
    <section aria-labelledby="placeability">
      <h2 id="placeability" className="text-lg font-semibold">
        What would place it
      </h2>
      {advice.providers.length ? (
        <div className="mt-2">
          <DataTable
            caption="Providers one change away from taking it, smallest change first"
            columns={['Provider', 'What it misses it by', 'What would place it']}
            testId="placeability"
          >
            {advice.providers.map((a) => (
              <Row key={a.providerId}>
                <RowHeader className="font-normal">{a.providerName}</RowHeader>
                <Cell>{a.misses}</Cell>
                <Cell>{a.change}</Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      ) : (
        <p className="mt-2 text-slate-700" data-testid="placeability">
          No provider is a single change away from taking it: each is kept out by more than one thing (room, skills, double-handed carers or contract).
        </p>
      )}
    </section>
  );
}
