'use client';

import type { Dispatch, SetStateAction } from 'react';
import { SERVICE_TYPES, WEEKDAYS } from '@/lib/package/package-schema';
import { carerHours } from '@/lib/domain/carer-hours';
import { Checkboxes, DateInput, ErrorMessage, errorOf, Select, TextInput, TimeInput, type TFieldErrors } from '@/components/form';
import { codeLabel, WEEKDAY_LABEL } from '@/lib/domain/labels';

// The visits and service-lines editors, shared by the broker's new-package form and change request
// and by the duty team's reablement split. Field ids are the paths the schemas report errors under ("visits.0.minutes"),
// so the error summary links straight to the field.

export type TVisitRow = { days: (typeof WEEKDAYS)[number][]; start: string; minutes: number; carers: 1 | 2 };
export type TLineRow = { type: string; hoursPerWeek: number; startDate: string; endDate: string };

const DAYS = WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_LABEL[d] }));
export function VisitsEditor({ visits, setVisits, errors }: { visits: TVisitRow[]; setVisits: Dispatch<SetStateAction<TVisitRow[]>>; errors: TFieldErrors }) {
  const setVisit = (i: number, change: Partial<TVisitRow>) => setVisits((vs) => vs.map((v, j) => (j === i ? { ...v, ...change } : v)));
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">Visits</legend>
      <ErrorMessage id="visits-error">{errorOf(errors, 'visits')}</ErrorMessage>
      {visits.map((v, i) => (
        <div key={i} role="group" aria-label={`Visit ${i + 1}`} className="flex flex-wrap items-end gap-3 border-b border-slate-100 pb-2">
          <Checkboxes
            id={`visits.${i}.days`}
            legend={`Visit ${i + 1} days`}
            options={DAYS}
            values={v.days}
            onChange={(days) => setVisit(i, { days: WEEKDAYS.filter((d) => days.includes(d)) })}
            errors={errors}
            compact
            optionsClassName="flex flex-wrap gap-x-2"
          />
          <TimeInput id={`visits.${i}.start`} label="Start" value={v.start} onChange={(e) => setVisit(i, { start: e.target.value })} errors={errors} compact />
          <TextInput
            id={`visits.${i}.minutes`}
            type="number"
            label="Minutes"
            min={15}
            max={720}
            step={5}
            value={v.minutes}
            onChange={(e) => setVisit(i, { minutes: Number(e.target.value) })}
            errors={errors}
            compact
            inputClassName="w-24"
          />
          <Select
            id={`visits.${i}.carers`}
            label="Carers"
            value={v.carers}
            onChange={(e) => setVisit(i, { carers: Number(e.target.value) as 1 | 2 })}
            errors={errors}
            compact
          >
            <option value={1}>One</option>
            <option value={2}>Two</option>
          </Select>
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
  errors: TFieldErrors;
  today: string;
  dates?: boolean;
  /** "One line for all the visits": replaces the lines with one line of the visits' hours. */
  onOneLine?: () => void;
}) {
  const setLine = (i: number, change: Partial<TLineRow>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)));
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">Service lines</legend>
      <ErrorMessage id="serviceLines-error">{errorOf(errors, 'serviceLines')}</ErrorMessage>
      {lines.map((l, i) => (
        <div key={i} role="group" aria-label={`Service line ${i + 1}`} className="flex flex-wrap items-end gap-3">
          <Select id={`serviceLines.${i}.type`} label="Type" value={l.type} onChange={(e) => setLine(i, { type: e.target.value })} errors={errors} compact>
            {SERVICE_TYPES.map((t) => (
              <option key={t} value={t}>
                {codeLabel(t)}
              </option>
            ))}
          </Select>
          <TextInput
            id={`serviceLines.${i}.hoursPerWeek`}
            type="number"
            label="Hours a week"
            min={0}
            step={0.25}
            value={l.hoursPerWeek}
            onChange={(e) => setLine(i, { hoursPerWeek: Number(e.target.value) })}
            errors={errors}
            compact
            inputClassName="w-24"
          />
          {dates ? (
            <>
              <DateInput
                id={`serviceLines.${i}.startDate`}
                label="From"
                value={l.startDate}
                onChange={(e) => setLine(i, { startDate: e.target.value })}
                errors={errors}
                compact
              />
              <DateInput
                id={`serviceLines.${i}.endDate`}
                label="Until (optional)"
                value={l.endDate}
                onChange={(e) => setLine(i, { endDate: e.target.value })}
                errors={errors}
                compact
              />
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
