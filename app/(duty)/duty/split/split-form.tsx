'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { carerHours } from '@/lib/domain/carer-hours';
import { VisitsEditor, type TVisitRow } from '@/components/care-editors';
import { londonWallTime } from '@/lib/time/london';
import { DateInput, ErrorSummary, problemsOf, SubmitButton, useFocusSummary, Textarea, TimeInput } from '@/components/form';
import { splitForReablementAction } from '../actions';

type Props = { packageId: string; reference: string; readyDate: string; readyTime: string; today: string };

/** The reablement part only: its visits, when the person is ready and when it starts. */
export function SplitForm({ packageId, reference, readyDate, readyTime, today }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [summary, focusSummary] = useFocusSummary();
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
      focusSummary();
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
      focusSummary();
    });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <ErrorSummary ref={summary} level={2} message={message} problems={problemsOf(errors, (path) => path)} />
      <fieldset className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">When</legend>
        <DateInput id="readyAt" label="Ready from (day, London time)" value={date} onChange={(e) => setDate(e.target.value)} errors={errors} />
        <TimeInput id="readyTime" label="Time" value={time} onChange={(e) => setTime(e.target.value)} />
        <DateInput id="startDate" label="First day of reablement" value={startDate} onChange={(e) => setStartDate(e.target.value)} errors={errors} />
      </fieldset>
      <VisitsEditor visits={visits} setVisits={setVisits} errors={errors} />
      <p className="text-sm text-slate-700">
        One reablement service line of {carerHours(visits).toFixed(2)} carer-hours a week is made from these visits. {reference} keeps its own visits and lines.
      </p>
      <Textarea
        id="notes"
        label="Notes for the provider (shown after award)"
        rows={3}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        errors={errors}
      />
      <SubmitButton pending={pending} pendingLabel="Working…" large>
        Split and offer to STEP providers
      </SubmitButton>
    </form>
  );
}
