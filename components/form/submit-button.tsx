import type { ReactNode } from 'react';

const VARIANT = {
  primary: 'bg-brand-700 font-medium text-white hover:bg-brand-800',
  secondary: 'border border-brand-700 font-medium text-brand-800',
  danger: 'bg-red-800 font-medium text-white hover:bg-red-900',
} as const;

/**
 * A form's submit button. While the action runs it is disabled and says so (`pendingLabel`),
 * so a second press cannot send the form twice. Phones get a 44px-high target.
 */
export function SubmitButton({
  pending = false,
  pendingLabel,
  variant = 'primary',
  large = false,
  className = '',
  children,
}: {
  pending?: boolean;
  pendingLabel?: ReactNode;
  variant?: keyof typeof VARIANT;
  large?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`min-h-11 rounded sm:min-h-0 ${large ? 'px-4 py-2' : 'px-3 py-1.5'} ${VARIANT[variant]} disabled:opacity-60 ${className}`.trim()}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
