import { z } from 'zod';
import { getOwnCouncil } from '@/lib/council/get-council';
import { defineCsvRoute } from '@/lib/dashboard/define-csv-route';
import { AppError } from '@/lib/errors/app-error';
import { ledgerCsv, paymentFileCsv } from '@/lib/money/payment-files';

/** A payment run's payment file (payments.csv) or general ledger (ledger.csv). */
export const GET = defineCsvRoute({
  permission: 'finance:manage',
  query: z.object({}),
  handler: async ({ actor, db, params }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success || !['payments.csv', 'ledger.csv'].includes(params.file ?? '')) throw new AppError('NOT_FOUND', 'There is no such file.');
    const council = await getOwnCouncil(db, actor);
    return params.file === 'payments.csv' ? paymentFileCsv(db, actor.councilId, council.code, id.data) : ledgerCsv(db, actor.councilId, council.code, id.data);
  },
});
