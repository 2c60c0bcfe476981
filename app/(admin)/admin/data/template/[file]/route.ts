import { defineRoute } from '@/lib/api/define-route';
import { templateDownload } from '@/lib/import/download';

export const GET = defineRoute({
  permission: 'data:import-export',
  handler: async ({ params }) => templateDownload(params.file),
});
