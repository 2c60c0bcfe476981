'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { newFormToken } from '@/components/form';
import { postPackageAction, previewCascadeAction } from '../actions';
import { PostConfirmation, type TPostQuestion } from '../post-confirmation';

/** A draft's Post button: asks first, naming who is offered it first and until when. */
export function PostButton({ packageId, reference, version }: { packageId: string; reference: string; version: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState<TPostQuestion | null>(null);
  // Sent with the post, so the same post sent twice (a double click, a retry) posts once.
  const formToken = useRef<string | null>(null);

  const ask = () =>
    start(async () => {
      const result = await previewCascadeAction({ packageId });
      if (result.ok) {
        setMessage(null);
        setAsking({ preview: result.data, reference, at: new Date() });
      } else setMessage(result.message);
    });

  const post = () =>
    start(async () => {
      const result = await postPackageAction({ packageId, expectedVersion: version, formToken: (formToken.current ??= newFormToken()) });
      setAsking(null);
      if (result.ok) router.refresh();
      else setMessage(result.message);
    });

  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={ask}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60 sm:min-h-0"
      >
        {pending ? 'Working…' : 'Post this package'}
      </button>
      <p aria-live="polite" role="status" className="text-sm font-medium text-red-800">
        {message}
      </p>
      <PostConfirmation asking={asking} pending={pending} onConfirm={post} onCancel={() => setAsking(null)} />
    </div>
  );
}
