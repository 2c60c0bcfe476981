import { z } from 'zod';
import { getOwnCouncil } from '@/lib/council/get-council';
import { csvFileName } from '@/lib/csv/csv-file';
import { defineCsvRoute } from '@/lib/dashboard/define-csv-route';
import { capacityNeeds, capacityNeedsCsv } from '@/lib/package/placeability-advice';
import { londonDate } from '@/lib/time/london';

/** The waiting packages grouped by what would place them, as CSV. */
export const GET = defineCsvRoute({
  permission: 'package:read',
  query: z.object({}),
  handler: async ({ actor, db }) => {
    const now = new Date();
    const [council, result] = await Promise.all([getOwnCouncil(db, actor), capacityNeeds(db, actor, now)]);
    return { filename: csvFileName([council.code, 'capacity-needs', londonDate(now)]), csv: capacityNeedsCsv(council.name, result, now) };
  },
});
