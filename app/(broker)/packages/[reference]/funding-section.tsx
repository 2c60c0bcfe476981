import type { TCouncilActor } from '@/lib/auth/permissions';
import { FUNDING_ARRANGEMENT_LABEL, sharesText } from '@/lib/domain/funding';
import { formatPoundsAndPence } from '@/lib/format';
import { getPackageFunding } from '@/lib/package/get-funding';
import { formatDay } from '@/lib/time/london';
import { FundingForm } from './funding-form';
import { Panel } from './operation-kit';

/**
 * Who pays for the package: the council, the ICB or both in a stated share; Section 117
 * aftercare; the person's contribution a week from their financial assessment; for reablement,
 * its week today, whether the person is charged for it, and an overdue review flagged.
 */
export async function FundingSection({
  db,
  actor,
  pkg,
  now,
}: {
  db: Parameters<typeof getPackageFunding>[0];
  actor: TCouncilActor;
  pkg: { id: string; status: string; pathway: string };
  now: Date;
}) {
  const f = await getPackageFunding(db, actor, pkg.id, now);
  const open = pkg.status !== 'ENDED' && pkg.status !== 'CANCELLED';
  return (
    <Panel id="who-pays" title="Who pays">
      {f.reablement?.reviewOverdue ? (
        <p className="border-l-4 border-red-700 bg-red-50 p-2 text-sm font-medium text-red-900" data-testid="review-overdue">
          The reablement review was due by {formatDay(f.reablement.reviewDue)} and has not been held: the person is not charged until it is.
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="funding">
        <dt className="font-medium">Funded by</dt>
        <dd>
          {/* The shares only when they say more than the arrangement: "Split between council and ICB (Council 60%, ICB 40%)". */}
          {FUNDING_ARRANGEMENT_LABEL[f.split ? 'SPLIT' : f.icbShare >= 100 ? 'ICB' : 'COUNCIL']}
          {f.split ? ` (${sharesText(f.icbShare)})` : ''}
          {f.s117Aftercare ? ' · Section 117 aftercare: free to the person' : ''}
        </dd>
        <dt className="font-medium">Person&apos;s contribution</dt>
        <dd>
          {f.s117Aftercare
            ? 'None (Section 117)'
            : f.clientContributionWeekly === null
              ? 'None recorded'
              : `${formatPoundsAndPence(f.clientContributionWeekly)} a week, from the financial assessment on ${f.financialAssessmentOn ? formatDay(f.financialAssessmentOn) : '—'}`}
        </dd>
        {f.reablement ? (
          <>
            <dt className="font-medium">Reablement</dt>
            <dd>
              Week {f.reablement.week}:{' '}
              {f.reablement.week <= 6
                ? 'free to the person (the first six weeks)'
                : f.reablement.chargeable
                  ? 'chargeable (the review was held)'
                  : 'not charged: the review is overdue'}
              {f.reablementReviewedOn ? ` · reviewed ${formatDay(f.reablementReviewedOn)}` : ` · review due by ${formatDay(f.reablement.reviewDue)}`}
            </dd>
          </>
        ) : null}
        <dt className="font-medium">This week</dt>
        <dd>
          {f.week.total === 0
            ? 'No placed care in force today'
            : `${formatPoundsAndPence(f.week.total)}: council ${formatPoundsAndPence(f.week.council)}, ICB ${formatPoundsAndPence(f.week.icb)}, the person ${formatPoundsAndPence(f.week.person)}`}
        </dd>
      </dl>
      {open ? (
        <FundingForm
          packageId={pkg.id}
          reablement={pkg.pathway === 'REABLEMENT'}
          current={{
            arrangement: f.split ? 'SPLIT' : f.icbShare >= 100 ? 'ICB' : 'COUNCIL',
            icbShare: f.split ? f.icbShare : null,
            s117Aftercare: f.s117Aftercare,
            clientContributionWeekly: f.clientContributionWeekly,
            financialAssessmentOn: f.financialAssessmentOn,
            reablementReviewedOn: f.reablementReviewedOn,
          }}
        />
      ) : null}
    </Panel>
  );
}
