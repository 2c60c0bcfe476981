'use client';

import { useState, type ReactNode } from 'react';

/**
 * One package on the duty board. On a wide screen, a table row with every column. On a phone, a
 * compact card (the clock, the package and its Push button) whose other cells (where, offers,
 * calls) open behind "More details", so the first Push is on the first screen.
 */
export function DutyRow({ reference, children }: { reference: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <tr
      data-testid="duty-row"
      data-open={open}
      className="group flex flex-col rounded-lg border border-slate-300 bg-white p-3 md:table-row md:rounded-none md:border-0 md:border-t md:border-slate-200 md:p-0"
    >
      {children}
      <td className="order-4 pt-1 md:hidden">
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} className="min-h-11 text-sm font-medium underline">
          {open ? 'Fewer details' : 'More details'}
          <span className="sr-only"> of {reference}</span>
        </button>
      </td>
    </tr>
  );
}
