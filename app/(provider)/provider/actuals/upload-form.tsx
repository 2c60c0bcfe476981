'use client';

import { useRef, useState } from 'react';
import { ErrorSummary, Hint, Label, SubmitButton } from '@/components/form';

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
  REFUSED: 'Nothing was saved: fix the rows below and send the file again.',
};

/** Check a CSV of delivered care, then send it. */
export function UploadForm() {
  const input = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<TReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send(mode: 'dry-run' | 'apply') {
    const file = input.current?.files?.[0];
    if (!file) return setProblem('Choose a CSV file of delivered care');
    const body = new FormData();
    body.set('mode', mode);
    body.set('file', file);
    setPending(true);
    try {
      const response = await fetch('/provider/actuals/upload', { method: 'POST', body });
      const json = (await response.json().catch(() => null)) as (TReport & { error?: { message: string } }) | null;
      if (!response.ok || !json || json.error) {
        setReport(null);
        return setProblem(json?.error?.message ?? 'Something went wrong. Try again.');
      }
      setProblem(null);
      setReport(json);
    } finally {
      setPending(false);
    }
  }

  const errors = report?.errors ?? [];
  return (
    <div className="space-y-3">
      <ErrorSummary
        message={problem ?? (errors.length ? `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in the file: nothing was saved` : null)}
        problems={problem ? [{ href: '#file', text: problem }] : errors.map((e) => ({ href: '#problems', text: `Row ${e.row}, ${e.field}: ${e.message}` }))}
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
          <Hint id="file-hint">Per visit, as your call monitoring system exports it, or per service line and week. At most 20 MB.</Hint>
          <input ref={input} id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" onChange={() => setReport(null)} />
        </div>
        <SubmitButton pending={pending} pendingLabel="Checking…" variant="secondary">
          Check the file
        </SubmitButton>
      </form>
      {report ? (
        <div className="space-y-2">
          <p role="status">{SAID[report.status]}</p>
          {report.status === 'CHECKED' ? (
            <button type="button" className="rounded bg-brand-800 px-3 py-1.5 font-medium text-white" onClick={() => void send('apply')} disabled={pending}>
              Send {report.rows} rows
            </button>
          ) : null}
          {errors.length ? (
            <table id="problems" className="text-left text-sm">
              <caption className="text-left font-medium">Problems in the file</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e) => (
                  <tr key={`${e.row}-${e.field}`}>
                    <td>{e.row}</td>
                    <td>{e.field}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
