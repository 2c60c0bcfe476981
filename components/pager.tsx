import Link from 'next/link';

export const PAGE_SIZE = 25;

/**
 * One page of a list, from the page number in the address (anything that is not one means the
 * first): `fetch` gets the window and answers with the rows and the total. The page asked for is
 * fetched straight away, and only a page past the end (the list shrank, or the address was typed)
 * costs a second fetch, of the last page.
 */
export async function fetchPage<T>(
  param: string | undefined,
  fetch: (window: { take: number; skip: number }) => Promise<T>,
  totalOf: (result: T) => number = (result) => (result as { total: number }).total,
): Promise<{ result: T; page: number; pages: number }> {
  const asked = Math.max(1, Math.floor(Number(param)) || 1);
  let result = await fetch({ take: PAGE_SIZE, skip: (asked - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(totalOf(result) / PAGE_SIZE));
  if (asked > pages) result = await fetch({ take: PAGE_SIZE, skip: (pages - 1) * PAGE_SIZE });
  return { result, page: Math.min(asked, pages), pages };
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
