import type { ReactNode } from 'react';

/**
 * A part of a page under its own heading: a region named by its h2, so a screen reader can jump to
 * it. `card` frames it on white; `className` sets the spacing between what it holds.
 */
export function PageSection({
  id,
  title,
  card = false,
  className = 'space-y-3',
  children,
}: {
  id: string;
  title: ReactNode;
  card?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={card ? `${className} rounded-lg border border-slate-200 bg-white p-4` : className}>
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
