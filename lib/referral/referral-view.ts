import type { Referral } from '@prisma/client';

// What a referrer reads back about its referral (POST and GET /api/v1/referrals): its status, the
// broker's decision and message, how the person was matched, and the package once accepted. Only
// the names of fields that differed, never the values on record.

export type TReferralView = {
  id: string;
  referrerReference: string | null;
  status: Referral['status'];
  format: string;
  match: { by: Referral['matchedBy']; confidence: 'HIGH' | 'NEW_PERSON'; differingFields: string[] };
  decision: { status: 'ACCEPTED' | 'MORE_INFO' | 'REJECTED'; message: string | null; at: string } | null;
  package: { reference: string } | null;
  receivedAt: string;
};

/** Exact NHS number or the record's own id is a high-confidence match; no match made a new person. Pure. */
export const matchConfidence = (by: Referral['matchedBy']): 'HIGH' | 'NEW_PERSON' => (by === 'NEW_PERSON' ? 'NEW_PERSON' : 'HIGH');

type TRow = Pick<Referral, 'id' | 'referrerReference' | 'status' | 'format' | 'matchedBy' | 'differences' | 'decisionMessage' | 'decidedAt' | 'createdAt'> & {
  packageReference: string | null;
};

export function referralView(row: TRow): TReferralView {
  const differences = Array.isArray(row.differences) ? (row.differences as { field: string }[]) : [];
  return {
    id: row.id,
    referrerReference: row.referrerReference,
    status: row.status,
    format: row.format,
    match: { by: row.matchedBy, confidence: matchConfidence(row.matchedBy), differingFields: differences.map((d) => d.field) },
    decision:
      row.status !== 'RECEIVED' && row.decidedAt
        ? { status: row.status as 'ACCEPTED' | 'MORE_INFO' | 'REJECTED', message: row.decisionMessage, at: row.decidedAt.toISOString() }
        : null,
    package: row.packageReference ? { reference: row.packageReference } : null,
    receivedAt: row.createdAt.toISOString(),
  };
}
