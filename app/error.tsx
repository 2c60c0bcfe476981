'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-lg border border-red-300 bg-white p-6">
      <h1 className="text-xl font-semibold">Sorry, something went wrong</h1>
      <p className="mt-2 text-slate-700">The page could not be loaded. Try again; if it keeps happening, contact your system administrator.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-brand-700 px-3 py-1.5 text-white">
        Try again
      </button>
    </section>
  );
}
