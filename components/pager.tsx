import Link from 'next/link';

export const PAGE_SIZE = 25;

export function pageFrom(param: string | undefined, total: number): { page: number; pages: number; skip: number } {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(param) || 1));
  return { page, pages, skip: (page - 1) * PAGE_SIZE };
}

export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (n: number) => string; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="mt-2 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link className="underline" href={href(page - 1)}>
          Previous
        </Link>
      ) : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="underline" href={href(page + 1)}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
