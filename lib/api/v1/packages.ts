import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { ZCreatePackageBodySchema, ZPackagesQuerySchema } from '@/lib/api/v1-schemas';
import { listPackagesPage } from '@/lib/package/list-packages';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';

/** The council's packages, a page at a time (cursor = the last reference seen). */
export const GET = defineRoute({
  permission: 'package:read',
  query: ZPackagesQuerySchema,
  handler: ({ actor, db, query }) => listPackagesPage(db, actor, query),
});

/** A new package as a draft, posted at once when `post` is true. */
export const POST = defineRoute({
  permission: 'package:write',
  body: ZCreatePackageBodySchema,
  handler: async ({ actor, db, body }) => {
    const saved = await saveDraftPackage(db, actor, { draft: body.draft, posting: body.post });
    if (!body.post) return { reference: saved.reference, status: 'DRAFT', version: saved.version };
    const outcome = await postPackage(db, actor, { packageId: saved.id, expectedVersion: saved.version });
    return { reference: saved.reference, status: outcome.kind === 'OPEN_MARKET' ? 'OPEN_MARKET' : 'OFFERING', round: outcome.round, offers: outcome.offers };
  },
});
