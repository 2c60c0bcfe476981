'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * Asks once more before a step that cannot be taken back (posting a package, accepting an offer,
 * ending reablement). A native modal `<dialog>`: the page behind is inert, Escape cancels, focus
 * starts on "go back" so a stray Enter or tap does nothing, and returns to the button that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'No, go back',
  pending = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const toFocus = useRef(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      toFocus.current = true;
    } else if (!open && d.open) {
      d.close();
    }
    // Focus starts on "go back" (showModal would put it on the first button); if the dialog opened
    // while its buttons were still disabled (the question was being prepared), as soon as they are enabled.
    if (open && !pending && toFocus.current) {
      back.current?.focus();
      toFocus.current = false;
    }
  }, [open, pending]);

  // Closing by any route (Escape, a button, the page moving on) hands focus back to the opener.
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const closed = () => {
      const o = opener.current;
      if (o instanceof HTMLElement && o.isConnected) o.focus();
    };
    d.addEventListener('close', closed);
    return () => d.removeEventListener('close', closed);
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={children ? `${id}-body` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {children ? (
        <div id={`${id}-body`} className="mt-2 space-y-2 text-sm">
          {children}
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-3">
        <button
          type="button"
          disabled={pending}
          onClick={onConfirm}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60 sm:min-h-0"
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
        <button ref={back} type="button" disabled={pending} onClick={onCancel} className="min-h-11 rounded border border-slate-500 px-4 py-2 sm:min-h-0">
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
