import type { ReactNode } from 'react';

// One look for every data table: a scrolling frame, a caption for screen readers, column headers
// with scope, and cells with the same padding.

type Column = string | { label: ReactNode; numeric?: boolean; srOnly?: boolean };

export function DataTable({
  caption,
  columns,
  children,
  testId,
  showCaption = false,
  minWidth = '',
}: {
  caption: string;
  columns: Column[];
  children: ReactNode;
  testId?: string;
  /** Shown above the table as well as read out, where it says something the page's heading does not. */
  showCaption?: boolean;
  /** A class such as `min-w-[48rem]`: columns this wide at least, the frame scrolling sideways on a narrower screen. */
  minWidth?: string;
}) {
  return (
    // A frame that may scroll sideways must be reachable by keyboard to scroll it (WCAG 2.1.1).
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-2 focus:outline-offset-2 focus:outline-slate-900"
    >
      <table className={`w-full text-sm ${minWidth}`} data-testid={testId}>
        <caption className={showCaption ? 'px-3 py-2 text-left font-medium' : 'sr-only'}>{caption}</caption>
        <thead className="bg-slate-100 text-left">
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
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Row({ children, testId, top }: { children: ReactNode; testId?: string; top?: boolean }) {
  return (
    <tr className={`border-t border-slate-200 ${top ? 'align-top' : ''}`} data-testid={testId}>
      {children}
    </tr>
  );
}

export function RowHeader({ children, className = 'font-medium' }: { children: ReactNode; className?: string }) {
  return (
    <th scope="row" className={`px-3 py-2 text-left ${className}`}>
      {children}
    </th>
  );
}

export function Cell({ children, numeric, className = '' }: { children?: ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`px-3 py-2 ${numeric ? 'text-right tabular-nums' : ''} ${className}`}>{children}</td>;
}
