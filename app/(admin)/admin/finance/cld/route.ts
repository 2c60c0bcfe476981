import { getOwnCouncil } from '@/lib/council/get-council';
import { defineCsvRoute } from '@/lib/dashboard/define-csv-route';
import { AppError } from '@/lib/errors/app-error';
import { cldCsv, cldReturn, ZCldQuarterSchema } from '@/lib/money/cld-return';

/** The Client Level Data return for ?quarter=YYYY-MM-01; refused, naming each row's missing fields, until every row is complete. */
export const GET = defineCsvRoute({
  permission: 'finance:manage',
  query: ZCldQuarterSchema.partial(),
  handler: async ({ actor, db, query }) => {
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3) * 3 - 3;
    const fallback = new Date(Date.UTC(now.getUTCFullYear(), q, 1)).toISOString().slice(0, 10);
    const quarter = query.quarter ?? fallback;
    const { rows, errors } = await cldReturn(db, actor.councilId, { quarter });
    if (errors.length) {
      const fields = Object.fromEntries(errors.slice(0, 200).map((e) => [`${e.package} (${e.person})`, [`Missing ${e.fields.join(', ')}`]]));
      throw new AppError('VALIDATION', `${errors.length} rows are missing mandatory fields: fix them before the return is made.`, fields);
    }
    const council = await getOwnCouncil(db, actor);
    return cldCsv(council.code, quarter, rows);
  },
});
