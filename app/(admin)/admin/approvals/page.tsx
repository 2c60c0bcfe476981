import { requirePageActor } from '@/lib/auth/require-page-actor';
import { listApprovalLimits, newPackageRules } from '@/lib/approval/approval-limits';
import { APPROVAL_WEEKS } from '@/lib/domain/approval';
import { ROLE_LABEL } from '@/lib/domain/labels';
import { ApprovalLimitForm, ApprovalRulesForm } from './approvals-form';

export const metadata = { title: 'Approvals' };

/** Who may approve how much (pounds a year), and whether new packages need approval before they are posted. */
export default async function ApprovalsPage() {
  const { actor, db } = await requirePageActor('council-settings:manage');
  const [users, rules] = await Promise.all([listApprovalLimits(db, actor.councilId), newPackageRules(db, actor.councilId)]);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Approvals</h1>
      <p className="text-slate-700">
        A broker or BEST member approves a provider&apos;s change, or a new package, when its yearly cost (the weekly cost × {APPROVAL_WEEKS}) is within their
        limit. Above it, the request goes to the people with the next higher limit. For a change only the increase counts; a decrease needs no limit.
      </p>
      <section aria-labelledby="rules" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="rules" className="text-lg font-semibold">
          New packages
        </h2>
        <ApprovalRulesForm required={rules.required} threshold={rules.threshold} />
      </section>
      <section aria-labelledby="limits" className="space-y-3">
        <h2 id="limits" className="text-lg font-semibold">
          Approval limits
        </h2>
        <p className="text-sm text-slate-700">Leave a limit empty to take it away: that person can still refuse a request or hold it for an assessment.</p>
        {users.length === 0 ? (
          <p>There are no brokers or BEST members yet.</p>
        ) : (
          <ul className="space-y-2">
            {users.map((u) => (
              <li key={u.userId} className="rounded-lg border border-slate-200 bg-white p-3">
                <ApprovalLimitForm
                  userId={u.userId}
                  name={u.name}
                  detail={`${ROLE_LABEL[u.role as keyof typeof ROLE_LABEL]} · ${u.email}`}
                  limit={u.yearlyLimit}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
