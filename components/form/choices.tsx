import type { ComponentProps, ReactNode } from 'react';
import { ErrorMessage, Hint, fieldParts, type TFieldBase } from './field';
import { describedBy } from './field-errors';

// Radios and checkboxes: a fieldset whose legend asks the question. The fieldset carries the
// field's id (the error summary links to it) and is described by the hint and the error. Each box
// is 24px square, the smallest target WCAG 2.2 allows when boxes sit close together.

type TChoice = { value: string; label: ReactNode; hint?: ReactNode };

type TChoicesProps = Omit<TFieldBase, 'label'> & {
  legend: ReactNode;
  options: readonly TChoice[];
  /** Classes for the box around the options, for their layout (a grid, a row). */
  optionsClassName?: string;
  /** When the question is already asked around the field: the legend is read out but not shown. */
  legendHidden?: boolean;
  disabled?: boolean;
  required?: boolean;
};

function Choices({
  type,
  props,
  isChecked,
  onToggle,
  defaultChecked,
}: {
  type: 'radio' | 'checkbox';
  props: TChoicesProps;
  isChecked?: (value: string) => boolean;
  onToggle?: (value: string, checked: boolean) => void;
  defaultChecked: (value: string) => boolean | undefined;
}) {
  const parts = fieldParts({ ...props, label: props.legend });
  return (
    <fieldset id={props.id} tabIndex={-1} aria-describedby={parts.aria['aria-describedby']} className={props.className}>
      <legend className={props.legendHidden ? 'sr-only' : `font-medium ${props.compact ? 'text-sm' : ''}`}>{props.legend}</legend>
      {parts.hintId ? <Hint id={parts.hintId}>{props.hint}</Hint> : null}
      {parts.errorId ? <ErrorMessage id={parts.errorId}>{parts.message}</ErrorMessage> : null}
      <div className={props.optionsClassName ?? 'space-y-1'}>
        {props.options.map((o) => {
          const optionId = `${props.id}-${o.value}`;
          return (
            <div key={o.value} className="flex items-start gap-2">
              <input
                id={optionId}
                type={type}
                name={props.name}
                value={o.value}
                disabled={props.disabled}
                required={props.required}
                {...(isChecked
                  ? { checked: isChecked(o.value), onChange: (e) => onToggle?.(o.value, e.target.checked) }
                  : { defaultChecked: defaultChecked(o.value) })}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                className={`mt-1 h-6 w-6 shrink-0 sm:mt-0 ${props.inputClassName ?? ''}`}
              />
              <label htmlFor={optionId} className={`py-1 sm:py-0 ${props.compact ? 'text-sm' : ''}`}>
                {o.label}
                {o.hint ? (
                  <span id={`${optionId}-hint`} className="block text-sm text-slate-700">
                    {o.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** One answer from a few. Controlled with `value` and `onChange`, or not, with `defaultValue`. */
export function Radios({
  value,
  defaultValue,
  onChange,
  ...props
}: TChoicesProps & { value?: string; defaultValue?: string; onChange?: (value: string) => void }) {
  return (
    <Choices
      type="radio"
      props={props}
      isChecked={value === undefined ? undefined : (v) => v === value}
      onToggle={(v) => onChange?.(v)}
      defaultChecked={(v) => (defaultValue === undefined ? undefined : v === defaultValue)}
    />
  );
}

/** Any number of answers. Controlled with `values` and `onChange`, or not, with `defaultValues`. */
export function Checkboxes({
  values,
  defaultValues,
  onChange,
  ...props
}: TChoicesProps & { values?: readonly string[]; defaultValues?: readonly string[]; onChange?: (values: string[]) => void }) {
  return (
    <Choices
      type="checkbox"
      props={props}
      isChecked={values === undefined ? undefined : (v) => values.includes(v)}
      onToggle={(v, checked) => onChange?.(checked ? [...(values ?? []), v] : (values ?? []).filter((x) => x !== v))}
      defaultChecked={(v) => defaultValues?.includes(v)}
    />
  );
}

/** A single yes-or-no box, its label beside it; its error, if any, above it. */
export function Checkbox({
  id,
  name,
  label,
  hint,
  error,
  compact,
  className,
  ...input
}: Omit<ComponentProps<'input'>, 'type' | 'id' | 'name'> & {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  compact?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={className}>
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <div className="flex items-start gap-2">
        <input
          {...input}
          id={id}
          name={name}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, errorId)}
          className="mt-1 h-6 w-6 shrink-0 sm:mt-0"
        />
        <label htmlFor={id} className={`py-1 sm:py-0 ${compact ? 'text-sm' : ''}`}>
          {label}
          {hint ? (
            <span id={hintId} className="block text-sm text-slate-700">
              {hint}
            </span>
          ) : null}
        </label>
      </div>
    </div>
  );
}
