import type { ReactNode } from 'react';

// One look for every data table: a scrolling frame, a caption for screen readers, column headers
// with scope, and cells with the same padding. A queue read on a phone may stack instead: below the
// `sm` breakpoint each row is a card and each cell shows its column's name above it (the duty
// board's layout, with the name as generated text); from `sm` up it is the same table. Such a table passes `stacked` to DataTable
// and its rows, and a `label` to each cell.

type Column = string | { label: ReactNode; numeric?: boolean; srOnly?: boolean };

export function DataTable({
  caption,
  columns,
  children,
  testId,
  showCaption = false,
  minWidth = '',
  stacked = false,
}: {
  caption: string;
  columns: Column[];
  children: ReactNode;
  testId?: string;
  /** Shown above the table as well as read out, where it says something the page's heading does not. */
  showCaption?: boolean;
  /** A class such as `min-w-[48rem]`: columns this wide at least, the frame scrolling sideways on a narrower screen. */
  minWidth?: string;
  /** Each row a card of labelled cells below `sm` (390 px phones), the table from `sm` up. */
  stacked?: boolean;
}) {
  const frame = 'rounded-lg border border-slate-200 bg-white';
  return (
    // A frame that may scroll sideways must be reachable by keyboard to scroll it (WCAG 2.1.1).
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={`relative focus:outline-2 focus:outline-offset-2 focus:outline-slate-900 ${stacked ? 'sm:overflow-x-auto sm:rounded-lg sm:border sm:border-slate-200 sm:bg-white' : `overflow-x-auto ${frame}`}`}
    >
      <table className={`w-full text-sm ${stacked ? 'block sm:table' : ''} ${minWidth}`} data-testid={testId}>
        <caption className={showCaption ? 'px-3 py-2 text-left font-medium' : 'sr-only'}>{caption}</caption>
        <thead className={`bg-slate-100 text-left ${stacked ? 'hidden sm:table-header-group' : ''}`}>
          <tr>
            {columns.map((c, i) => {
              const col = typeof c === 'string' ? { label: c } : c;
              return (
                <th key={i} scope="col" className={`px-3 py-2 ${col.numeric ? 'text-right' : ''}`}>
                  {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={stacked ? 'block space-y-3 sm:table-row-group sm:space-y-0' : undefined}>{children}</tbody>
      </table>
    </div>
  );
}

export function Row({ children, testId, top, stacked }: { children: ReactNode; testId?: string; top?: boolean; stacked?: boolean }) {
  const card = 'block rounded-lg border bg-white p-3 sm:table-row sm:rounded-none sm:border-x-0 sm:border-b-0 sm:bg-transparent sm:p-0';
  return (
    <tr className={`border-t border-slate-200 ${top ? 'align-top' : ''} ${stacked ? card : ''}`} data-testid={testId}>
      {children}
    </tr>
  );
}

export function RowHeader({ children, className = 'font-medium', label }: { children: ReactNode; className?: string; label?: string }) {
  return (
    <th scope="row" data-label={label} className={`text-left ${label ? STACKED_CELL : 'px-3 py-2'} ${className}`}>
      {children}
    </th>
  );
}

/**
 * A cell. With a `label` (a stacked table), below `sm` the cell is a line of its card with its
 * column's name above it, and numbers are not right-aligned.
 */
export function Cell({ children, numeric, className = '', label }: { children?: ReactNode; numeric?: boolean; className?: string; label?: string }) {
  const align = numeric ? (label ? 'tabular-nums sm:text-right' : 'text-right tabular-nums') : '';
  return (
    <td data-label={label} className={`${label ? STACKED_CELL : 'px-3 py-2'} ${align} ${className}`}>
      {children}
    </td>
  );
}

// A stacked cell on a phone: a line of its card, its column's name (data-label) shown above it as
// generated text, so the cell's own text stays the value alone; from `sm` up, a table cell.
const STACKED_CELL =
  'block px-0 py-1 before:block before:text-xs before:font-semibold before:uppercase before:tracking-wide before:text-slate-600 before:content-[attr(data-label)] sm:table-cell sm:px-3 sm:py-2 sm:before:content-none';
