/** A provider's status with the council, in words (never by colour alone). */
export function StatusTag({ status }: { status: 'ACTIVE' | 'SUSPENDED' }) {
  return status === 'SUSPENDED' ? (
    <span className="inline-block rounded border border-red-800 bg-red-50 px-2 py-0.5 text-sm font-semibold text-red-900">Suspended</span>
  ) : (
    <span className="inline-block rounded border border-slate-400 px-2 py-0.5 text-sm">Active</span>
  );
}
