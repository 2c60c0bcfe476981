import 'server-only';
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { getMarketOverview } from '@/lib/dashboard/get-market-overview';

/** The caller's council's market overview (no personal data), for councils' own reporting. */
export const GET = defineRoute({
  permission: 'market:view',
  query: z.object({}),
  handler: async ({ actor, db }) => {
    const overview = await getMarketOverview(db, actor.councilId, new Date());
    return {
      ...overview,
      waiting: overview.waiting.map((w) => ({ ...w, postedAt: w.postedAt.toISOString(), marketEnteredAt: w.marketEnteredAt.toISOString() })),
    };
  },
});
