import { ProviderHistory } from '@/components/provider-history';
import { CQC_LABEL } from '@/lib/domain/labels';
import type { getProviderRecord } from '@/lib/provider/get-provider-record';
import { formatDay, formatLondon } from '@/lib/time/london';
import { ReviewButton } from './review-button';

type TRecord = Awaited<ReturnType<typeof getProviderRecord>>;

/** The register's record of a provider: any review waiting, its status history and its CQC ratings over time. */
export function RegisterRecord({ record, canReview }: { record: TRecord; canReview: boolean }) {
  return (
    <section aria-labelledby="record-heading" className="space-y-4">
      <h2 id="record-heading" className="text-lg font-semibold">
        Register record
      </h2>
      {record.reviewFlaggedAt ? (
        <div className="space-y-2 border-l-4 border-amber-600 bg-amber-50 p-3" data-testid="review-flag">
          <p>
            <strong>Review needed</strong> (flagged {formatLondon(record.reviewFlaggedAt)}): {record.reviewReason}
          </p>
          {canReview ? <ReviewButton providerId={record.id} providerName={record.name} /> : null}
        </div>
      ) : null}
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">CQC location</dt>
        <dd className="font-mono">{record.cqcLocationId}</dd>
        <dt className="font-medium">CQC rating</dt>
        <dd>
          {CQC_LABEL[record.cqcRating]}
          {record.cqcRatedOn ? `, published ${formatDay(record.cqcRatedOn)}` : ''}
        </dd>
        <dt className="font-medium">Two-carer visits</dt>
        <dd>{record.doubleHanded ? 'Yes' : 'No'}</dd>
        <dt className="font-medium">Skills</dt>
        <dd>{record.skills.map((s) => s.toLowerCase().replace(/_/g, ' ')).join(', ') || 'None recorded'}</dd>
      </dl>
      <ProviderHistory history={record.history} ratings={record.ratings} />
    </section>
  );
}
