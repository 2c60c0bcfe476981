import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { ZPageQuerySchema } from '@/lib/api/v1-schemas';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { listProviderOffers } from '@/lib/offer/list-provider-offers';

// The cursor names the last offer of the previous page: its deadline and id.
const encode = (o: { deadline: Date; id: string }) => Buffer.from(`${o.deadline.toISOString()}|${o.id}`).toString('base64url');
function decode(cursor: string): { deadline: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const deadline = new Date(iso ?? '');
  if (!id || !z.uuid().safeParse(id).success || Number.isNaN(deadline.getTime()))
    throw new AppError('VALIDATION', 'Check the query parameters.', { cursor: ['Use the nextCursor of the previous page'] });
  return { deadline, id };
}

/** The provider's open offers, soonest deadline first, without personal data (it is not awarded yet). */
export const GET = defineRoute({
  permission: 'offer:read-own',
  query: ZPageQuerySchema,
  handler: async ({ actor, db, query }) => {
    const rows = await listProviderOffers(db, actor, new Date(), { after: query.cursor ? decode(query.cursor) : undefined, take: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    return {
      items: items.map((o) => ({ ...o, deadline: o.deadline.toISOString() })),
      nextCursor: rows.length > query.limit ? encode(items[items.length - 1]) : null,
    };
  },
});
