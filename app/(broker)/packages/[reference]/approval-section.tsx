import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { getPackageApprovals } from '@/lib/approval/package-approvals';
import { visitChanges } from '@/lib/domain/visit-text';
import { formatPoundsAndPence } from '@/lib/format';
import { formatDay, formatLondon } from '@/lib/time/london';
import { ApprovePackageForm, DecideChangeRequestForm } from './approval-forms';
import { Panel } from './operation-kit';

const DECISION_TEXT: Record<string, string> = {
  APPROVED: 'Approved',
  APPROVED_IN_PART: 'Approved in part',
  REFERRED: 'Passed to a higher limit',
  REFUSED: 'Refused',
  NEEDS_ASSESSMENT: 'Needs an assessment',
};

/**
 * The package's approvals: the provider's change request waiting for a decision (with the
 * decision form), a draft's approval before posting when the council's rules ask for one, and the
 * history of every decision. Nothing is drawn when there is none of these.
 */
export async function ApprovalSection({
  db,
  actor,
  pkg,
  now,
}: {
  db: Parameters<typeof getPackageApprovals>[0];
  actor: TCouncilActor;
  pkg: { id: string; status: string };
  now: Date;
}) {
  const { request, history, limit, posting } = await getPackageApprovals(db, actor, pkg, now);
  if (!request && !posting && history.length === 0) return null;
  const changes = request ? visitChanges(request.previousVisits, request.visits) : null;
  return (
    <Panel id="approval" title="Approval">
      {request && changes ? (
        <div className="space-y-3" data-testid="open-change-request">
          <h3 className="font-semibold">
            {request.providerName} asks for a change from {formatDay(request.startDate)}
            {request.status === 'REFERRED' ? ' (passed up for a higher limit)' : ''}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-medium">Asked</dt>
            <dd>
              {formatLondon(request.requestedAt)} ({request.ageDays === 0 ? 'today' : `${request.ageDays} day${request.ageDays === 1 ? '' : 's'} ago`})
            </dd>
            <dt className="font-medium">Why</dt>
            <dd className="whitespace-pre-line">{request.reason}</dd>
            {changes.added.length ? (
              <>
                <dt className="font-medium">Add</dt>
                <dd>{changes.added.join('; ')}</dd>
              </>
            ) : null}
            {changes.removed.length ? (
              <>
                <dt className="font-medium">Remove</dt>
                <dd>{changes.removed.join('; ')}</dd>
              </>
            ) : null}
            <dt className="font-medium">Cost</dt>
            <dd>
              {request.weeklyCostChange >= 0
                ? `${formatPoundsAndPence(request.weeklyCostChange)} a week more: ${formatPoundsAndPence(request.yearlyCost)} a year to approve`
                : `${formatPoundsAndPence(-request.weeklyCostChange)} a week less: no approval limit needed`}
            </dd>
            <dt className="font-medium">Your limit</dt>
            <dd>
              {limit === null ? 'You have no approval limit' : `${formatPoundsAndPence(limit)} a year`}
              {request.canApprove ? ': it covers this change.' : ': this increase is above it.'}
            </dd>
          </dl>
          <DecideChangeRequestForm
            key={request.id}
            changeRequestId={request.id}
            asked={request.visits.map((v) => ({ ...v, days: [...v.days] }))}
            increase={request.weeklyCostChange > 0}
            canApprove={request.canApprove}
            startDate={request.startDate}
          />
        </div>
      ) : null}
      {posting ? (
        <div className="space-y-2 border-l-4 border-amber-600 bg-amber-50 p-3" data-testid="package-approval">
          <p>
            {posting.approved ? (
              <strong>Approved for posting at {formatPoundsAndPence(posting.yearlyCost)} a year.</strong>
            ) : (
              <>
                <strong>Needs approval before it is posted.</strong> It would cost about {formatPoundsAndPence(posting.yearlyCost)} a year, above the
                council&apos;s {formatPoundsAndPence(posting.threshold)} threshold.
              </>
            )}
          </p>
          {posting.approved ? null : <ApprovePackageForm packageId={pkg.id} yearlyCost={posting.yearlyCost} canApprove={posting.canApprove} />}
        </div>
      ) : null}
      {history.length ? (
        <div className="space-y-2">
          <h3 className="font-semibold">Approval history</h3>
          <DataTable
            caption="Approval history, oldest first"
            columns={['When', 'Decision', 'What', { label: 'Cost a year', numeric: true }, 'Who (their limit)', 'Note']}
            testId="approval-history"
          >
            {history.map((h) => (
              <Row key={h.id} top>
                <RowHeader className="font-normal">{formatLondon(h.at)}</RowHeader>
                <Cell>{DECISION_TEXT[h.decision] ?? h.decision}</Cell>
                <Cell>{h.changeRequestId ? 'Provider’s change' : 'New package'}</Cell>
                <Cell numeric>{formatPoundsAndPence(h.yearlyCost)}</Cell>
                <Cell>
                  {h.decidedBy ?? '—'} ({h.approverLimit === null ? 'no limit' : formatPoundsAndPence(h.approverLimit)})
                </Cell>
                <Cell className="whitespace-pre-line">{h.note ?? ''}</Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      ) : null}
    </Panel>
  );
}
