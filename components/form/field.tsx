import type { ComponentProps, ReactNode } from 'react';
import { describedBy, errorOf, type TFieldErrors } from './field-errors';

// The field kit: each field draws its label, hint and error above its control, and ties them to
// it with `id`, `aria-describedby` and `aria-invalid`. A field's error comes from the form's
// `errors` map under its `errorKey` (its `name`, or else its `id`, unless told), or straight from `error`.

export type TFieldBase = {
  id: string;
  /** The form data key; a controlled field kept only in state may go without. */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: TFieldErrors;
  errorKey?: string;
  error?: string;
  /** Smaller label text, for forms inside tables and cards. */
  compact?: boolean;
  /** Classes for the wrapper around label and control. */
  className?: string;
  /** Classes added to the control, most often its width. */
  inputClassName?: string;
  /** For a form without an error summary: the error is read out as soon as it appears. */
  announce?: boolean;
};

export function Label({ htmlFor, compact, children }: { htmlFor: string; compact?: boolean; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className={compact ? 'block text-sm font-medium' : 'block font-medium'}>
      {children}
    </label>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm text-slate-600">
      {children}
    </p>
  );
}

export function ErrorMessage({ id, announce, children }: { id: string; announce?: boolean; children?: ReactNode }) {
  return children ? (
    <p id={id} role={announce ? 'alert' : undefined} className="text-sm font-medium text-red-800">
      <span className="sr-only">Error: </span>
      {children}
    </p>
  ) : null;
}

/** The control's border: thicker and red when it has an error. Phones get a 44px-high target. */
export const controlClass = (error: string | undefined, extra = '') =>
  `mt-1 min-h-11 rounded border bg-white px-2 py-1 sm:min-h-0 ${error ? 'border-2 border-red-700' : 'border-slate-500'} ${extra}`.trim();

/** The pieces every field shares: its error, the ids of its hint and error, and the control's ARIA attributes. */
export function fieldParts({ id, name, hint, errors, errorKey, error }: TFieldBase) {
  const message = error ?? errorOf(errors, errorKey ?? name ?? id);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  return { message, hintId, errorId, aria: { 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy(hintId, errorId) } as const };
}

function Field({ base, parts, children }: { base: TFieldBase; parts: ReturnType<typeof fieldParts>; children: ReactNode }) {
  return (
    <div className={base.className}>
      <Label htmlFor={base.id} compact={base.compact}>
        {base.label}
      </Label>
      {parts.hintId ? <Hint id={parts.hintId}>{base.hint}</Hint> : null}
      {parts.errorId ? (
        <ErrorMessage id={parts.errorId} announce={base.announce}>
          {parts.message}
        </ErrorMessage>
      ) : null}
      {children}
    </div>
  );
}

type TInputProps = Omit<ComponentProps<'input'>, 'id' | 'name' | 'className' | 'children'>;

function split<P extends TFieldBase>(props: P) {
  const { id, name, label, hint, errors, errorKey, error, compact, className, inputClassName, announce, ...rest } = props;
  return { base: { id, name, label, hint, errors, errorKey, error, compact, className, inputClassName, announce }, rest };
}

export function TextInput(props: TFieldBase & TInputProps) {
  const { base, rest } = split(props);
  const parts = fieldParts(base);
  return (
    <Field base={base} parts={parts}>
      <input type="text" {...rest} id={base.id} name={base.name} {...parts.aria} className={controlClass(parts.message, base.inputClassName)} />
    </Field>
  );
}

export function Textarea(props: TFieldBase & Omit<ComponentProps<'textarea'>, 'id' | 'name' | 'className' | 'children'>) {
  const { base, rest } = split(props);
  const parts = fieldParts(base);
  return (
    <Field base={base} parts={parts}>
      <textarea rows={2} {...rest} id={base.id} name={base.name} {...parts.aria} className={controlClass(parts.message, base.inputClassName ?? 'w-full')} />
    </Field>
  );
}

export function Select(props: TFieldBase & Omit<ComponentProps<'select'>, 'id' | 'name' | 'className'>) {
  const { base, rest } = split(props);
  const parts = fieldParts(base);
  return (
    <Field base={base} parts={parts}>
      <select {...rest} id={base.id} name={base.name} {...parts.aria} className={controlClass(parts.message, base.inputClassName)} />
    </Field>
  );
}

/** A calendar date (YYYY-MM-DD), with the browser's date picker. */
export function DateInput(props: TFieldBase & Omit<TInputProps, 'type'>) {
  return <TextInput {...props} type="date" />;
}

/** A wall-clock time (HH:MM), with the browser's time picker. */
export function TimeInput(props: TFieldBase & Omit<TInputProps, 'type'>) {
  return <TextInput {...props} type="time" />;
}

/** An amount in pounds: a decimal keypad on phones, and no spinner that a scroll could turn. */
export function MoneyInput(props: TFieldBase & Omit<TInputProps, 'type' | 'inputMode'>) {
  return <TextInput autoComplete="off" {...props} type="text" inputMode="decimal" inputClassName={`tabular-nums ${props.inputClassName ?? ''}`.trim()} />;
}
