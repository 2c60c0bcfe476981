// A dashboard table as data: the page renders it with DataTable and the CSV download writes the
// same cells, rounded the same way, so the two always agree.

export type TCellKind = 'text' | 'count' | 'hours' | 'days' | 'pounds' | 'rate' | 'percent' | 'index';
export type TCell = { kind: 'text'; value: string } | { kind: Exclude<TCellKind, 'text'>; value: number | null };
export type TColumn = { label: string; numeric: boolean };
export type TSectionTable = { caption: string; columns: TColumn[]; rows: TCell[][] };

export const text = (value: string): TCell => ({ kind: 'text', value });
export const count = (value: number): TCell => ({ kind: 'count', value });
export const hours = (value: number | null): TCell => ({ kind: 'hours', value });
export const days = (value: number | null): TCell => ({ kind: 'days', value });
export const pounds = (value: number | null): TCell => ({ kind: 'pounds', value });
export const rate = (value: number | null): TCell => ({ kind: 'rate', value });
export const percent = (value: number | null): TCell => ({ kind: 'percent', value });
export const index = (value: number): TCell => ({ kind: 'index', value });

const DECIMALS: Record<Exclude<TCellKind, 'text'>, number> = { count: 0, hours: 1, days: 1, pounds: 0, rate: 2, percent: 1, index: 0 };

/** The number as shown, before grouping and symbols: percentages as 0–100. */
function rounded(cell: Exclude<TCell, { kind: 'text' }>): string {
  const n = cell.kind === 'percent' ? (cell.value ?? 0) * 100 : (cell.value ?? 0);
  return n.toFixed(DECIMALS[cell.kind]);
}

/** What the page shows: "1,234.5", "£12,345", "£21.50", "29.0%"; a dash when there is no value. */
export function displayCell(cell: TCell): string {
  if (cell.kind === 'text') return cell.value;
  if (cell.value === null) return '—';
  const digits = DECIMALS[cell.kind];
  const grouped = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(rounded(cell)));
  if (cell.kind === 'pounds' || cell.kind === 'rate') return grouped.startsWith('-') ? `-£${grouped.slice(1)}` : `£${grouped}`;
  if (cell.kind === 'percent') return `${grouped}%`;
  return grouped;
}

/** What the CSV holds: the same rounding, plain digits (units are in the column headers). */
export function csvCell(cell: TCell): string {
  if (cell.kind === 'text') return cell.value;
  return cell.value === null ? '' : rounded(cell);
}

function quote(field: string): string {
  // Quote when needed, and defuse spreadsheet formulas in text (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(field) && Number.isNaN(Number(field)) ? `'${field}` : field;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(table: TSectionTable): string {
  const lines = [table.columns.map((c) => quote(c.label)), ...table.rows.map((row) => row.map((cell) => quote(csvCell(cell))))];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
