import { SubmitButton, TextInput } from '@/components/form';
import { Cell, DataTable, Row } from '@/components/table';
import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { searchAudit, ZAuditSearchSchema } from '@/lib/audit/search-audit';
import { formatLondon } from '@/lib/time/london';

export const metadata = { title: 'Audit trail' };

type Params = Record<string, string | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { actor, db } = await requirePageActor('audit:search');
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== ''));
  const parsed = ZAuditSearchSchema.safeParse(raw);
  const search = parsed.success ? parsed.data : ZAuditSearchSchema.parse({});
  const errors = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const result = await searchAudit(db, actor, search);
  const href = (page: number) => `/admin/audit?${new URLSearchParams({ ...raw, page: String(page) } as Record<string, string>)}`;
  const field = (name: keyof typeof errors, label: string, type = 'text') => (
    <TextInput id={name} name={name} type={type} label={label} defaultValue={raw[name] ?? ''} errors={errors} compact />
  );
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <form method="get" className="flex flex-wrap items-end gap-3">
        {field('action', 'Action contains')}
        {field('entityId', 'Record id')}
        {field('actorEmail', 'Who (email contains)')}
        {field('from', 'From', 'date')}
        {field('to', 'To', 'date')}
        <SubmitButton>Search</SubmitButton>
      </form>
      <p className="text-sm text-slate-700">{result.total} events, newest first.</p>
      {result.events.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No events match.</p>
      ) : (
        <DataTable caption="Audit events" columns={['When', 'Who', 'Action', 'Record', 'From']}>
          {result.events.map((e) => (
            <Row key={e.id}>
              <Cell className="whitespace-nowrap">{formatLondon(e.at)}</Cell>
              <Cell>{e.actorEmail ?? 'Not signed in'}</Cell>
              <Cell className="font-mono">{e.action}</Cell>
              <Cell>
                {e.entityType}
                {e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}
              </Cell>
              <Cell>{e.ip ?? ''}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
      {result.pages > 1 ? (
        <nav aria-label="Audit pages" className="flex gap-3 text-sm">
          {search.page > 1 ? (
            <Link className="underline" href={href(search.page - 1)}>
              Previous
            </Link>
          ) : null}
          <span>
            Page {search.page} of {result.pages}
          </span>
          {search.page < result.pages ? (
            <Link className="underline" href={href(search.page + 1)}>
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
