import Link from 'next/link';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { formatLondonDate, formatLondonTime } from '@/lib/time/london';
import { listWhatIfs } from '@/lib/whatif/get-what-ifs';
import { STATUS_TEXT } from './status-text';

export const metadata = { title: 'What-if scenarios' };

export default async function WhatIfsPage() {
  const { actor, db } = await requirePageActor('whatif:manage');
  const rows = await listWhatIfs(db, actor.councilId);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">What-if scenarios</h1>
      <p className="max-w-3xl text-slate-700">
        Start from today’s market and change it: more demand, a provider failing, a contract ending, a locality re-let, more or less capacity, a rate uplift.
        The optimiser places the waiting packages in today’s market and in yours, and shows the two side by side. Nothing you do here changes the live market.
        Everyone in your council with access sees these scenarios.
      </p>
      <Link href="/what-if/new" className="inline-block min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white sm:min-h-0">
        New scenario
      </Link>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No scenarios yet.</p>
      ) : (
        <DataTable
          caption="Your council’s scenarios, latest first"
          columns={['Scenario', 'Made by', { label: 'Changes', numeric: true }, 'State', 'Last run']}
          testId="whatif-list"
        >
          {rows.map((r) => (
            <Row key={r.id}>
              <RowHeader>
                <Link className="underline" href={`/what-if/${r.id}`}>
                  {r.name}
                </Link>
              </RowHeader>
              <Cell>{r.createdBy}</Cell>
              <Cell numeric>{r.changes}</Cell>
              <Cell>{STATUS_TEXT[r.status]}</Cell>
              <Cell>{r.ranAt ? `${formatLondonDate(r.ranAt)} ${formatLondonTime(r.ranAt)}` : '—'}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </section>
  );
}
