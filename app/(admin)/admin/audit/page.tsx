import { SubmitButton, TextInput } from '@/components/form';
import { Pager } from '@/components/pager';
import { Cell, DataTable, Row } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { auditActionLabel } from '@/lib/audit/action-label';
import { searchAudit, ZAuditSearchSchema } from '@/lib/audit/search-audit';
import { formatNumber } from '@/lib/format';
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
  const field = (name: keyof typeof errors, label: string, type = 'text', hint?: string) => (
    <TextInput id={name} name={name} type={type} label={label} hint={hint} defaultValue={raw[name] ?? ''} errors={errors} compact />
  );
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <form method="get" role="search" aria-label="Search the audit trail" className="flex flex-wrap items-end gap-3">
        {field('about', 'Package or person', 'text', 'A reference such as BDC-000123, or part of a name')}
        {field('action', 'What happened (contains)')}
        {field('actorEmail', 'Who (email contains)')}
        {field('ip', 'From address (starts with)')}
        {field('from', 'From', 'date')}
        {field('to', 'To', 'date')}
        <SubmitButton>Search</SubmitButton>
      </form>
      <p className="text-sm text-slate-700">
        {formatNumber(result.total)} event{result.total === 1 ? '' : 's'}, newest first.
      </p>
      {result.events.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No events match.</p>
      ) : (
        <DataTable caption="Audit events" columns={['When', 'Who', 'What happened', 'About', 'From address']}>
          {result.events.map((e) => (
            <Row key={e.id}>
              <Cell className="whitespace-nowrap">{formatLondon(e.at)}</Cell>
              <Cell>
                {e.actorEmail ?? 'Not signed in'}
                {e.token ? <span className="block text-xs text-slate-600">with API token {e.token}</span> : null}
              </Cell>
              <Cell>
                {auditActionLabel(e.action)}
                {e.times > 1 ? ` (${formatNumber(e.times)} times in that minute)` : ''}
                <span className="block font-mono text-xs text-slate-600">{e.action}</span>
              </Cell>
              <Cell>{e.record ?? (e.entityId ? `${e.entityType} ${e.entityId.slice(0, 8)}` : e.entityType)}</Cell>
              <Cell>{e.ip ?? ''}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pager page={search.page} pages={result.pages} href={href} label="Pages of audit events" />
    </section>
  );
}
