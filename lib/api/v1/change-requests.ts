import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { ZChangeRequestSchema } from '@/lib/change-request/change-request-schema';
import { listProviderChangeRequests } from '@/lib/change-request/list-change-requests';
import { requestChange } from '@/lib/change-request/request-change';

/** The provider's change requests and what was decided, newest first. */
export const GET = defineRoute({
  permission: 'change-request:make',
  handler: async ({ actor, db }) =>
    (await listProviderChangeRequests(db, actor)).map((r) => ({
      ...r,
      requestedAt: r.requestedAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      steppedDownAt: r.steppedDownAt?.toISOString() ?? null,
    })),
});

/** Asks for a change to a package placed with the provider: never from before today. */
export const POST = defineRoute({
  permission: 'change-request:make',
  body: ZChangeRequestSchema,
  handler: async ({ actor, db, body }) => requestChange(db, actor, body),
});
