import { Pager } from '@/components/pager';
import type { Metadata } from 'next';
import { Stat } from '@/components/stat';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { formatHours, formatNumber, formatPercent, formatPounds } from '@/lib/format';
import { CONTRACT_TYPE_LABEL, PATHWAY_LABEL } from '@/lib/domain/labels';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getOwnCouncil } from '@/lib/council/get-council';
import { getMarketOverview } from '@/lib/dashboard/get-market-overview';
import { CARER_HOURS_NOTE } from '@/lib/domain/carer-hours';
import { formatDuration, formatLondon, formatLondonDate } from '@/lib/time/london';

export const metadata: Metadata = { title: 'Market overview' };
export const dynamic = 'force-dynamic';

const WAITING_PAGE_SIZE = 25;

export default async function MarketOverviewPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { actor, db } = await requirePageActor('market:view');
  const params = await searchParams;
  const council = await getOwnCouncil(db, actor);
  const now = new Date();
  const market = await getMarketOverview(db, council.id, now);
  const pages = Math.max(1, Math.ceil(market.waiting.length / WAITING_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(params.page) || 1));
  const waiting = market.waiting.slice((page - 1) * WAITING_PAGE_SIZE, page * WAITING_PAGE_SIZE);
  const pageHref = (n: number) => `/market?page=${n}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{council.name}: home-support market</h1>
          <p className="text-sm text-slate-600">Commissioned care in force on {formatLondonDate(now)} (Europe/London)</p>
        </div>
      </div>

      <section aria-labelledby="headline">
        <h2 id="headline" className="sr-only">
          Headline figures
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
          <Stat
            label="Providers"
            value={formatNumber(market.providers.registered)}
            hint={`${formatNumber(market.providers.active)} active · ${formatPercent(market.providers.good / Math.max(1, market.providers.registered))} of those registered with the council rated Good or Outstanding`}
            testId="providers"
          />
          <Stat label="People receiving care" value={formatNumber(market.people)} testId="people" />
          <Stat
            label="Active packages"
            value={formatNumber(market.packages)}
            hint={`${formatPercent(market.doubleHandedShare)} double-handed`}
            testId="packages"
          />
          <Stat label="Hours a week" value={formatNumber(market.hoursPerWeek)} hint="carer-hours commissioned" testId="hours" />
          <Stat label="Spend a week" value={formatPounds(market.spendPerWeek)} testId="spend" />
          <Stat
            label="Packages waiting"
            value={formatNumber(market.waiting.length)}
            hint={`${formatHours(market.waiting.reduce((s, w) => s + w.hours, 0))} hours a week`}
            testId="waiting"
          />
        </dl>
        <p className="mt-2 text-sm text-slate-600" data-testid="hours-note">
          {CARER_HOURS_NOTE}
        </p>
      </section>

      <section aria-labelledby="by-type">
        <h2 id="by-type" className="text-lg font-semibold">
          Weekly hours by contract type
        </h2>
        <div className="mt-2">
          <DataTable
            caption="Weekly commissioned hours, spend and share by contract type"
            columns={[
              'Contract type',
              { label: 'Hours a week', numeric: true },
              { label: 'Share', numeric: true },
              { label: 'Packages', numeric: true },
              { label: 'Providers', numeric: true },
              { label: 'Spend a week', numeric: true },
            ]}
          >
            {market.byContractType.map((row) => (
              <Row key={row.type} testId={`type-${row.type}`}>
                <RowHeader>{CONTRACT_TYPE_LABEL[row.type]}</RowHeader>
                <Cell numeric>{formatHours(row.hours)}</Cell>
                <Cell numeric>{formatPercent(row.share)}</Cell>
                <Cell numeric>{formatNumber(row.packages)}</Cell>
                <Cell numeric>{formatNumber(row.providers)}</Cell>
                <Cell numeric>{formatPounds(row.spend)}</Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      </section>

      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading" className="text-lg font-semibold">
          Packages waiting for a provider
        </h2>
        {market.waiting.length === 0 ? (
          <p className="mt-2 rounded-lg border border-slate-200 bg-white p-4 text-slate-700">Nothing is waiting: every posted package has a provider.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">Longest wait first. Complex, night and rural packages tend to wait longest.</p>
            <div className="mt-2">
              <DataTable
                caption="Packages waiting, longest wait first"
                columns={['Package', 'Locality', 'Pathway', { label: 'Hours a week', numeric: true }, 'Needs', 'Waiting']}
              >
                {waiting.map((w) => (
                  <Row key={w.reference}>
                    <RowHeader className="font-mono font-normal">{w.reference}</RowHeader>
                    <Cell>
                      {w.locality}
                      {w.rural ? ' (rural)' : ''}
                    </Cell>
                    <Cell>{PATHWAY_LABEL[w.pathway]}</Cell>
                    <Cell numeric>{formatHours(w.hours)}</Cell>
                    <Cell>{[w.doubleHanded ? 'Two carers' : 'One carer', w.night ? 'night visits' : null].filter(Boolean).join(', ')}</Cell>
                    <Cell>
                      <time
                        dateTime={w.marketEnteredAt.toISOString()}
                        title={
                          w.marketEnteredAt.getTime() === w.postedAt.getTime()
                            ? `Posted ${formatLondon(w.postedAt)}`
                            : `Out again since ${formatLondon(w.marketEnteredAt)} (first posted ${formatLondon(w.postedAt)})`
                        }
                      >
                        {formatDuration(now.getTime() - w.marketEnteredAt.getTime())}
                      </time>
                    </Cell>
                  </Row>
                ))}
              </DataTable>
            </div>
            <Pager page={page} pages={pages} href={pageHref} label="Waiting packages pages" />
          </>
        )}
      </section>
    </div>
  );
}
