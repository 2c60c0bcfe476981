'use client';

import { useState, useTransition } from 'react';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { errorOf, SubmitButton, type TFieldErrors } from '@/components/form';
import { formatLondonDate } from '@/lib/time/london';
import { declareCapacityAction } from './actions';
import { BANDS as DAY_BANDS, type TBand } from '@/lib/domain/carer-hours';
import { bandLabel } from '@/lib/domain/labels';

const BANDS = DAY_BANDS.map((band) => [band, bandLabel(band)] as const);

type Locality = { id: string; name: string; rural: boolean; hours: Record<TBand, number>; declaredAt: string | null; stale: boolean };

const when = (iso: string | null) => (iso ? formatLondonDate(new Date(iso)) : 'never');

export function CapacityForm({ councilId, councilName, localities }: { councilId: string; councilName: string; localities: Locality[] }) {
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const stale = localities.filter((l) => l.stale).length;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const rows = localities.flatMap((l) => BANDS.map(([band]) => ({ localityId: l.id, band, carerHours: String(form.get(`${l.id}:${band}`) ?? '0') })));
    start(async () => {
      const result = await declareCapacityAction({ councilId, rows });
      setErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setStatus(result.ok ? 'Saved. Thank you: offers will follow what you declared.' : result.message);
    });
  }

  const errorFor = (localityId: string, band: TBand) => {
    const i = localities.findIndex((l) => l.id === localityId) * BANDS.length + BANDS.findIndex(([b]) => b === band);
    return errorOf(errors, `rows.${i}.carerHours`);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" aria-labelledby={`council-${councilId}`}>
      <h2 id={`council-${councilId}`} className="text-lg font-semibold">
        {councilName}
      </h2>
      {stale ? (
        <p className="border-l-4 border-amber-600 bg-amber-50 p-2 text-sm">
          <strong>Out of date:</strong> {stale} of {localities.length} areas were last declared more than 14 days ago, or never.
        </p>
      ) : null}
      <DataTable
        caption={`Carer-hours a week you can take on for ${councilName}`}
        columns={['Area', ...BANDS.map(([, label]) => ({ label, numeric: true })), 'Last declared']}
      >
        {localities.map((l) => (
          <Row key={l.id}>
            <RowHeader>
              {l.name}
              {l.rural ? ' (rural)' : ''}
            </RowHeader>
            {BANDS.map(([band, label]) => {
              const error = errorFor(l.id, band);
              return (
                <Cell key={band} numeric>
                  <label className="sr-only" htmlFor={`${councilId}-${l.id}-${band}`}>
                    {l.name}, {label}, carer-hours a week
                  </label>
                  <input
                    id={`${councilId}-${l.id}-${band}`}
                    name={`${l.id}:${band}`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={2000}
                    step={0.5}
                    defaultValue={l.hours[band]}
                    aria-invalid={error ? true : undefined}
                    title={error}
                    className={`w-20 rounded border px-1 py-0.5 text-right ${error ? 'border-2 border-red-700' : 'border-slate-400'}`}
                  />
                </Cell>
              );
            })}
            <Cell className={l.stale ? 'font-medium text-amber-800' : ''}>
              {when(l.declaredAt)}
              {l.stale ? ' (out of date)' : ''}
            </Cell>
          </Row>
        ))}
      </DataTable>
      <div className="flex items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save capacity for {councilName}
        </SubmitButton>
        <p aria-live="polite" className="text-sm">
          {status}
        </p>
      </div>
    </form>
  );
}
