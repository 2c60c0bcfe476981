import { z } from 'zod';
import { getOwnCouncil } from '@/lib/council/get-council';
import { csvFileName } from '@/lib/csv/csv-file';
import { defineCsvRoute } from '@/lib/dashboard/define-csv-route';
import { AppError } from '@/lib/errors/app-error';
import { whatIfCsv } from '@/lib/whatif/what-if-csv';
import { getWhatIf, whatIfChoices } from '@/lib/whatif/get-what-ifs';

/** A scenario's changes and last run, today beside the scenario, as CSV. */
export const GET = defineCsvRoute({
  permission: 'whatif:manage',
  query: z.object({}),
  handler: async ({ actor, db, params }) => {
    const parsed = z.uuid().safeParse(params.id);
    const scenario = parsed.success ? await getWhatIf(db, actor.councilId, parsed.data) : null;
    if (!scenario) throw new AppError('NOT_FOUND', 'There is no such scenario.');
    if (!scenario.result) throw new AppError('CONFLICT', 'Run the scenario before downloading its figures.');
    const [council, choices] = await Promise.all([getOwnCouncil(db, actor), whatIfChoices(db, actor.councilId)]);
    return {
      filename: csvFileName([council.code, 'what-if', scenario.name, scenario.result.ranAt.slice(0, 10)]),
      csv: whatIfCsv({ council: council.name, name: scenario.name, changes: scenario.changes, result: scenario.result, choices, madeAt: new Date() }),
    };
  },
});
