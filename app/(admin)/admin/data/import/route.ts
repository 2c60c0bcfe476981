import { defineRoute } from '@/lib/api/define-route';
import { requestIp } from '@/lib/auth/request-ip';
import { readUpload, runImport } from '@/lib/import/run-import';

// POST the files as multipart/form-data ("file", once per file) with mode=dry-run or mode=apply.
export const POST = defineRoute({
  permission: 'data:import-export',
  handler: async ({ actor, db, request }) => runImport(db, actor, await readUpload(request), requestIp(request.headers)),
});
