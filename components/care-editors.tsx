'use client';

import type { Dispatch, SetStateAction } from 'react';
import { SERVICE_TYPES, WEEKDAYS } from '@/lib/package/package-schema';
import { carerHours } from '@/lib/domain/carer-hours';

// The visits and service-lines editors, shared by the broker's new-package form and change request
// and by the duty team's reablement split. Field ids are the paths the schemas report errors under ("visits.0.minutes"),
// so the error summary links straight to the field.

export type TVisitRow = { days: (typeof WEEKDAYS)[number][]; start: string; minutes: number; carers: 1 | 2 };
export type TLineRow = { type: string; hoursPerWeek: number; startDate: string; endDate: string };

const DAY_LABEL: Record<string, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };
export const TYPE_LABEL = (t: string) => t.charAt(0) + t.slice(1).toLowerCase().replace(/_/g, ' ');
export const inputClass = (error?: string) => `mt-1 rounded border px-2 py-1 ${error ? 'border-2 border-red-700' : 'border-slate-500'}`;

export function FieldError({ errors, path }: { errors: Record<string, string>; path: string }) {
  return errors[path] ? (
    <p id={`${path}-error`} className="text-sm font-medium text-red-800">
      <span className="sr-only">Error: </span>
      {errors[path]}
    </p>
  ) : null;
}

