'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorSummary, Hint, Label, SubmitButton } from '@/components/form';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';

type TCounts = { created: number; updated: number; unchanged: number };
type TReport = {
  files: string[];
  errors: { sheet: string; row: number; column: string; message: string }[];
  summary: Record<string, TCounts>;
  applied: boolean;
};

const MAX_BYTES = 50 * 1024 * 1024;
const PAGE = 50;

/** Upload → dry-run report → apply (after a confirmation) → result. */
export function ImportForm() {
  const input = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<TReport | null>(null);
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [page, setPage] = useState(0);
  // Where focus goes once the answer is on screen: the error summary, or the result's heading.
  const [focus, setFocus] = useState<{ to: 'summary' | 'result'; n: number } | null>(null);

  useEffect(() => {
    if (focus?.to === 'summary') summaryRef.current?.focus();
    else if (focus?.to === 'result') resultRef.current?.focus();
  }, [focus]);

  async function send(mode: 'dry-run' | 'apply') {
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) return fail('Choose a CSV or XLSX file to import');
    if (files.reduce((n, f) => n + f.size, 0) > MAX_BYTES) return fail('The file is larger than 50 MB: split it into smaller files');
    const body = new FormData();
    body.set('mode', mode);
    for (const f of files) body.append('file', f);
    setPending(true);
    try {
      const response = await fetch('/admin/data/import', { method: 'POST', body });
      const json = (await response.json().catch(() => null)) as (TReport & { error?: { message: string; requestId?: string } }) | null;
      if (!response.ok || !json || json.error) return fail(json?.error?.message ?? 'Something went wrong. Try again.');
      setProblem(null);
      setReport(json);
      setPage(0);
      setFocus((f) => ({ to: json.errors.length > 0 ? 'summary' : 'result', n: (f?.n ?? 0) + 1 }));
    } catch {
      fail('The file could not be sent. Check your connection and try again.');
    } finally {
      setPending(false);
      setConfirming(false);
    }
  }

  function fail(message: string) {
    setProblem(message);
    setReport(null);
    setFocus((f) => ({ to: 'summary', n: (f?.n ?? 0) + 1 }));
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send('dry-run');
  };

  const errors = report?.errors ?? [];
  const shown = errors.slice(page * PAGE, (page + 1) * PAGE);
  const pages = Math.ceil(errors.length / PAGE);
  const totals = Object.values(report?.summary ?? {}).reduce((t, c) => ({ created: t.created + c.created, updated: t.updated + c.updated }), {
    created: 0,
    updated: 0,
  });

  return (
    <div className="space-y-4">
      <ErrorSummary
        ref={summaryRef}
        message={problem ?? (errors.length > 0 ? `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in the file: nothing was saved` : null)}
        problems={problem ? [{ href: '#file', text: problem }] : []}
      />
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <div>
          <Label htmlFor="file">CSV files or an Excel workbook</Label>
          <Hint id="file-hint">
            One CSV file per sheet (named after it, such as people.csv), or one .xlsx workbook with a worksheet per sheet. At most 50 MB.
          </Hint>
          <input
            ref={input}
            id="file"
            name="file"
            type="file"
            multiple
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="file-hint"
            onChange={() => setReport(null)}
            className="mt-1 block w-full max-w-full text-sm file:mr-3 file:min-h-11 file:rounded file:border file:border-slate-500 file:bg-white file:px-3 file:py-1.5 sm:file:min-h-0"
          />
        </div>
        <SubmitButton pending={pending && !confirming} pendingLabel="Checking…" variant="secondary">
          Check the file
        </SubmitButton>
      </form>

      {report ? (
        <div className="space-y-3">
          <h3 ref={resultRef} tabIndex={-1} className="text-lg font-semibold">
            {report.applied ? 'Imported' : errors.length > 0 ? 'The file has problems' : 'Ready to import'}: {report.files.join(', ')}
          </h3>
          {report.applied ? (
            <p role="status">The import is saved and recorded in the audit log.</p>
          ) : errors.length === 0 ? (
            <p role="status">
              {totals.created + totals.updated === 0
                ? 'Nothing would change: the council already holds this data.'
                : 'No problems found. Nothing has been saved yet.'}
            </p>
          ) : null}
          {Object.keys(report.summary).length > 0 ? (
            <DataTable
              caption={report.applied ? 'What the import did, by sheet' : 'What the import would do, by sheet'}
              columns={['Sheet', { label: 'Created', numeric: true }, { label: 'Updated', numeric: true }, { label: 'Unchanged', numeric: true }]}
            >
              {Object.entries(report.summary).map(([sheet, c]) => (
                <Row key={sheet}>
                  <RowHeader>{sheet}</RowHeader>
                  <Cell numeric>{c.created.toLocaleString('en-GB')}</Cell>
                  <Cell numeric>{c.updated.toLocaleString('en-GB')}</Cell>
                  <Cell numeric>{c.unchanged.toLocaleString('en-GB')}</Cell>
                </Row>
              ))}
            </DataTable>
          ) : null}
          {errors.length > 0 ? (
            <>
              <DataTable caption="Problems in the file" columns={['Sheet', { label: 'Row', numeric: true }, 'Column', 'Problem']}>
                {shown.map((e, i) => (
                  <Row key={`${page}-${i}`} top>
                    <RowHeader>{e.sheet}</RowHeader>
                    <Cell numeric>{e.row}</Cell>
                    <Cell>{e.column || '—'}</Cell>
                    <Cell>{e.message}</Cell>
                  </Row>
                ))}
              </DataTable>
              {pages > 1 ? (
                <nav aria-label="Pages of problems" className="flex flex-wrap items-center gap-3 text-sm">
                  <button
                    type="button"
                    disabled={page === 0}
                    onClick={() => setPage(page - 1)}
                    className="min-h-11 rounded border border-slate-500 px-3 py-1.5 disabled:opacity-50 sm:min-h-0"
                  >
                    Previous
                  </button>
                  <span>
                    Page {page + 1} of {pages}
                  </span>
                  <button
                    type="button"
                    disabled={page + 1 >= pages}
                    onClick={() => setPage(page + 1)}
                    className="min-h-11 rounded border border-slate-500 px-3 py-1.5 disabled:opacity-50 sm:min-h-0"
                  >
                    Next
                  </button>
                </nav>
              ) : null}
            </>
          ) : null}
          {!report.applied && errors.length === 0 && totals.created + totals.updated > 0 ? (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 sm:min-h-0"
            >
              Apply the import
            </button>
          ) : null}
        </div>
      ) : null}

      <ConfirmDialog
        open={confirming}
        title="Apply this import?"
        confirmLabel="Yes, import"
        pending={pending}
        onConfirm={() => void send('apply')}
        onCancel={() => setConfirming(false)}
      >
        <p>
          This creates {totals.created.toLocaleString('en-GB')} and updates {totals.updated.toLocaleString('en-GB')} records from {report?.files.join(', ')},
          all in one go.
        </p>
      </ConfirmDialog>
    </div>
  );
}
