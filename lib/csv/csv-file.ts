import { formatLondonDate, formatLondonTime } from '@/lib/time/london';

// Every CSV the product hands out: UTF-8 with a byte-order mark (so Excel on Windows reads £ and
// accented names), a file name that carries the filters in force, and, for reports, header
// comment lines above the column headings naming the council, the report, the filters and when it
// was made (London time).

/** The UTF-8 byte-order mark, first in every CSV download. */
export const BOM = '\uFEFF';

/** "Moor (TS02)" → "moor-ts02": a file-name-safe part, lower case ASCII letters, digits and hyphens. */
function slug(part: string): string {
  return part
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
}

/** The download's file name from its parts in order, blanks left out: "bd-waiting-as-of-2026-12-06.csv". */
export function csvFileName(parts: readonly (string | null | undefined)[]): string {
  const name = parts
    .filter((p): p is string => !!p)
    .map(slug)
    .filter(Boolean)
    .join('-');
  return `${name || 'download'}.csv`;
}

export type TCsvReport = {
  council: string;
  /** What the file holds: the report or section title. */
  title: string;
  /** The filters in force, already in words ("as of 6 Dec 2026", "all localities"). */
  filters: readonly string[];
  madeAt: Date;
  /** Further notes, one header comment line each (for example how hours are counted). */
  notes?: readonly string[];
};

/** A comment line: starts with "#", on one line, never read as a formula. */
function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}

/** The header comment lines of a report: council, title, filters and when it was made; then the notes. */
export function csvReportHeader(report: TCsvReport): string[] {
  const first = [
    report.council,
    report.title,
    ...(report.filters.length ? [report.filters.join('; ')] : []),
    `made ${formatLondonDate(report.madeAt)} ${formatLondonTime(report.madeAt)} (London time)`,
  ];
  return [comment(first.join(' — ')), ...(report.notes ?? []).map(comment)];
}

/** A report's whole file: its header comment lines, then the CSV body (column headings and rows). */
export function csvReport(report: TCsvReport, body: string): string {
  return `${csvReportHeader(report).join('\r\n')}\r\n${body}`;
}

/** The response for a CSV download: the byte-order mark, then `csv`, as an attachment named `filename`. */
export function csvResponse(filename: string, csv: string): Response {
  return new Response(BOM + csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
