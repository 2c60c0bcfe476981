import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { receiveReferral } from '@/lib/referral/receive-referral';
import { ZReferralBodySchema } from '@/lib/referral/referral-schema';

/** A referral from the council's social-care record, as JSON. */
export const POST = defineRoute({
  permission: 'referral:submit',
  body: ZReferralBodySchema,
  handler: ({ actor, db, body }) => receiveReferral(db, actor, body, 'JSON'),
});
