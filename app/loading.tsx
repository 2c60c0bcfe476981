export default function Loading() {
  return (
    <p role="status" aria-live="polite" className="text-slate-600">
      Loading…
    </p>
  );
}
