import { defineRoute } from '@/lib/api/define-route';
import { readActualsUpload } from '@/lib/actuals/read-actuals-csv';
import { submitActuals } from '@/lib/actuals/submit-actuals';

// POST the CSV file as multipart/form-data ("file") with mode=dry-run or mode=apply.
export const POST = defineRoute({
  permission: 'actuals:submit',
  handler: async ({ actor, db, request }) => {
    const upload = await readActualsUpload(request);
    return submitActuals(db, actor, { source: 'CSV', fileName: upload.fileName, rows: upload.rows, apply: upload.apply });
  },
});
