import { defineCsvRoute } from '@/lib/dashboard/define-csv-route';
import { getOwnCouncil, listOwnLocalities } from '@/lib/council/get-council';
import { csvFileName, csvReport } from '@/lib/csv/csv-file';
import { dashboardFilters, filtersInWords, withOwnLocality, ZDashboardQuerySchema } from '@/lib/dashboard/filters';
import { sectionBySlug } from '@/lib/dashboard/sections';
import { tableToCsv } from '@/lib/dashboard/table';
import { CARER_HOURS_NOTE } from '@/lib/domain/carer-hours';
import { AppError } from '@/lib/errors/app-error';

/** One dashboard section's table as CSV, for the caller's own council and the same filters as the page. */
export const GET = defineCsvRoute({
  permission: 'dashboard:view',
  query: ZDashboardQuerySchema,
  handler: async ({ actor, db, query, params }) => {
    const section = sectionBySlug(params.section);
    if (!section) throw new AppError('NOT_FOUND', 'There is no dashboard section of that name.');
    const now = new Date();
    const [council, localities] = await Promise.all([getOwnCouncil(db, actor), listOwnLocalities(db, actor)]);
    const { filters, localityError } = withOwnLocality(
      dashboardFilters(query, now),
      localities.map((l) => l.id),
    );
    if (localityError) throw new AppError('VALIDATION', 'Check the query parameters.', { locality: [localityError] });
    const locality = localities.find((l) => l.id === filters.localityId) ?? null;
    const { table } = await section.load(db, actor.councilId, filters);
    const report = {
      council: council.name,
      title: section.title,
      filters: filtersInWords(filters, locality),
      madeAt: now,
      notes: section.carerHours ? [CARER_HOURS_NOTE] : [],
    };
    return {
      filename: csvFileName([council.code, section.slug, 'as-of', filters.asOf, filters.from, 'to', filters.to, locality?.code ?? 'all-localities']),
      csv: csvReport(report, tableToCsv(table)),
    };
  },
});
