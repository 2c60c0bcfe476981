/** Ready late on a Friday or over the weekend (lib/domain/clock.ts isLateFriday): it stands out, in words and a shape. */
export function LateFridayBadge() {
  return (
    <span
      className="inline-flex items-center gap-1 rounded border-2 border-violet-800 bg-violet-50 px-1.5 py-0.5 text-xs font-semibold text-violet-900"
      data-testid="late-friday"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
        <path d="M6 1a1 1 0 0 1 1 1v1h6V2a1 1 0 1 1 2 0v1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h1V2a1 1 0 0 1 1-1ZM4 8v8h12V8H4Zm8 2h3v3h-3v-3Z" />
      </svg>
      Late Friday or weekend
    </span>
  );
}
