import { defineRoute } from '@/lib/api/define-route';
import { exportDownload } from '@/lib/import/download';

export const GET = defineRoute({
  permission: 'data:import-export',
  handler: async ({ actor, db, params }) => exportDownload(db, actor.councilId, params.file),
});
