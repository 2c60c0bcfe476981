'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import { ErrorSummary, useFocusSummary, SubmitButton, TextInput, type TFieldErrors } from '@/components/form';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import type { TCqcImportSummary } from '@/lib/cqc/import-cqc-ratings';
import { CQC_LABEL } from '@/lib/domain/labels';
import { formatDay } from '@/lib/time/london';
import { importCqcRatingsAction } from '../actions';

/** Choose the file, see what it would change, then apply it. */
export function CqcUploadForm() {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<TCqcImportSummary | null>(null);
  const [summaryRef, focusSummary] = useFocusSummary();
  const resultRef = useRef<HTMLHeadingElement>(null);
  // Focus moves to the result once it is drawn, so a screen reader hears what the file would do.
  const [results, setResults] = useState(0);
  useEffect(() => {
    if (results > 0) resultRef.current?.focus();
  }, [results]);

  function send(chosen: File | null, apply: boolean) {
    const data = new FormData();
    if (chosen) data.set('file', chosen);
    data.set('apply', String(apply));
    start(async () => {
      const result = await importCqcRatingsAction(data);
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setSummary(result.data);
        setResults((n) => n + 1);
      } else {
        setSummary(null);
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.message);
        focusSummary();
      }
    });
  }

  const problems = Object.keys(errors).length ? [{ href: '#cqc-file', text: String([errors.file ?? Object.values(errors)[0]].flat()[0]) }] : [];
  return (
    <div className="space-y-4">
      <form
        noValidate
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          send(file, false);
        }}
      >
        <ErrorSummary ref={summaryRef} problems={problems} message={message} />
        <TextInput
          id="cqc-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          label="CQC ratings file (CSV)"
          hint="The care-directory ratings file from CQC's website, saved as CSV."
          errors={errors}
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            setSummary(null);
          }}
          inputClassName="w-full"
        />
        <SubmitButton pending={pending} pendingLabel="Checking…">
          Check the file
        </SubmitButton>
      </form>

      {summary ? (
        <section aria-labelledby="cqc-result" className="space-y-3" data-testid="cqc-summary">
          <h2 id="cqc-result" ref={resultRef} tabIndex={-1} className="text-lg font-semibold">
            {summary.applied ? 'Ratings updated' : 'What this file would change'}
          </h2>
          <p>
            {summary.changes.filter((c) => c.current).length} provider{summary.changes.filter((c) => c.current).length === 1 ? '' : 's'}{' '}
            {summary.applied ? 'now have' : 'would get'} a newer rating; {summary.unchanged} already up to date; {summary.notInFile} on your register not in the
            file; {summary.ignored} location{summary.ignored === 1 ? '' : 's'} in the file not on your register, ignored.
          </p>
          {summary.changes.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-4">Nothing to change: every rating in this file is already recorded.</p>
          ) : (
            <DataTable caption="Rating changes" columns={['Provider', 'From', 'To', 'Published', 'Effect']}>
              {summary.changes.map((c) => (
                <Row key={c.providerId}>
                  <RowHeader>
                    <Link className="underline" href={`/providers/${c.providerId}`}>
                      {c.name}
                    </Link>
                  </RowHeader>
                  <Cell>
                    {CQC_LABEL[c.from]}
                    {c.fromDate ? <span className="block text-xs text-slate-600">{formatDay(c.fromDate)}</span> : null}
                  </Cell>
                  <Cell className={c.to === 'INADEQUATE' ? 'font-semibold text-red-800' : ''}>{CQC_LABEL[c.to]}</Cell>
                  <Cell className="whitespace-nowrap">{formatDay(c.ratedOn)}</Cell>
                  <Cell>
                    {c.current ? (c.to === 'INADEQUATE' && c.from !== 'INADEQUATE' ? 'New rating; flagged for review' : 'New rating') : 'Older: history only'}
                  </Cell>
                </Row>
              ))}
            </DataTable>
          )}
          {summary.problems.length ? (
            <details className="rounded-lg border border-amber-300 bg-amber-50 p-3">
              <summary className="cursor-pointer">
                {summary.problems.length} row{summary.problems.length === 1 ? '' : 's'} could not be read and {summary.problems.length === 1 ? 'was' : 'were'}{' '}
                skipped
              </summary>
              <ul className="list-disc pl-5 text-sm">
                {summary.problems.map((p) => (
                  <li key={p.line}>
                    Line {p.line}: {p.problem}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {!summary.applied && summary.changes.length > 0 ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                send(file, true);
              }}
            >
              <SubmitButton pending={pending} pendingLabel="Applying…">
                Apply these {summary.changes.length} change{summary.changes.length === 1 ? '' : 's'}
              </SubmitButton>
            </form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
