import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { visitText } from '@/lib/domain/visit-text';
import { lastDayBefore } from '@/lib/package/line-dates';
import { formatDay } from '@/lib/time/london';

type TVersion = { id: string; days: string[]; start: string; minutes: number; carers: number; startDate: Date | null; endDate: Date | null };

/** The package's visits not in force today: versions a change ended, and those a change starts later. */
export function VisitHistory({ versions }: { versions: readonly TVersion[] }) {
  if (versions.length === 0) return null;
  return (
    <section aria-labelledby="visit-history">
      <h2 id="visit-history" className="text-lg font-semibold">
        Visit history
      </h2>
      <p className="text-sm text-slate-700">
        A change never deletes a visit: it ends the old one the day before the change and starts the new one on that day.
      </p>
      <div className="mt-2">
        <DataTable caption="Earlier and later visits, oldest first" columns={['Visit', 'From', 'Until']}>
          {versions.map((v) => (
            <Row key={v.id}>
              <RowHeader className="font-normal">{visitText(v)}</RowHeader>
              <Cell>{v.startDate ? formatDay(v.startDate) : 'the start'}</Cell>
              <Cell>{v.endDate ? formatDay(lastDayBefore(v.endDate)) : 'ongoing'}</Cell>
            </Row>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
