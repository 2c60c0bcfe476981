'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { carerHours } from '@/lib/domain/carer-hours';
import { FieldError, VisitsEditor, inputClass, type TVisitRow } from '@/components/care-editors';
import { londonWallTime } from '@/lib/time/london';
import { splitForReablementAction } from '../actions';
import { ErrorSummary } from '@/components/form';

type Props = { packageId: string; reference: string; readyDate: string; readyTime: string; today: string };

/** The reablement part only: its visits, when the person is ready and when it starts. */
export function SplitForm({ packageId, reference, readyDate, readyTime, today }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const [visits, setVisits] = useState<TVisitRow[]>([{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '12:30', minutes: 30, carers: 1 }]);
  const [date, setDate] = useState(readyDate);
  const [time, setTime] = useState(readyTime);
  const [startDate, setStartDate] = useState(today);
  const [notes, setNotes] = useState('');

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) local.readyAt = 'Enter the day and time the person is ready';
    if (Object.keys(local).length) {
      setErrors(local);
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    start(async () => {
      const result = await splitForReablementAction({
        packageId,
        readyAt: londonWallTime(date, time).toISOString(),
        startDate,
        visits,
        notes: notes || undefined,
      });
      if (result.ok) {
        router.push(`/packages/${result.data.reference}?posted=1`);
        return;
      }
      setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
      setMessage(result.fieldErrors ? null : result.message);
      setTimeout(() => summary.current?.focus(), 0);
    });
  };
  const list = Object.entries(errors);
  const describedBy = (path: string) => (errors[path] ? `${path}-error` : undefined);

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div aria-live="assertive">
        <ErrorSummary ref={summary} level={2} message={message} problems={list.map(([path, text]) => ({ href: `#${path}`, text }))} />
      </div>
      <fieldset className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">When</legend>
        <div>
          <label htmlFor="readyAt" className="block font-medium">
            Ready from (day, London time)
          </label>
          <FieldError errors={errors} path="readyAt" />
          <input
            id="readyAt"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-describedby={describedBy('readyAt')}
            className={inputClass(errors.readyAt)}
          />
        </div>
        <div>
          <label htmlFor="readyTime" className="block font-medium">
            Time
          </label>
          <input id="readyTime" type="time" value={time} onChange={(e) => setTime(e.target.value)} className={inputClass(errors.readyAt)} />
        </div>
        <div>
          <label htmlFor="startDate" className="block font-medium">
            First day of reablement
          </label>
          <FieldError errors={errors} path="startDate" />
          <input
            id="startDate"
            type="date"
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            aria-describedby={describedBy('startDate')}
            className={inputClass(errors.startDate)}
          />
        </div>
      </fieldset>
      <VisitsEditor visits={visits} setVisits={setVisits} errors={errors} />
      <p className="text-sm text-slate-700">
        One reablement service line of {carerHours(visits).toFixed(2)} carer-hours a week is made from these visits. {reference} keeps its own visits and lines.
      </p>
      <div>
        <label htmlFor="notes" className="block font-medium">
          Notes for the provider (shown after award)
        </label>
        <FieldError errors={errors} path="notes" />
        <textarea
          id="notes"
          rows={3}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
        />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60">
        {pending ? 'Working…' : 'Split and offer to STEP providers'}
      </button>
    </form>
  );
}
