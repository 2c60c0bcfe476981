import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { searchAudit, ZAuditSearchSchema } from '@/lib/audit/search-audit';
import { prisma } from '@/lib/db';
import { formatLondon } from '@/lib/time/london';

export const metadata = { title: 'Audit trail' };

type Params = Record<string, string | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requirePageActor('audit:search');
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== ''));
  const parsed = ZAuditSearchSchema.safeParse(raw);
  const search = parsed.success ? parsed.data : ZAuditSearchSchema.parse({});
  const errors = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const result = await searchAudit(prisma, actor, search);
  const href = (page: number) => `/admin/audit?${new URLSearchParams({ ...raw, page: String(page) } as Record<string, string>)}`;
  const field = (name: keyof typeof errors, label: string, type = 'text') => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">{label}</label>
      {errors[name] ? <p id={`${name}-error`} className="text-sm font-medium text-red-800">{errors[name]?.[0]}</p> : null}
      <input id={name} name={name} type={type} defaultValue={raw[name] ?? ''} aria-describedby={errors[name] ? `${name}-error` : undefined} className="mt-1 rounded border border-slate-500 px-2 py-1" />
    </div>
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
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white">Search</button>
      </form>
      <p className="text-sm text-slate-700">{result.total} events, newest first.</p>
      {result.events.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No events match.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Audit events</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Who</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Record</th>
                <th scope="col" className="px-3 py-2">From</th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((e) => (
                <tr key={e.id} className="border-t border-slate-200">
                  <td className="px-3 py-2 whitespace-nowrap">{formatLondon(e.at)}</td>
                  <td className="px-3 py-2">{e.actorEmail ?? 'Not signed in'}</td>
                  <td className="px-3 py-2 font-mono">{e.action}</td>
                  <td className="px-3 py-2">{e.entityType}{e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}</td>
                  <td className="px-3 py-2">{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pages > 1 ? (
        <nav aria-label="Audit pages" className="flex gap-3 text-sm">
          {search.page > 1 ? <Link className="underline" href={href(search.page - 1)}>Previous</Link> : null}
          <span>Page {search.page} of {result.pages}</span>
          {search.page < result.pages ? <Link className="underline" href={href(search.page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
