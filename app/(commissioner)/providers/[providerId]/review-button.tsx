'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { SubmitButton } from '@/components/form';
import { markProviderReviewedAction } from '../actions';

/** Clears a provider's review flag once the council has looked at it. */
export function ReviewButton({ providerId, providerName }: { providerId: string; providerName: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await markProviderReviewedAction({ providerId });
          setMessage(result.ok ? `The review of ${providerName} is marked done.` : result.message);
          if (result.ok) router.refresh();
        });
      }}
    >
      <SubmitButton pending={pending}>Mark review done</SubmitButton>
      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>
    </form>
  );
}
