import type { Metadata } from 'next';
import { Suspense } from 'react';
import { z } from 'zod';
import { DashboardBarChart } from '@/components/charts/bar-chart';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getOwnCouncil, listOwnLocalities } from '@/lib/council/get-council';
import { dashboardFilters, filtersSearch, withOwnLocality, ZDashboardQuerySchema } from '@/lib/dashboard/filters';
import type { TDashboardFilters } from '@/lib/dashboard/filters';
import { SECTIONS, type TSection } from '@/lib/dashboard/sections';
import { displayCell } from '@/lib/dashboard/table';
import { CARER_HOURS_NOTE } from '@/lib/domain/carer-hours';
import { formatDay } from '@/lib/time/london';
import { DateInput, Select, SubmitButton } from '@/components/form';

export const metadata: Metadata = { title: 'Market dashboards' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function DashboardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePageActor('dashboard:view');
  const raw = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ZDashboardQuerySchema.safeParse(raw);
  const errors: Record<string, string[] | undefined> = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
  const now = new Date();
  const [council, localities] = await Promise.all([getOwnCouncil(db, actor), listOwnLocalities(db, actor)]);
  // Another council's locality (or an unknown one) is left out with a message, never shown or used.
  const { filters, localityError } = withOwnLocality(
    dashboardFilters(parsed.success ? parsed.data : {}, now),
    localities.map((l) => l.id),
  );
  if (localityError) errors.locality = [localityError];
  const locality = localities.find((l) => l.id === filters.localityId);
  const search = filtersSearch(filters);
  const errorList = Object.entries(errors).flatMap(([field, messages]) => (messages ?? []).map((m) => ({ field, message: m })));

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{council.name}: market dashboards</h1>
        <p className="text-sm text-slate-600">
          Care in force on {formatDay(filters.asOf)}; pick-up times and spend against budget for {formatDay(filters.from)} to {formatDay(filters.to)}{' '}
          (Europe/London), {locality ? `${locality.name} only` : 'all localities'}. Read only. Each figure is rounded on its own (pounds to the pound), so a
          total may differ from the sum of its parts by the last unit. Each table can be downloaded as CSV with exactly the numbers shown.
        </p>
      </div>

      {errorList.length > 0 ? (
        <div role="alert" aria-live="assertive" className="rounded-lg border-2 border-red-700 bg-white p-4">
          <h2 className="font-semibold">Some filters were not understood, so their defaults are shown</h2>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {errorList.map((e) => (
              <li key={`${e.field}-${e.message}`}>
                <a className="underline" href={`#filter-${e.field}`}>
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <form
        method="get"
        action="/dashboards"
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Dashboard filters"
      >
        <DateInput id="filter-asOf" name="asOf" label="Care in force on" defaultValue={filters.asOf} compact />
        <DateInput id="filter-from" name="from" label="Period from" defaultValue={filters.from} compact />
        <DateInput id="filter-to" name="to" label="Period to" defaultValue={filters.to} compact />
        <Select id="filter-locality" name="locality" label="Locality" defaultValue={filters.localityId ?? ''} compact>
          <option value="">All localities</option>
          {localities.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </Select>
        <SubmitButton large className="text-sm">
          Apply filters
        </SubmitButton>
        <a href="/dashboards" className="py-2 text-sm underline">
          Reset
        </a>
      </form>

      <nav aria-label="Dashboard sections">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SECTIONS.map((section) => (
            <li key={section.slug}>
              <a className="underline" href={`#${section.slug}`}>
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {SECTIONS.map((section) => (
        <section key={section.slug} id={section.slug} aria-labelledby={`${section.slug}-heading`} className="space-y-2" data-testid={`section-${section.slug}`}>
          {/* Each section streams in on its own: the quick ones show at once, a slow one never holds up the rest. */}
          <Suspense fallback={<SectionLoading section={section} />}>
            <SectionFigures section={section} db={db} councilId={actor.councilId} filters={filters} search={search} />
          </Suspense>
        </section>
      ))}
    </div>
  );
}

function SectionHeading({ section, headline }: { section: TSection; headline?: string }) {
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${section.slug}-heading`} className="text-lg font-semibold">
          {section.title}
        </h2>
        {headline === undefined ? null : (
          <p className="text-sm font-medium tabular-nums" data-testid={`headline-${section.slug}`}>
            {headline}
          </p>
        )}
      </div>
      <p className="max-w-4xl text-sm text-slate-600">{section.about}</p>
    </>
  );
}

/** Shown in a section's place while its figures are still being worked out. */
function SectionLoading({ section }: { section: TSection }) {
  return (
    <>
      <SectionHeading section={section} />
      <p
        role="status"
        aria-live="polite"
        className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600"
        data-testid={`loading-${section.slug}`}
      >
        Loading the figures for {section.title.toLowerCase()}…
      </p>
    </>
  );
}

/** Columns a section's table may have and still sit beside its chart on a wide screen. */
const WIDE_TABLE_COLUMNS = 4;

async function SectionFigures({
  section,
  db,
  councilId,
  filters,
  search,
}: {
  section: TSection;
  db: Parameters<TSection['load']>[0];
  councilId: string;
  filters: TDashboardFilters;
  search: string;
}) {
  const { table, chart, headline } = await section.load(db, councilId, filters);
  return (
    <>
      <SectionHeading section={section} headline={headline} />
      {section.carerHours ? (
        <p className="max-w-4xl text-sm text-slate-600" data-testid={`hours-note-${section.slug}`}>
          {CARER_HOURS_NOTE}
        </p>
      ) : null}
      {/* A table of more than four columns takes the full width under its chart; a narrow one sits beside it. */}
      <div className={`grid items-start gap-4 [&>*]:min-w-0 ${table.columns.length > WIDE_TABLE_COLUMNS ? '' : 'lg:grid-cols-2'}`}>
        <DashboardBarChart spec={chart} id={`chart-${section.slug}`} />
        <div className="space-y-2">
          {/* On a phone each row is a card of labelled figures; a table with no rows says so instead. */}
          {table.rows.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-600" data-testid={`table-${section.slug}-empty`}>
              No rows for these filters.
            </p>
          ) : (
            <DataTable
              caption={table.caption}
              columns={table.columns.map((c) => ({ label: c.label, numeric: c.numeric }))}
              testId={`table-${section.slug}`}
              stacked
            >
              {table.rows.map((row, i) => (
                <Row key={i} stacked>
                  <RowHeader label={table.columns[0].label}>{displayCell(row[0])}</RowHeader>
                  {row.slice(1).map((cell, j) => (
                    <Cell key={j} numeric={table.columns[j + 1].numeric} label={table.columns[j + 1].label}>
                      {displayCell(cell)}
                    </Cell>
                  ))}
                </Row>
              ))}
            </DataTable>
          )}
          <a className="inline-block text-sm underline" href={`/dashboards/csv/${section.slug}?${search}`} download>
            Download CSV<span className="sr-only">: {section.title}</span>
          </a>
        </div>
      </div>
    </>
  );
}
