'use client';

import { useState, useSyncExternalStore, type ReactNode } from 'react';

const WIDE = '(min-width: 768px)';

const subscribe = (changed: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
};

/**
 * A section that starts open on a wide screen and closed on a phone, where the waiting board comes
 * first; its heading is the button that opens it. Once someone opens or closes it, it stays so.
 */
export function Collapsible({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  // The server renders it closed; the browser then opens it on a wide screen.
  const wide = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => false,
  );
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? wide;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-content`}
          onClick={() => setChosen(!open)}
          className="flex items-center gap-2 text-left"
        >
          <span aria-hidden="true" className={`inline-block transition-transform ${open ? 'rotate-90' : ''}`}>
            ▸
          </span>
          {heading}
        </button>
      </h2>
      <div id={`${id}-content`} hidden={!open} className="space-y-3">
        {children}
      </div>
    </section>
  );
}
