'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useState } from 'react';

export type TNavItem = { href: string; label: string };

const isCurrent = (pathname: string, href: string) => pathname === href || (href !== '/' && pathname.startsWith(`${href}/`));

/**
 * The main navigation: links in a row that wraps on wide screens; behind a "Menu" button on a phone,
 * so a role with many pages never pushes the page sideways. The menu closes when the page changes.
 */
export function SiteNav({ items }: { items: readonly TNavItem[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [open]);

  return (
    <nav aria-label="Main" className="order-last w-full md:order-none md:w-auto md:flex-1">
      <button
        type="button"
        className="rounded border border-white/60 px-3 py-1 text-sm hover:bg-white/10 md:hidden"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <ul id={listId} className={`${open ? 'flex' : 'hidden'} mt-2 flex-col gap-1 md:mt-0 md:flex md:flex-row md:flex-wrap md:gap-x-4 md:gap-y-1`}>
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}
              className="block py-1 underline-offset-4 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline md:inline md:py-0"
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
