import { defineCsvRoute } from '@/lib/dashboard/define-csv-route';
import { listOwnLocalities } from '@/lib/council/get-council';
import { dashboardFilters, withOwnLocality, ZDashboardQuerySchema } from '@/lib/dashboard/filters';
import { sectionBySlug } from '@/lib/dashboard/sections';
import { tableToCsv } from '@/lib/dashboard/table';
import { AppError } from '@/lib/errors/app-error';

/** One dashboard section's table as CSV, for the caller's own council and the same filters as the page. */
export const GET = defineCsvRoute({
  permission: 'dashboard:view',
  query: ZDashboardQuerySchema,
  handler: async ({ actor, db, query, params }) => {
    const section = sectionBySlug(params.section);
    if (!section) throw new AppError('NOT_FOUND', 'There is no dashboard section of that name.');
    const { filters, localityError } = withOwnLocality(
      dashboardFilters(query, new Date()),
      (await listOwnLocalities(db, actor)).map((l) => l.id),
    );
    if (localityError) throw new AppError('VALIDATION', 'Check the query parameters.', { locality: [localityError] });
    const { table } = await section.load(db, actor.councilId, filters);
    return { filename: `${section.slug}-${filters.asOf}.csv`, csv: tableToCsv(table) };
  },
});
