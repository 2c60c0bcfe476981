import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { ZCapacityBodySchema } from '@/lib/api/v1-schemas';
import { declareCapacity, getProviderCapacity } from '@/lib/provider/provider-capacity';
import { requestIp } from '@/lib/auth/request-ip';

/** The provider's declared capacity for every council it works for. */
export const GET = defineRoute({
  permission: 'capacity:declare',
  handler: async ({ actor, db }) =>
    (await getProviderCapacity(db, actor)).map(({ council, localities }) => ({
      council,
      localities: localities.map((l) => ({ ...l, declaredAt: l.declaredAt?.toISOString() ?? null })),
    })),
});

/** Replaces the declaration for the localities given (every band of each), for one council. */
export const PUT = defineRoute({
  permission: 'capacity:declare',
  body: ZCapacityBodySchema,
  handler: async ({ actor, db, body, request }) => {
    await declareCapacity(db, actor, body, requestIp(request.headers));
    return { declared: true };
  },
});
