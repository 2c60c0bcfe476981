import type { Metadata } from 'next';
import { Stat } from '@/components/stat';
import { prisma } from '@/lib/db';
import { CONTRACT_TYPE_LABEL, PATHWAY_LABEL, formatHours, formatNumber, formatPercent, formatPounds } from '@/lib/format';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getMarketOverview } from '@/lib/market/get-market-overview';
import { formatDuration, formatLondon } from '@/lib/time/london';

export const metadata: Metadata = { title: 'Market overview' };
export const dynamic = 'force-dynamic';

const WAITING_PAGE_SIZE = 25;

export default async function MarketOverviewPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor('market:view');
  const params = await searchParams;
  const council = await prisma.council.findUniqueOrThrow({ where: { id: actor.councilId ?? '' }, select: { id: true, name: true } });
  const now = new Date();
  const market = await getMarketOverview(prisma, council.id, now);
  const pages = Math.max(1, Math.ceil(market.waiting.length / WAITING_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(params.page) || 1));
  const waiting = market.waiting.slice((page - 1) * WAITING_PAGE_SIZE, page * WAITING_PAGE_SIZE);
  const pageHref = (n: number) => `/market?page=${n}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{council.name}: home-support market</h1>
          <p className="text-sm text-slate-600">Commissioned care in force on {formatLondon(now).split(',')[0]} (Europe/London)</p>
        </div>
      </div>

      <section aria-labelledby="headline">
        <h2 id="headline" className="sr-only">Headline figures</h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
          <Stat label="Providers" value={formatNumber(market.providers.registered)} hint={`${formatNumber(market.providers.active)} active · ${formatPercent(market.providers.good / Math.max(1, market.providers.registered))} Good or Outstanding`} testId="providers" />
          <Stat label="People receiving care" value={formatNumber(market.people)} testId="people" />
          <Stat label="Active packages" value={formatNumber(market.packages)} hint={`${formatPercent(market.doubleHandedShare)} double-handed`} testId="packages" />
          <Stat label="Hours a week" value={formatNumber(market.hoursPerWeek)} hint="carer-hours commissioned" testId="hours" />
          <Stat label="Spend a week" value={formatPounds(market.spendPerWeek)} testId="spend" />
          <Stat label="Packages waiting" value={formatNumber(market.waiting.length)} hint={`${formatHours(market.waiting.reduce((s, w) => s + w.hours, 0))} hours a week`} testId="waiting" />
        </dl>
      </section>

      <section aria-labelledby="by-type">
        <h2 id="by-type" className="text-lg font-semibold">Weekly hours by contract type</h2>
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Weekly commissioned hours, spend and share by contract type</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Contract type</th>
                <th scope="col" className="px-3 py-2 text-right">Hours a week</th>
                <th scope="col" className="px-3 py-2 text-right">Share</th>
                <th scope="col" className="px-3 py-2 text-right">Packages</th>
                <th scope="col" className="px-3 py-2 text-right">Providers</th>
                <th scope="col" className="px-3 py-2 text-right">Spend a week</th>
              </tr>
            </thead>
            <tbody>
              {market.byContractType.map((row) => (
                <tr key={row.type} className="border-t border-slate-200" data-testid={`type-${row.type}`}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{CONTRACT_TYPE_LABEL[row.type]}</th>
                  <td className="px-3 py-2 text-right tabular-nums">{formatHours(row.hours)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatPercent(row.share)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(row.packages)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(row.providers)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatPounds(row.spend)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading" className="text-lg font-semibold">Packages waiting for a provider</h2>
        {market.waiting.length === 0 ? (
          <p className="mt-2 rounded-lg border border-slate-200 bg-white p-4 text-slate-700">Nothing is waiting: every posted package has a provider.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">Longest wait first. Complex, night and rural packages tend to wait longest.</p>
            <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-sm">
                <caption className="sr-only">Packages waiting, longest wait first</caption>
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2">Package</th>
                    <th scope="col" className="px-3 py-2">Locality</th>
                    <th scope="col" className="px-3 py-2">Pathway</th>
                    <th scope="col" className="px-3 py-2 text-right">Hours a week</th>
                    <th scope="col" className="px-3 py-2">Needs</th>
                    <th scope="col" className="px-3 py-2">Waiting</th>
                  </tr>
                </thead>
                <tbody>
                  {waiting.map((w) => (
                    <tr key={w.reference} className="border-t border-slate-200">
                      <th scope="row" className="px-3 py-2 text-left font-mono font-normal">{w.reference}</th>
                      <td className="px-3 py-2">{w.locality}{w.rural ? ' (rural)' : ''}</td>
                      <td className="px-3 py-2">{PATHWAY_LABEL[w.pathway]}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{formatHours(w.hours)}</td>
                      <td className="px-3 py-2">{[w.doubleHanded ? 'Two carers' : 'One carer', w.night ? 'night visits' : null].filter(Boolean).join(', ')}</td>
                      <td className="px-3 py-2">
                        <time dateTime={w.postedAt.toISOString()} title={`Posted ${formatLondon(w.postedAt)}`}>{formatDuration(now.getTime() - w.postedAt.getTime())}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 ? (
              <nav aria-label="Waiting packages pages" className="mt-2 flex items-center gap-3 text-sm">
                {page > 1 ? <a className="underline" href={pageHref(page - 1)}>Previous</a> : null}
                <span>Page {page} of {pages}</span>
                {page < pages ? <a className="underline" href={pageHref(page + 1)}>Next</a> : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
