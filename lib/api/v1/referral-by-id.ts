import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { getReferralForReferrer } from '@/lib/referral/list-referrals';

/** What became of a referral: its status, the broker's decision and message, and the package once accepted. */
export const GET = defineRoute({
  permission: 'referral:submit',
  handler: ({ actor, db, params }) => getReferralForReferrer(db, actor.councilId, params.id ?? ''),
});
