import { csvReport } from '@/lib/csv/csv-file';
import { tableToCsv } from '@/lib/dashboard/table';
import { CARER_HOURS_NOTE } from '@/lib/domain/carer-hours';
import type { TChange } from './changes';
import { comparisonTables } from './comparison';
import { describeChange } from './describe-change';
import type { TWhatIfResult } from './run-what-if';

type TNamed = { id: string; name: string }[];

/**
 * A scenario's download: the report header (council, scenario, when made), a note line per change,
 * then each table of the page in turn, with its caption on a line of its own above its headings.
 */
export function whatIfCsv(input: {
  council: string;
  name: string;
  changes: TChange[];
  result: TWhatIfResult;
  choices: { localities: TNamed; providers: TNamed; contracts: TNamed };
  madeAt: Date;
}): string {
  const nameOf = (list: TNamed) => (id: string) => list.find((l) => l.id === id)?.name ?? id;
  const names = { locality: nameOf(input.choices.localities), provider: nameOf(input.choices.providers), contract: nameOf(input.choices.contracts) };
  const body = comparisonTables(input.result)
    .map((t) => `${tableToCsv({ ...t, columns: [{ label: t.caption, numeric: false }], rows: [] })}${tableToCsv(t)}`)
    .join('\r\n');
  return csvReport(
    {
      council: input.council,
      title: `What-if: ${input.name}`,
      filters: [`run ${input.result.ranAt.slice(0, 10)}`],
      madeAt: input.madeAt,
      notes: [...input.changes.map((c, i) => `Change ${i + 1}: ${describeChange(c, names)}`), ...input.result.notes, CARER_HOURS_NOTE],
    },
    body,
  );
}
