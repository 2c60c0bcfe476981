import type { CqcRating } from '@/lib/domain/enums';
import { CQC_LABEL } from '@/lib/domain/labels';
import { formatDay, formatLondon } from '@/lib/time/london';
import { Cell, DataTable, Row, RowHeader } from './table';

const SOURCE_LABEL: Record<string, string> = { CQC_FILE: 'CQC ratings file', REGISTER: 'Typed in the register', SEED: 'Initial data' };

/** A provider's status changes with the council and its CQC ratings over time, newest first. */
export function ProviderHistory({
  history,
  ratings,
}: {
  history: { id: string; status: 'ACTIVE' | 'SUSPENDED'; reason: string | null; at: Date }[];
  ratings: { id: string; rating: CqcRating; ratedOn: Date; source: string }[];
}) {
  return (
    <>
      {history.length === 0 ? (
        <p className="text-sm text-slate-700">No change of status has been recorded for this provider.</p>
      ) : (
        <DataTable caption="Status with your council, newest first" columns={['When', 'Change', 'Reason']} testId="status-history">
          {history.map((h) => (
            <Row key={h.id}>
              <RowHeader className="whitespace-nowrap">{formatLondon(h.at)}</RowHeader>
              <Cell>{h.status === 'ACTIVE' ? 'Became active' : 'Became suspended'}</Cell>
              <Cell>{h.reason ?? '—'}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
      {ratings.length === 0 ? (
        <p className="text-sm text-slate-700">No CQC rating has been recorded in the history yet.</p>
      ) : (
        <DataTable caption="CQC ratings, newest first" columns={['Published', 'Rating', 'Recorded from']} testId="rating-history">
          {ratings.map((r) => (
            <Row key={r.id}>
              <RowHeader className="whitespace-nowrap">{formatDay(r.ratedOn)}</RowHeader>
              <Cell>{CQC_LABEL[r.rating]}</Cell>
              <Cell>{SOURCE_LABEL[r.source] ?? r.source}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </>
  );
}
