'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { controlClass, ErrorMessage, ErrorSummary, Hint, Label, SubmitButton, useFocusSummary } from '@/components/form';

type TReport = {
  status: 'CHECKED' | 'APPLIED' | 'ALREADY_APPLIED' | 'REFUSED';
  rows: number;
  changed: number;
  errors: { row: number; field: string; message: string }[];
};

const SAID: Record<TReport['status'], string> = {
  CHECKED: 'No problems found. Nothing has been saved yet: send it to save it.',
  APPLIED: 'Saved.',
  ALREADY_APPLIED: 'You sent these rows before: nothing changed.',
  REFUSED: 'Nothing was saved.',
};

/** The columns of a row error in plain words (lib/actuals/actual-rows.ts names them; ECM exports call them otherwise). */
const COLUMN: Record<string, string> = {
  package_reference: 'Package reference (Client Reference)',
  visit_date: 'Visit date',
  planned_start: 'Planned start (Scheduled Start)',
  planned_end: 'Planned end (Scheduled End)',
  actual_start: 'Actual start (Call In)',
  actual_end: 'Actual end (Call Out)',
  carers: 'Carers',
  status: 'Visit status',
  service_type: 'Service type',
  week_commencing: 'Week commencing',
  carer_hours: 'Carer-hours',
};
const column = (field: string) => COLUMN[field] ?? field;

/** Check a CSV of delivered care, then send it. */
export function UploadForm() {
  const input = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<TReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [summary, focusSummary] = useFocusSummary();
  const router = useRouter();

  async function send(mode: 'dry-run' | 'apply') {
    const file = input.current?.files?.[0];
    if (!file) {
      setReport(null);
      setProblem('Choose a CSV file of delivered care');
      return focusSummary();
    }
    const body = new FormData();
    body.set('mode', mode);
    body.set('file', file);
    setPending(true);
    try {
      const response = await fetch('/provider/actuals/upload', { method: 'POST', body });
      const json = (await response.json().catch(() => null)) as (TReport & { error?: { message: string } }) | null;
      if (!response.ok || !json || json.error) {
        setReport(null);
        setProblem(json?.error?.message ?? 'Something went wrong. Try again.');
        return focusSummary();
      }
      setProblem(null);
      setReport(json);
      if (json.errors.length) focusSummary();
      // What was sent, and its state, is listed on the page below.
      if (json.status === 'APPLIED' || json.status === 'REFUSED') router.refresh();
    } finally {
      setPending(false);
    }
  }

  const errors = report?.errors ?? [];
  const count = `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}`;
  const fileError = problem ?? (errors.length ? `The file has ${count}: fix the rows listed below and check it again` : null);
  return (
    <div className="space-y-3">
      <ErrorSummary
        ref={summary}
        message={problem ? null : errors.length ? `${count} in the file: nothing was saved` : null}
        problems={
          problem
            ? [{ href: '#file', text: problem }]
            : errors.map((e) => ({ href: `#problem-${e.row}-${e.field}`, text: `Row ${e.row}, ${column(e.field)}: ${e.message}` }))
        }
      />
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send('dry-run');
        }}
      >
        <div>
          <Label htmlFor="file">CSV file of delivered care</Label>
          <Hint id="file-hint">
            Per visit, as your call monitoring system exports it, or per service line and week. Dates as 07/12/2026 or 2026-12-07, times as 07:30. At most 20
            MB.
          </Hint>
          <ErrorMessage id="file-error">{fileError}</ErrorMessage>
          <input
            ref={input}
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
            aria-invalid={fileError ? true : undefined}
            className={controlClass(fileError ?? undefined, 'block w-full max-w-md')}
            onChange={() => {
              setReport(null);
              setProblem(null);
            }}
          />
        </div>
        <SubmitButton pending={pending} pendingLabel="Checking…" variant="secondary">
          Check the file
        </SubmitButton>
      </form>
      {report ? (
        <div className="space-y-2">
          <p role="status">{SAID[report.status]}</p>
          {report.status === 'CHECKED' ? (
            <button
              type="button"
              className="min-h-11 rounded bg-brand-800 px-3 py-1.5 font-medium text-white sm:min-h-0"
              onClick={() => void send('apply')}
              disabled={pending}
            >
              {pending ? 'Sending…' : `Send ${report.rows} ${report.rows === 1 ? 'row' : 'rows'}`}
            </button>
          ) : null}
          {errors.length ? (
            <div className="overflow-x-auto">
              <table id="problems" className="text-left text-sm">
                <caption className="text-left font-medium">Problems in the file</caption>
                <thead>
                  <tr>
                    <th scope="col" className="pr-3">
                      Row
                    </th>
                    <th scope="col" className="pr-3">
                      Column
                    </th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.map((e) => (
                    <tr key={`${e.row}-${e.field}`} id={`problem-${e.row}-${e.field}`} tabIndex={-1} className="border-t border-slate-200 align-top">
                      <td className="pr-3">{e.row}</td>
                      <td className="pr-3">{column(e.field)}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
