import Link from 'next/link';
import { Pager } from '@/components/pager';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { CLOCK_STATES } from '@/lib/domain/clock';
import { CLOCK_STATE_LABEL, REABLEMENT_OUTCOME_LABEL } from '@/lib/domain/labels';
import { ENDING_WITHIN_DAYS, listDutyBoard } from '@/lib/duty/list-duty-board';
import { getRecordedOutcome } from '@/lib/reablement/get-recorded-outcome';
import { formatWeekday, shortLondon } from '@/lib/time/london';
import { AutoRefresh } from './auto-refresh';
import { Collapsible } from './collapsible';
import { StateIcon } from './duty-clock';
import { ReablementEnding } from './reablement-ending';
import { WaitingBoard } from './waiting-board';
import { Select, SubmitButton, TextInput } from '@/components/form';

export const metadata = { title: 'Duty board' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function DutyBoard({ searchParams }: { searchParams: SearchParams }) {
  const { actor, db } = await requirePageActor('duty:view');
  const params = await searchParams;
  const now = new Date();
  const [board, ended] = await Promise.all([
    listDutyBoard(db, actor, { hospitalId: one(params.hospital), areaId: one(params.area), page: Number(one(params.page)) || 1 }, now),
    one(params.ended) ? getRecordedOutcome(db, actor, one(params.ended)!) : Promise.resolve(null),
  ]);
  const { waiting, ending } = board;
  const filtered = board.filters.hospitalId !== null || board.filters.areaId !== null;
  const href = (page: number) => {
    const q = new URLSearchParams();
    if (board.filters.hospitalId) q.set('hospital', board.filters.hospitalId);
    if (board.filters.areaId) q.set('area', board.filters.areaId);
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return s ? `/duty?${s}` : '/duty';
  };

  return (
    <div className="space-y-6">
      <AutoRefresh />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Duty board</h1>
        <p className="hidden max-w-3xl text-slate-700 md:block">
          Hospital discharges and reablement waiting for a provider, most urgent first. Each clock runs from when the person was ready: 2 hours for a discharge
          from hospital, 4 hours for other new short-term demand. It is at risk in its last quarter.
        </p>
        <p className="text-sm text-slate-600">
          Updated {shortLondon(now, now)}
          <span className="hidden md:inline">; clocks tick every 30 seconds and the board refreshes every minute</span>.
        </p>
        <p>
          <Link href="/packages/new" className="font-medium underline">
            New discharge or reablement package
          </Link>
        </p>
      </header>

      {ended ? (
        <div role="status" className="border-l-4 border-emerald-700 bg-emerald-50 p-3">
          <p className="font-semibold">
            Reablement {ended.reference} ended{ended.endDate ? ` on ${formatWeekday(ended.endDate)}` : ''}:{' '}
            {REABLEMENT_OUTCOME_LABEL[ended.outcome].toLowerCase()}.
          </p>
          {ended.handedBackTo ? (
            <p>
              Handed back to long-term package{' '}
              <Link href={`/packages/${ended.handedBackTo.reference}`} className="underline">
                {ended.handedBackTo.reference}
              </Link>
              {ended.handedBackTo.provider ? `, delivered by ${ended.handedBackTo.provider}, who has been told` : ''}.
            </p>
          ) : null}
          {ended.startLongTerm ? (
            <p>
              The person has no long-term package.{' '}
              <Link href={`/packages/new?after=${encodeURIComponent(ended.reference)}`} className="font-semibold underline">
                Start a long-term package
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <details open={filtered} className="rounded-lg border border-slate-200 bg-white p-3">
        <summary className="cursor-pointer font-medium">Filter by hospital or STEP area{filtered ? ' (filtered)' : ''}</summary>
        <form method="get" action="/duty" role="search" aria-label="Filter the board" className="mt-2 flex flex-wrap items-end gap-3">
          <Select id="hospital" name="hospital" label="Hospital (discharges)" defaultValue={board.filters.hospitalId ?? ''} compact>
            <option value="">All hospitals</option>
            {board.hospitals.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name} ({h.code})
              </option>
            ))}
          </Select>
          <Select
            id="area"
            name="area"
            label="STEP area"
            defaultValue={board.filters.areaId ?? ''}
            compact
            className="min-w-0 max-w-full"
            inputClassName="w-full max-w-md"
          >
            <option value="">All areas</option>
            {board.areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </Select>
          <SubmitButton>Show</SubmitButton>
          {filtered ? (
            <Link href="/duty" className="py-1.5 underline">
              Clear filters
            </Link>
          ) : null}
        </form>
      </details>

      <section aria-labelledby="waiting-heading" className="space-y-3">
        <h2 id="waiting-heading" className="text-xl font-semibold">
          Waiting for a provider ({waiting.total})
        </h2>
        {waiting.total > 0 ? (
          <ul className="flex flex-wrap gap-3 text-sm" aria-label="Clocks now">
            {CLOCK_STATES.map((s) => (
              <li key={s} className="inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1">
                <StateIcon state={s} /> <strong>{waiting.counts[s]}</strong> {CLOCK_STATE_LABEL[s].toLowerCase()}
              </li>
            ))}
          </ul>
        ) : null}
        {waiting.rows.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">
            {filtered ? (
              <>
                No discharge or reablement package is waiting for this hospital or area.{' '}
                <Link href="/duty" className="underline">
                  Show all
                </Link>
              </>
            ) : (
              'No discharge or reablement package is waiting for a provider.'
            )}
          </p>
        ) : (
          <WaitingBoard rows={waiting.rows} now={now} />
        )}
        <Pager page={waiting.page} pages={waiting.pages} href={href} label="Pages of waiting packages" />
        <p className="text-sm text-slate-700">
          <strong>Push now</strong> posts a draft and offers the package at once to every STEP and hospital-discharge provider that can take it, with a short
          deadline; offers already out stay as they are.
        </p>
      </section>

      <Collapsible id="ending-heading" heading={`Reablement ending (${ending.total})`}>
        <p className="max-w-3xl text-slate-700">
          Reablement is free to the person for up to six weeks. These placements end within {ENDING_WITHIN_DAYS} days, or have ended, and need their outcome.
        </p>
        <ReablementEnding rows={ending.rows} total={ending.total} handedBack={board.handedBack} now={now} />
      </Collapsible>

      <section aria-labelledby="split-heading" className="space-y-2">
        <h2 id="split-heading" className="text-xl font-semibold">
          Reablement for someone who already has care
        </h2>
        <p className="max-w-3xl text-slate-700">
          Add reablement alongside a long-term package instead of taking it over: the provider keeps its assessed visits, and the reablement goes to the STEP
          providers.
        </p>
        <form method="get" action="/duty/split" className="flex flex-wrap items-end gap-3">
          <TextInput id="split-reference" name="reference" label="Long-term package reference" placeholder="BDC-000123" compact inputClassName="font-mono" />
          <SubmitButton variant="secondary">Split reablement from it</SubmitButton>
        </form>
      </section>
    </div>
  );
}