export function VisitsEditor({
  visits,
  setVisits,
  errors,
}: {
  visits: TVisitRow[];
  setVisits: Dispatch<SetStateAction<TVisitRow[]>>;
  errors: Record<string, string>;
}) {
  const err = (path: string) => errors[path];
  const setVisit = (i: number, change: Partial<TVisitRow>) => setVisits((vs) => vs.map((v, j) => (j === i ? { ...v, ...change } : v)));
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">Visits</legend>
      <FieldError errors={errors} path="visits" />
      {visits.map((v, i) => (
        <div key={i} role="group" aria-label={`Visit ${i + 1}`} className="flex flex-wrap items-end gap-3 border-b border-slate-100 pb-2">
          <fieldset>
            <legend className="text-sm font-medium">Visit {i + 1} days</legend>
            <FieldError errors={errors} path={`visits.${i}.days`} />
            <div id={`visits.${i}.days`} className="flex gap-1">
              {WEEKDAYS.map((d) => (
                <label key={d} className="inline-flex items-center gap-0.5 text-sm">
                  <input
                    type="checkbox"
                    checked={v.days.includes(d)}
                    onChange={(e) =>
                      setVisit(i, { days: e.target.checked ? WEEKDAYS.filter((x) => x === d || v.days.includes(x)) : v.days.filter((x) => x !== d) })
                    }
                  />
                  {DAY_LABEL[d]}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={`visits.${i}.start`} className="block text-sm font-medium">
              Start
            </label>
            <FieldError errors={errors} path={`visits.${i}.start`} />
            <input
              id={`visits.${i}.start`}
              type="time"
              value={v.start}
              onChange={(e) => setVisit(i, { start: e.target.value })}
              className={inputClass(err(`visits.${i}.start`))}
            />
          </div>
          <div>
            <label htmlFor={`visits.${i}.minutes`} className="block text-sm font-medium">
              Minutes
            </label>
            <FieldError errors={errors} path={`visits.${i}.minutes`} />
            <input
              id={`visits.${i}.minutes`}
              type="number"
              min={15}
              max={720}
              step={5}
              value={v.minutes}
              onChange={(e) => setVisit(i, { minutes: Number(e.target.value) })}
              className={`${inputClass(err(`visits.${i}.minutes`))} w-24`}
            />
          </div>
          <div>
            <label htmlFor={`visits.${i}.carers`} className="block text-sm font-medium">
              Carers
            </label>
            <select
              id={`visits.${i}.carers`}
              value={v.carers}
              onChange={(e) => setVisit(i, { carers: Number(e.target.value) as 1 | 2 })}
              className="mt-1 rounded border border-slate-500 bg-white px-2 py-1"
            >
              <option value={1}>One</option>
              <option value={2}>Two</option>
            </select>
          </div>
          <button
            type="button"
            onClick={() => setVisits((vs) => [...vs.slice(0, i + 1), { ...v, days: [...v.days] }, ...vs.slice(i + 1)])}
            className="rounded border border-slate-400 px-2 py-1 text-sm"
          >
            Copy<span className="sr-only"> visit {i + 1}</span>
          </button>
          {visits.length > 1 ? (
            <button type="button" onClick={() => setVisits((vs) => vs.filter((_, j) => j !== i))} className="rounded border border-slate-400 px-2 py-1 text-sm">
              Remove<span className="sr-only"> visit {i + 1}</span>
            </button>
          ) : null}
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => setVisits((vs) => [...vs, { days: [...WEEKDAYS], start: '12:30', minutes: 30, carers: 1 }])}
          className="rounded border border-slate-500 px-3 py-1"
        >
          Add a visit
        </button>
        <span className="text-sm text-slate-700">{carerHours(visits).toFixed(2)} carer-hours a week</span>
      </div>
    </fieldset>
  );
}

/**
 * Service lines by type and weekly hours; with `dates`, each line also has its own start and end
 * (a new package). Without, the lines are the hours from one effective date (a change request).
 */
export function ServiceLinesEditor({
  lines,
  setLines,
  errors,
  today,
  dates = true,
  onOneLine,
}: {
  lines: TLineRow[];
  setLines: Dispatch<SetStateAction<TLineRow[]>>;
  errors: Record<string, string>;
  today: string;
  dates?: boolean;
  /** "One line for all the visits": replaces the lines with one line of the visits' hours. */
  onOneLine?: () => void;
}) {
  const err = (path: string) => errors[path];
  const setLine = (i: number, change: Partial<TLineRow>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)));
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">Service lines</legend>
      <FieldError errors={errors} path="serviceLines" />
      {lines.map((l, i) => (
        <div key={i} role="group" aria-label={`Service line ${i + 1}`} className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor={`serviceLines.${i}.type`} className="block text-sm font-medium">
              Type
            </label>
            <FieldError errors={errors} path={`serviceLines.${i}.type`} />
            <select
              id={`serviceLines.${i}.type`}
              value={l.type}
              onChange={(e) => setLine(i, { type: e.target.value })}
              className="mt-1 rounded border border-slate-500 bg-white px-2 py-1"
            >
              {SERVICE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABEL(t)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`serviceLines.${i}.hoursPerWeek`} className="block text-sm font-medium">
              Hours a week
            </label>
            <FieldError errors={errors} path={`serviceLines.${i}.hoursPerWeek`} />
            <input
              id={`serviceLines.${i}.hoursPerWeek`}
              type="number"
              min={0}
              step={0.25}
              value={l.hoursPerWeek}
              onChange={(e) => setLine(i, { hoursPerWeek: Number(e.target.value) })}
              className={`${inputClass(err(`serviceLines.${i}.hoursPerWeek`))} w-24`}
            />
          </div>
          {dates ? (
            <>
              <div>
                <label htmlFor={`serviceLines.${i}.startDate`} className="block text-sm font-medium">
                  From
                </label>
                <FieldError errors={errors} path={`serviceLines.${i}.startDate`} />
                <input
                  id={`serviceLines.${i}.startDate`}
                  type="date"
                  value={l.startDate}
                  onChange={(e) => setLine(i, { startDate: e.target.value })}
                  className={inputClass(err(`serviceLines.${i}.startDate`))}
                />
              </div>
              <div>
                <label htmlFor={`serviceLines.${i}.endDate`} className="block text-sm font-medium">
                  Until (optional)
                </label>
                <FieldError errors={errors} path={`serviceLines.${i}.endDate`} />
                <input
                  id={`serviceLines.${i}.endDate`}
                  type="date"
                  value={l.endDate}
                  onChange={(e) => setLine(i, { endDate: e.target.value })}
                  className={inputClass(err(`serviceLines.${i}.endDate`))}
                />
              </div>
            </>
          ) : null}
          {lines.length > 1 ? (
            <button type="button" onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))} className="rounded border border-slate-400 px-2 py-1 text-sm">
              Remove<span className="sr-only"> line {i + 1}</span>
            </button>
          ) : null}
        </div>
      ))}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={() => setLines((ls) => [...ls, { type: 'DOMESTIC', hoursPerWeek: 1, startDate: today, endDate: '' }])}
          className="rounded border border-slate-500 px-3 py-1"
        >
          Add a line
        </button>
        {onOneLine ? (
          <button type="button" onClick={onOneLine} className="rounded border border-slate-500 px-3 py-1">
            One line for all the visits
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
