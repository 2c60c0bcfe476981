export default function Loading() {
  return (
    <div className="space-y-3" aria-busy="true">
      <h1 className="text-2xl font-semibold">Duty board</h1>
      <p role="status">Loading the duty board…</p>
    </div>
  );
}
