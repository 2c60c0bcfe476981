'use client';

import { useState, useTransition } from 'react';
import { ErrorSummary, errorOf, SubmitButton, useFocusSummary, type TFieldErrors } from '@/components/form';
import { formatLondonDate } from '@/lib/time/london';
import { declareCapacityAction } from './actions';
import { BANDS as DAY_BANDS, type TBand } from '@/lib/domain/carer-hours';
import type { Weekday } from '@/lib/domain/enums';
import { bandLabel } from '@/lib/domain/labels';

const BANDS = DAY_BANDS.map((band) => [band, bandLabel(band)] as const);
const DAYS: { value: Weekday; short: string; name: string }[] = [
  { value: 'MON', short: 'Mon', name: 'Monday' },
  { value: 'TUE', short: 'Tue', name: 'Tuesday' },
  { value: 'WED', short: 'Wed', name: 'Wednesday' },
  { value: 'THU', short: 'Thu', name: 'Thursday' },
  { value: 'FRI', short: 'Fri', name: 'Friday' },
  { value: 'SAT', short: 'Sat', name: 'Saturday' },
  { value: 'SUN', short: 'Sun', name: 'Sunday' },
];

type Locality = { id: string; name: string; rural: boolean; hours: Record<TBand, number>; days: Weekday[]; declaredAt: string | null; stale: boolean };

const when = (iso: string | null) => (iso ? formatLondonDate(new Date(iso)) : 'never');

/**
 * A council's areas, one card each: carer-hours a week by time of day, and the days of the week
 * the provider can cover there. Cards stack on a phone and sit side by side on a wide screen.
 */
export function CapacityForm({ councilId, councilName, localities }: { councilId: string; councilName: string; localities: Locality[] }) {
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [summary, focusSummary] = useFocusSummary();
  const stale = localities.filter((l) => l.stale).length;
  const inputId = (localityId: string, band: TBand) => `${councilId}-${localityId}-${band}`;
  const daysId = (localityId: string) => `${councilId}-${localityId}-days`;

  // Each locality sends its five bands as rows, each with the locality's days: rows.<i>.<field>.
  const rowIndex = (localityId: string, band: TBand) => localities.findIndex((l) => l.id === localityId) * BANDS.length + BANDS.findIndex(([b]) => b === band);
  const errorFor = (localityId: string, band: TBand) => errorOf(errors, `rows.${rowIndex(localityId, band)}.carerHours`);
  const daysErrorFor = (localityId: string) => BANDS.map(([band]) => errorOf(errors, `rows.${rowIndex(localityId, band)}.days`)).find(Boolean);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const rows = localities.flatMap((l) => {
      const days = form.getAll(`${l.id}:days`).map(String) as Weekday[];
      return BANDS.map(([band]) => ({ localityId: l.id, band, carerHours: String(form.get(`${l.id}:${band}`) ?? '0'), days }));
    });
    start(async () => {
      const result = await declareCapacityAction({ councilId, rows });
      setErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setMessage(result.ok || result.fieldErrors ? null : result.message);
      setStatus(result.ok ? 'Saved. Thank you: offers will follow what you declared.' : null);
      if (!result.ok) focusSummary();
    });
  }

  // The summary links each problem to its box: "City A, Morning: Hours cannot be negative".
  const problems = localities.flatMap((l) => [
    ...BANDS.flatMap(([band, label]) => {
      const e = errorFor(l.id, band);
      return e ? [{ href: `#${inputId(l.id, band)}`, text: `${l.name}, ${label}: ${e}` }] : [];
    }),
    ...(daysErrorFor(l.id) ? [{ href: `#${daysId(l.id)}`, text: `${l.name}, days: ${daysErrorFor(l.id)}` }] : []),
  ]);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby={`council-${councilId}`}>
      <h2 id={`council-${councilId}`} className="text-lg font-semibold">
        {councilName}
      </h2>
      <ErrorSummary ref={summary} problems={problems} message={message ?? (problems.length ? 'Nothing was saved. Check these areas.' : null)} />
      {stale ? (
        <p className="border-l-4 border-amber-600 bg-amber-50 p-2 text-sm">
          <strong>Out of date:</strong> {stale} of {localities.length} areas were last declared more than 14 days ago, or never.
        </p>
      ) : null}
      <ul className="grid gap-3 lg:grid-cols-2" aria-label={`Areas you work in for ${councilName}`}>
        {localities.map((l) => {
          const daysError = daysErrorFor(l.id);
          return (
            <li key={l.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <fieldset>
                <legend className="font-semibold">
                  {l.name}
                  {l.rural ? ' (rural)' : ''}
                </legend>
                <p className={`text-sm ${l.stale ? 'font-medium text-amber-800' : 'text-slate-600'}`}>
                  Last declared {when(l.declaredAt)}
                  {l.stale ? ' (out of date)' : ''}
                </p>
                <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-5">
                  {BANDS.map(([band, label]) => {
                    const error = errorFor(l.id, band);
                    const id = inputId(l.id, band);
                    return (
                      <div key={band}>
                        <label htmlFor={id} className="block text-sm font-medium">
                          {label}
                          <span className="sr-only">, {l.name}, carer-hours a week</span>
                        </label>
                        <input
                          id={id}
                          name={`${l.id}:${band}`}
                          type="number"
                          inputMode="decimal"
                          min={0}
                          max={2000}
                          step={0.5}
                          defaultValue={l.hours[band]}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                          className={`mt-1 min-h-11 w-full rounded border px-2 py-1 text-right sm:min-h-0 ${error ? 'border-2 border-red-700' : 'border-slate-500'}`}
                        />
                        {error ? (
                          <p id={`${id}-error`} className="text-sm font-medium text-red-800">
                            <span className="sr-only">Error: </span>
                            {error}
                          </p>
                        ) : null}
                      </div>
                    );
                  })}
                </div>
                <fieldset id={daysId(l.id)} tabIndex={-1} className="mt-3" aria-describedby={daysError ? `${daysId(l.id)}-error` : undefined}>
                  <legend className="text-sm font-medium">
                    Days you can cover<span className="sr-only"> in {l.name}</span>
                  </legend>
                  {daysError ? (
                    <p id={`${daysId(l.id)}-error`} className="text-sm font-medium text-red-800">
                      <span className="sr-only">Error: </span>
                      {daysError}
                    </p>
                  ) : null}
                  <div className="mt-1 grid grid-cols-4 gap-1 sm:grid-cols-7">
                    {DAYS.map((d) => (
                      <label key={d.value} className="flex min-h-11 items-center gap-1 text-sm sm:min-h-0">
                        <input type="checkbox" name={`${l.id}:days`} value={d.value} defaultChecked={l.days.includes(d.value)} className="h-6 w-6" />
                        <span aria-hidden="true">{d.short}</span>
                        <span className="sr-only">{d.name}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </fieldset>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save capacity for {councilName}
        </SubmitButton>
        <p aria-live="polite" role="status" className="text-sm">
          {status}
        </p>
      </div>
    </form>
  );
}
