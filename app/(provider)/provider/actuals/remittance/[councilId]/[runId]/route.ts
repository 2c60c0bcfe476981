import { z } from 'zod';
import { defineCsvRoute } from '@/lib/dashboard/define-csv-route';
import { AppError } from '@/lib/errors/app-error';
import { remittanceCsv } from '@/lib/money/payment-files';

/** The provider's remittance for a locked payment run: only its own lines. */
export const GET = defineCsvRoute({
  permission: 'actuals:submit',
  query: z.object({}),
  handler: async ({ actor, db, params }) => {
    const ids = z.object({ councilId: z.uuid(), runId: z.uuid() }).safeParse(params);
    if (!ids.success) throw new AppError('NOT_FOUND', 'There is no such remittance.');
    return remittanceCsv(db, actor.providerId, ids.data.councilId, ids.data.runId);
  },
});
