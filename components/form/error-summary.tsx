import type { Ref } from 'react';

type TProblem = { href: string; text: string };

/**
 * The error summary at the top of a form (GOV.UK pattern): a heading, an optional message and a
 * link to each field with a problem. It sits in a live region so that it is read out when it
 * appears, and the form moves focus to it after a failed submit (`useFocusSummary`).
 */
export function ErrorSummary({
  problems,
  message,
  ref,
  level = 3,
}: {
  problems: TProblem[];
  message?: string | null;
  ref?: Ref<HTMLDivElement>;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div aria-live="assertive">
      {problems.length === 0 && !message ? null : (
        <div ref={ref} tabIndex={-1} role="alert" className="border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          <Heading className="font-semibold">There is a problem</Heading>
          {message ? <p>{message}</p> : null}
          {problems.length ? (
            <ul className="list-inside list-disc">
              {problems.map((p) => (
                <li key={`${p.href} ${p.text}`}>
                  <a className="underline" href={p.href}>
                    {p.text}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </div>
  );
}
