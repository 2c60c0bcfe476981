'use client';

import { useId, useMemo, useRef, useState } from 'react';
import { describedBy, errorOf, type TFieldErrors } from './field-errors';
import { controlClass, ErrorMessage, Hint, Label } from './field';

type TOption = { id: string; name: string };

/** How many matches the list shows at once: enough to scan, few enough to read out. */
const SHOWN = 12;

/**
 * Choose any number from a long list by typing (WAI-ARIA combobox with a listbox popup). The list
 * opens on typing, Down or a click; the arrow keys move through the matches, Enter chooses (and
 * closes it, so it never covers what follows), Escape closes. Each choice shows as a chip with a
 * Remove button, and Backspace in an empty box removes the last. Its id is the error path, so the
 * error summary links to the text box.
 */
export function MultiCombobox({
  id,
  label,
  hint,
  options,
  values,
  onChange,
  errors,
  noun = 'item',
}: {
  id: string;
  label: string;
  hint?: string;
  options: readonly TOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  errors?: TFieldErrors;
  /** What one option is, for the messages read out: "provider". */
  noun?: string;
}) {
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [said, setSaid] = useState('');
  const error = errorOf(errors, id);
  const chosen = useMemo(() => values.map((v) => options.find((o) => o.id === v)).filter((o): o is TOption => o !== undefined), [values, options]);
  const all = useMemo(() => {
    const q = query.trim().toLowerCase();
    return options.filter((o) => !values.includes(o.id) && (q === '' || o.name.toLowerCase().includes(q)));
  }, [options, values, query]);
  const matches = all.slice(0, SHOWN);
  const expanded = open && matches.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  const choose = (o: TOption) => {
    onChange([...values, o.id]);
    setQuery('');
    setActive(0);
    setOpen(false);
    setSaid(`${o.name} added. ${values.length + 1} chosen.`);
    input.current?.focus();
  };
  const remove = (o: TOption) => {
    onChange(values.filter((v) => v !== o.id));
    setOpen(false);
    setSaid(`${o.name} removed. ${values.length - 1} chosen.`);
    input.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (expanded && matches[active]) {
        e.preventDefault();
        choose(matches[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else setQuery('');
    } else if (e.key === 'Backspace' && query === '' && chosen.length > 0) {
      remove(chosen[chosen.length - 1]);
    }
  };

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId!}>{error}</ErrorMessage> : null}
      {chosen.length ? (
        <ul className="mt-1 flex flex-wrap gap-2" aria-label={`Chosen: ${chosen.length}`}>
          {chosen.map((o) => (
            <li key={o.id} className="flex items-center gap-1 rounded-full border border-slate-400 bg-slate-100 py-0.5 pr-1 pl-3 text-sm">
              {o.name}
              <button
                type="button"
                onClick={() => remove(o)}
                className="min-h-8 min-w-8 rounded-full px-2 hover:bg-slate-300 focus:outline-2 focus:outline-slate-900"
                aria-label={`Remove ${o.name}`}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="relative">
        <input
          ref={input}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && matches[active] ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, errorId)}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className={controlClass(error, 'w-full')}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          hidden={!expanded}
          className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded border border-slate-500 bg-white shadow-lg"
        >
          {matches.map((o, i) => (
            <li
              key={o.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Chosen before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-2 ${i === active ? 'bg-brand-700 text-white' : ''}`}
            >
              {o.name}
            </li>
          ))}
        </ul>
      </div>
      {open && query.trim() !== '' && all.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">
          No {noun} matches “{query.trim()}”.
        </p>
      ) : null}
      {all.length > SHOWN && expanded ? (
        <p className="mt-1 text-sm text-slate-700">
          Showing {SHOWN} of {all.length}: type more of the name to narrow the list.
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="sr-only">
        {said}
      </p>
    </div>
  );
}
