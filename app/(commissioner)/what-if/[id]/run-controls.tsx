'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { deleteWhatIfAction, runWhatIfAction } from '../actions';

/** Run and delete, and while a run is under way, the page asks the server for its progress every second and a half. */
export function RunControls({ id, name, running, ranBefore }: { id: string; name: string; running: boolean; ranBefore: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [running, router]);

  function run() {
    setMessage(null);
    start(async () => {
      const result = await runWhatIfAction({ id });
      if (!result.ok) setMessage(result.message);
      router.refresh();
    });
  }

  function remove() {
    start(async () => {
      const result = await deleteWhatIfAction({ id });
      setConfirming(false);
      if (!result.ok) return setMessage(result.message);
      router.push('/what-if');
    });
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={run}
          disabled={pending || running}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60 sm:min-h-0"
        >
          {running ? 'Running…' : ranBefore ? 'Run it again on today’s market' : 'Run the scenario'}
        </button>
        <a href={`/what-if/${id}/edit`} className="min-h-11 rounded border border-brand-700 px-4 py-2 font-medium text-brand-800 sm:min-h-0">
          Change it
        </a>
        <button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={pending}
          className="min-h-11 rounded px-4 py-2 font-medium text-red-800 underline sm:min-h-0"
        >
          Delete
        </button>
      </div>
      {message ? (
        <p role="alert" className="border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {message}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete “${name}”?`}
        confirmLabel="Yes, delete it"
        pending={pending}
        onCancel={() => setConfirming(false)}
        onConfirm={remove}
      >
        <p>Everyone in your council loses it and its figures. The live market is not affected.</p>
      </ConfirmDialog>
    </div>
  );
}
