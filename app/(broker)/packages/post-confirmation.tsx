'use client';

import { ConfirmDialog } from '@/components/confirm-dialog';
import type { TCascadePreview } from '@/lib/package/preview-cascade';
import { previewPlan } from '@/lib/package/preview-plan';
import { formatDuration, shortLondon } from '@/lib/time/london';

/** How many of round 1's providers the confirmation names before "and N more". */
const NAMED = 5;

export type TPostQuestion = { preview: TCascadePreview; reference: string; at: Date };

/**
 * The question before posting a package, from the new-package form or a draft's page: who is
 * offered it first (round 1's providers) and until when, in London time, then the rest of the plan
 * (each later tier, then the open market) and, first of all, whether the person's chosen provider
 * cannot be asked.
 */
export function PostConfirmation({
  asking,
  pending,
  onConfirm,
  onCancel,
}: {
  asking: TPostQuestion | null;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const preview = asking?.preview;
  const firstRound = preview && preview.firstTier !== null ? preview.offers.filter((o) => o.tier === preview.firstTier) : [];
  const deadline = preview ? new Date(preview.deadline) : null;
  const plan = asking && preview && deadline ? previewPlan({ ...preview, deadline }, asking.at) : null;
  // The first step is the list below; the rest read as the plan's own sentences.
  const later = plan ? plan.steps.slice(firstRound.length ? 1 : 0) : [];
  return (
    <ConfirmDialog
      open={asking !== null}
      title={asking ? `Post ${asking.reference} now?` : 'Post the package now?'}
      confirmLabel="Yes, post it"
      cancelLabel="No, keep it as a draft"
      pending={pending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {plan?.chosen ? <p className="border-l-4 border-amber-600 bg-amber-50 p-2 font-medium">{plan.chosen}</p> : null}
      {asking === null || deadline === null ? null : firstRound.length === 0 ? (
        <p>No provider is eligible in any tier of the cascade: it goes straight to the open market, and you will be told.</p>
      ) : (
        <>
          <p>
            First offered to {firstRound.length === 1 ? 'one provider' : `${firstRound.length} providers`} (tier {preview?.firstTier} of the cascade):
          </p>
          <ul className="list-inside list-disc" aria-label="First offered to">
            {firstRound.slice(0, NAMED).map((o) => (
              <li key={o.providerId}>{o.providerName}</li>
            ))}
            {firstRound.length > NAMED ? <li>and {firstRound.length - NAMED} more</li> : null}
          </ul>
          <p>
            They have until{' '}
            <strong>
              <time dateTime={deadline.toISOString()}>{shortLondon(deadline, asking.at)}</time>
            </strong>{' '}
            (London time, {formatDuration(deadline.getTime() - asking.at.getTime())}) to answer. If none accepts, it moves on by itself:
          </p>
          <ul className="list-inside list-disc" aria-label="Then">
            {later.map((step) => (
              <li key={step}>{step.replace(/^Then: /, '')}</li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}
