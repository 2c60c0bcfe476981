import Link from 'next/link';
import { Select, SubmitButton, TextInput } from '@/components/form';
import { fetchPage, Pager } from '@/components/pager';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { contractChoices, listContracts, type TContractFilter } from '@/lib/contract/list-contracts';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { CONTRACT_TYPE_LABEL } from '@/lib/domain/labels';
import { formatPounds } from '@/lib/format';
import { formatDay } from '@/lib/time/london';

export const metadata = { title: 'Contracts' };

type TParams = { q?: string; type?: string; provider?: string; locality?: string; state?: string; page?: string };

const STATES = { IN_FORCE: 'In force today', ENDED: 'Ended', ALL: 'All' } as const;

export default async function ContractsPage({ searchParams }: { searchParams: Promise<TParams> }) {
  const { actor, db } = await requirePageActor('contract:read');
  const params = await searchParams;
  const choices = await contractChoices(db, actor);
  const type = (CONTRACT_TYPES as readonly string[]).includes(params.type ?? '') ? (params.type as TContractFilter['type']) : null;
  const providerId = choices.providers.some((p) => p.id === params.provider) ? params.provider! : null;
  const localityId = choices.localities.some((l) => l.id === params.locality) ? params.locality! : null;
  const state = params.state && params.state in STATES ? (params.state as keyof typeof STATES) : 'IN_FORCE';
  const q = (params.q ?? '').slice(0, 40);
  const filter: TContractFilter = { type, providerId, localityId, state, q };
  const {
    result: { rows, total },
    page,
    pages,
  } = await fetchPage(params.page, (window) => listContracts(db, actor, filter, window));
  const query = {
    ...(q ? { q } : {}),
    ...(type ? { type } : {}),
    ...(providerId ? { provider: providerId } : {}),
    ...(localityId ? { locality: localityId } : {}),
    state,
  };
  const href = (n: number) => `/contracts?${new URLSearchParams({ ...query, page: String(n) })}`;
  const manage = can(actor, 'contract:manage');

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Contracts</h1>
      <p className="max-w-3xl text-slate-700">
        Your council&apos;s contract register: who holds which contract, where, at what rate and for how long. Packages are offered down these contracts in the
        cascade, so a provider with no contract in force covering a locality is never offered work there.
      </p>
      {manage ? (
        <p className="flex flex-wrap gap-3">
          <Link className="rounded bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800" href="/contracts/new">
            Register a contract
          </Link>
          <Link className="rounded border border-brand-700 px-3 py-2 font-medium text-brand-800" href="/contracts/uplift">
            Annual uplift
          </Link>
        </p>
      ) : null}
      <form method="get" role="search" aria-label="Filter contracts" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextInput id="q" name="q" type="search" label="Reference contains" defaultValue={q} maxLength={40} compact inputClassName="w-full" />
        <Select id="type" name="type" label="Type" defaultValue={type ?? ''} compact inputClassName="w-full">
          <option value="">Any type</option>
          {CONTRACT_TYPES.map((t) => (
            <option key={t} value={t}>
              {CONTRACT_TYPE_LABEL[t]}
            </option>
          ))}
        </Select>
        <Select id="provider" name="provider" label="Provider" defaultValue={providerId ?? ''} compact inputClassName="w-full">
          <option value="">Any provider</option>
          {choices.providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Select id="locality" name="locality" label="Locality" defaultValue={localityId ?? ''} compact inputClassName="w-full">
          <option value="">Any locality</option>
          {choices.localities.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </Select>
        <Select id="state" name="state" label="Status" defaultValue={state} compact inputClassName="w-full">
          {Object.entries(STATES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <div className="flex items-end">
          <SubmitButton>Show contracts</SubmitButton>
        </div>
      </form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {total} contract{total === 1 ? '' : 's'}
        {state === 'ALL' ? '' : ` ${STATES[state].toLowerCase()}`}
        {q ? ` with “${q}” in the reference` : ''}.
      </p>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p>No contracts match.</p>
          <p className="text-sm text-slate-700">
            Try another status or fewer filters.{manage ? ' A provider new to your register needs a contract before it can be offered work.' : ''}
          </p>
        </div>
      ) : (
        <DataTable
          caption="Contracts in the register"
          columns={['Reference', 'Provider', 'Type', { label: 'Localities', numeric: true }, { label: 'Rate today', numeric: true }, 'Term']}
          testId="contracts-table"
        >
          {rows.map((c) => (
            <Row key={c.id} testId={`contract-${c.reference}`}>
              <RowHeader>
                <Link className="underline" href={`/contracts/${encodeURIComponent(c.reference)}`}>
                  {c.reference}
                </Link>
              </RowHeader>
              <Cell>{c.providerName}</Cell>
              <Cell>{CONTRACT_TYPE_LABEL[c.type]}</Cell>
              <Cell numeric>{c.localities}</Cell>
              <Cell numeric>{formatPounds(c.rateNow)}</Cell>
              <Cell>
                {formatDay(c.validFrom)} to {c.validTo ? formatDay(c.validTo) : 'no end date'}
                {c.inForce ? null : <span className="block text-xs text-slate-600">Not in force today</span>}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pager page={page} pages={pages} href={href} label="Contract pages" />
    </section>
  );
}
