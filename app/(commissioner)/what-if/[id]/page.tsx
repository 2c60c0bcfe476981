import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { displayCell } from '@/lib/dashboard/table';
import { CARER_HOURS_NOTE } from '@/lib/domain/carer-hours';
import { formatLondonDate, formatLondonTime } from '@/lib/time/london';
import { comparisonTables } from '@/lib/whatif/comparison';
import { describeChange } from '@/lib/whatif/describe-change';
import { getWhatIf, whatIfChoices } from '@/lib/whatif/get-what-ifs';
import { RUN_STEPS, type TWhatIfResult } from '@/lib/whatif/run-what-if';
import { isUuid } from '../ids';
import { STATUS_TEXT } from '../status-text';
import { RunControls } from './run-controls';

export const metadata = { title: 'What-if scenario' };

const n = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** The run in one sentence: what is left unplaced and what care costs, today and in the scenario. */
function headline(r: TWhatIfResult): string {
  const [b, v] = [r.base.totals, r.variant.totals];
  return (
    `In the scenario ${n(v.unplaced)} package${v.unplaced === 1 ? ' is' : 's are'} left unplaced (${n(v.unplacedHours)} carer-hours a week), against ${n(b.unplaced)} (${n(b.unplacedHours)}) today; ` +
    `care costs £${n(Math.round(v.weeklyCost))} a week against £${n(Math.round(b.weeklyCost))}, and locality contracts carry ${n(v.localityShare * 100)}% of the hours against ${n(b.localityShare * 100)}% (the aim is 70%).`
  );
}

const when = (d: Date) => `${formatLondonDate(d)} at ${formatLondonTime(d)}`;

export default async function WhatIfPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePageActor('whatif:manage');
  const { id } = await params;
  const scenario = isUuid(id) ? await getWhatIf(db, actor.councilId, id) : null;
  if (!scenario) notFound();
  const choices = await whatIfChoices(db, actor.councilId);
  const nameOf = (list: { id: string; name: string }[], what: string) => (x: string) => list.find((l) => l.id === x)?.name ?? `a ${what} no longer in force`;
  const names = {
    locality: nameOf(choices.localities, 'locality'),
    provider: nameOf(choices.providers, 'provider'),
    contract: nameOf(choices.contracts, 'contract'),
  };
  const running = scenario.status === 'QUEUED' || scenario.status === 'RUNNING';
  const result = scenario.result;
  return (
    <section className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/what-if">
          What-if scenarios
        </Link>
      </nav>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold break-words">{scenario.name}</h1>
        <p className="text-sm text-slate-600">
          Made by {scenario.createdBy} on {when(scenario.createdAt)}. {STATUS_TEXT[scenario.status]}
          {scenario.ranAt && !running ? ` on ${when(scenario.ranAt)}` : ''}.
        </p>
        {scenario.description ? <p className="max-w-3xl whitespace-pre-line text-slate-700">{scenario.description}</p> : null}
      </div>

      <section aria-labelledby="changes-heading" className="space-y-2">
        <h2 id="changes-heading" className="text-xl font-semibold">
          Changes to today’s market
        </h2>
        <ol className="list-inside list-decimal space-y-1" data-testid="whatif-changes">
          {scenario.changes.map((c, i) => (
            <li key={i}>{describeChange(c, names)}</li>
          ))}
        </ol>
      </section>

      <RunControls id={scenario.id} name={scenario.name} running={running} ranBefore={result !== null} />

      <div role="status" aria-live="polite" data-testid="whatif-progress">
        {running ? (
          <div className="space-y-1">
            <p>
              {scenario.status === 'QUEUED'
                ? 'Waiting for the worker to start the run…'
                : `Step ${scenario.step + 1} of ${RUN_STEPS.length - 1}: ${RUN_STEPS[scenario.step]}…`}
            </p>
            <progress
              className="w-full max-w-md"
              max={RUN_STEPS.length - 1}
              value={scenario.status === 'QUEUED' ? 0 : scenario.step}
              aria-label="Progress of the run"
            />
          </div>
        ) : scenario.status === 'FAILED' ? (
          <p className="border-l-4 border-red-700 bg-red-50 p-3 text-red-900">{scenario.error}</p>
        ) : null}
      </div>

      {result && !running ? (
        <section aria-labelledby="result-heading" className="space-y-4" data-testid="whatif-result">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="result-heading" className="text-xl font-semibold">
              Today and the scenario, side by side
            </h2>
            <a className="text-sm underline" href={`/what-if/${scenario.id}/csv`} download>
              Download CSV<span className="sr-only">: {scenario.name}</span>
            </a>
          </div>
          <p className="max-w-3xl text-sm text-slate-700">
            Run on {formatLondonDate(new Date(result.ranAt))} at {formatLondonTime(new Date(result.ranAt))} on the market as it was then, in{' '}
            {result.seconds.toLocaleString('en-GB', { maximumFractionDigits: 1 })} seconds. Care in place keeps its provider unless a change hands it back; the
            optimiser places the waiting packages, those handed back and any new demand. {CARER_HOURS_NOTE}
          </p>
          <p className="max-w-3xl font-medium" data-testid="whatif-headline">
            {headline(result)}
          </p>
          {result.notes.length ? (
            <ul className="list-inside list-disc text-sm text-slate-700">
              {result.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
          {result.variant.solver?.status === 'TIME_LIMIT' || result.base.solver?.status === 'TIME_LIMIT' ? (
            <p className="text-sm text-slate-700">The optimiser reached its time limit; its placements are good but may not be the best possible.</p>
          ) : null}
          {comparisonTables(result).map((table, t) => (
            <div key={t} className="space-y-1">
              <h3 className="font-semibold">{table.caption}</h3>
              <DataTable caption={table.caption} columns={table.columns} testId={`whatif-table-${t}`}>
                {table.rows.map((row, i) => (
                  <Row key={i}>
                    <RowHeader>{displayCell(row[0])}</RowHeader>
                    {row.slice(1).map((cell, j) => (
                      <Cell key={j} numeric={table.columns[j + 1].numeric}>
                        {displayCell(cell)}
                      </Cell>
                    ))}
                  </Row>
                ))}
              </DataTable>
            </div>
          ))}
        </section>
      ) : null}
    </section>
  );
}
