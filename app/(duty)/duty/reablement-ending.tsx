import Link from 'next/link';
import type { TEndingRow, THandBackRow } from '@/lib/duty/list-duty-board';
import { REABLEMENT_OUTCOME_LABEL } from '@/lib/domain/labels';
import { formatWeekday, londonDate, shortLondon } from '@/lib/time/london';
import { ReablementOutcomeForm } from './reablement-outcome-form';

const DAY = 86_400_000;

function endsIn(endsOn: string, now: Date): string {
  const days = Math.round((Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${londonDate(now)}T00:00:00Z`)) / DAY);
  if (days === 0) return 'last day today';
  if (days > 0) return `last day in ${days} day${days === 1 ? '' : 's'}`;
  return `last day was ${-days} day${days === -1 ? '' : 's'} ago: outcome overdue`;
}

/** Placed reablement coming to its end (or past it) with no outcome yet, and recent hand-backs. */
export function ReablementEnding({ rows, total, handedBack, now }: { rows: TEndingRow[]; total: number; handedBack: THandBackRow[]; now: Date }) {
  return (
    <>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No reablement placement ends in the next 7 days without an outcome.</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" aria-label="Reablement ending">
          {rows.map((r) => {
            const overdue = r.endsOn < londonDate(now);
            return (
              <li
                key={r.id}
                data-testid="reablement-ending"
                className={`space-y-2 rounded-lg border bg-white p-3 ${overdue ? 'border-l-8 border-red-700' : 'border-slate-300'}`}
              >
                <h3 className="font-semibold">
                  <Link href={`/packages/${r.reference}`} className="font-mono underline">
                    {r.reference}
                  </Link>{' '}
                  {r.person}
                </h3>
                <p className={overdue ? 'font-semibold text-red-900' : ''}>
                  {formatWeekday(r.endsOn)}: {endsIn(r.endsOn, now)}
                </p>
                <p className="text-sm text-slate-700">
                  {r.provider ?? 'No provider recorded'} in {r.locality}
                  {r.placedAt ? `, since ${shortLondon(r.placedAt, now)}` : ''}
                </p>
                {r.splitFrom ? (
                  <p className="text-sm">
                    Alongside long-term package{' '}
                    <Link href={`/packages/${r.splitFrom.reference}`} className="underline">
                      {r.splitFrom.reference}
                    </Link>
                    {r.splitFrom.provider ? `, which ${r.splitFrom.provider} keeps delivering` : ''}: recording the outcome hands the person back to it.
                  </p>
                ) : null}
                {r.status === 'IN_HOSPITAL' ? (
                  <p className="text-sm font-medium">The person is in hospital: record their return home on the package page first.</p>
                ) : (
                  <ReablementOutcomeForm packageId={r.id} reference={r.reference} endsOn={r.endsOn} firstDay={r.placedAt ? londonDate(r.placedAt) : null} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {total > rows.length ? (
        <p className="text-sm">
          Showing the first {rows.length} of {total}, soonest first.
        </p>
      ) : null}
      {handedBack.length ? (
        <section aria-labelledby="handed-back" className="space-y-1">
          <h3 id="handed-back" className="font-semibold">
            Handed back in the last two weeks
          </h3>
          <ul className="list-inside list-disc text-sm">
            {handedBack.map((h) => (
              <li key={h.id}>
                <Link href={`/packages/${h.reference}`} className="underline">
                  {h.reference}
                </Link>{' '}
                ended {shortLondon(h.handedBackAt, now)}
                {h.outcome ? ` (${REABLEMENT_OUTCOME_LABEL[h.outcome].toLowerCase()})` : ''}: back to{' '}
                <Link href={`/packages/${h.splitFrom.reference}`} className="underline">
                  {h.splitFrom.reference}
                </Link>
                {h.splitFrom.provider ? ` with ${h.splitFrom.provider}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
