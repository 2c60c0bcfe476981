'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, useTransition } from 'react';
import { londonDateAndTime, londonWallTime } from '@/lib/time/london';
import type { TCascadePreview } from '@/lib/package/preview-cascade';
import { SERVICE_TYPES, WEEKDAYS, warningsFor, type TPackageDraftInput } from '@/lib/package/package-schema';
import { previewCascadeAction, saveAndPostAction, saveDraftAction, searchPeopleAction } from '../actions';
import { carerHours } from '@/lib/domain/carer-hours';
import { ServiceLinesEditor, TYPE_LABEL, VisitsEditor, inputClass, type TLineRow, type TVisitRow } from '@/components/care-editors';
import { ErrorSummary } from '@/components/form';

type Option = { id: string; name: string };
type Props = { localities: (Option & { rural: boolean })[]; hospitals: (Option & { code: string })[]; providers: Option[]; skills: string[]; today: string };
type Visit = TVisitRow;
type Line = TLineRow;
type Person = { id: string; givenName: string; familyName: string; dateOfBirth: string; nhsNumber: string; postcode: string; localityId: string };

const EMPTY_PERSON = { givenName: '', familyName: '', dateOfBirth: '', nhsNumber: '', addressLine1: '', addressLine2: '', town: '', postcode: '' };

export function PackageForm({ localities, hospitals, providers, skills, today }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ id: string; version: number; reference: string } | null>(null);
  const [preview, setPreview] = useState<TCascadePreview | null>(null);
  const summary = useRef<HTMLDivElement>(null);

  const [personMode, setPersonMode] = useState<'existing' | 'new'>('existing');
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Person[] | null>(null);
  const [person, setPerson] = useState<Person | null>(null);
  const [newPerson, setNewPerson] = useState(EMPTY_PERSON);
  const [localityId, setLocalityId] = useState('');
  const [pathway, setPathway] = useState<'LONG_TERM' | 'REABLEMENT' | 'HOSPITAL_DISCHARGE'>('LONG_TERM');
  const [funding, setFunding] = useState<'COUNCIL' | 'ICB'>('COUNCIL');
  const [hospitalId, setHospitalId] = useState('');
  // Short-term demand is timed from when the person is ready (BEST's 2 h / 4 h clocks): now, unless the broker says otherwise.
  const [ready, setReady] = useState(() => londonDateAndTime(new Date()));
  const [visits, setVisits] = useState<Visit[]>([{ days: [...WEEKDAYS], start: '08:00', minutes: 30, carers: 1 }]);
  const [lines, setLines] = useState<Line[]>([{ type: 'PERSONAL_CARE', hoursPerWeek: 3.5, startDate: today, endDate: '' }]);
  const [requiredSkills, setRequiredSkills] = useState<string[]>([]);
  const [preferredProviderId, setPreferred] = useState('');
  const [excluded, setExcluded] = useState<string[]>([]);
  const [notes, setNotes] = useState('');

  function draft(): TPackageDraftInput {
    return {
      ...(personMode === 'existing' ? { personId: person?.id } : { person: { ...newPerson, addressLine2: newPerson.addressLine2 || undefined } }),
      localityId,
      pathway,
      funding: pathway === 'LONG_TERM' ? funding : 'COUNCIL',
      hospitalId: pathway === 'HOSPITAL_DISCHARGE' ? hospitalId || undefined : undefined,
      readyAt:
        pathway !== 'LONG_TERM' && /^\d{4}-\d{2}-\d{2}$/.test(ready.date) && /^\d{2}:\d{2}$/.test(ready.time)
          ? londonWallTime(ready.date, ready.time).toISOString()
          : undefined,
      preferredProviderId: preferredProviderId || undefined,
      excludedProviderIds: excluded,
      requiredSkills,
      notes: notes || undefined,
      visits,
      serviceLines: lines.map((l) => ({
        type: l.type as (typeof SERVICE_TYPES)[number],
        hoursPerWeek: Number(l.hoursPerWeek),
        startDate: l.startDate,
        endDate: l.endDate || undefined,
      })),
    };
  }

  const warnings = useMemo(() => {
    try {
      return warningsFor({
        visits,
        pathway,
        serviceLines: lines.map((l) => ({
          type: l.type as (typeof SERVICE_TYPES)[number],
          hoursPerWeek: Number(l.hoursPerWeek) || 0,
          startDate: l.startDate,
          endDate: l.endDate || undefined,
        })),
      });
    } catch {
      return [];
    }
  }, [visits, lines, pathway]);

  function showErrors(fieldErrors: Record<string, string[]> | undefined, fallback: string) {
    const flat = Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([k, v]) => [k.replace(/^draft\./, ''), v[0]]));
    setErrors(flat);
    setMessage(Object.keys(flat).length ? null : fallback);
    setTimeout(() => summary.current?.focus(), 0);
  }

  const search = () =>
    start(async () => {
      const result = await searchPeopleAction({ query });
      if (result.ok) setMatches(result.data);
      else setErrors({ query: result.fieldErrors?.query?.[0] ?? result.message });
    });

  const runPreview = () =>
    start(async () => {
      const result = await previewCascadeAction({ draft: draft() });
      if (result.ok) {
        setPreview(result.data);
        setErrors({});
        setMessage(null);
      } else showErrors(result.fieldErrors, result.message);
    });

  const save = (post: boolean) =>
    start(async () => {
      const input = { packageId: saved?.id, expectedVersion: saved?.version, draft: draft() };
      if (post) {
        const result = await saveAndPostAction(input);
        if (result.ok) router.push(`/packages/${result.data.reference}?posted=1`);
        else showErrors(result.fieldErrors, result.message);
        return;
      }
      const result = await saveDraftAction(input);
      if (result.ok) {
        setSaved(result.data);
        setErrors({});
        setMessage(`Saved as draft ${result.data.reference}.`);
      } else showErrors(result.fieldErrors, result.message);
    });

  const err = (path: string) => errors[path];
  const ErrorText = ({ path }: { path: string }) =>
    err(path) ? (
      <p id={`${path}-error`} className="text-sm font-medium text-red-800">
        <span className="sr-only">Error: </span>
        {err(path)}
      </p>
    ) : null;
  const describedBy = (path: string) => (err(path) ? `${path}-error` : undefined);
  const errorList = Object.entries(errors);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save(true);
      }}
      noValidate
      className="space-y-6"
    >
      <div aria-live="assertive">
        <ErrorSummary ref={summary} level={2} problems={errorList.map(([path, text]) => ({ href: `#${path}`, text }))} />
      </div>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">Person</legend>
        <div className="flex gap-4">
          <label className="inline-flex items-center gap-1">
            <input type="radio" name="personMode" checked={personMode === 'existing'} onChange={() => setPersonMode('existing')} /> Someone already known
          </label>
          <label className="inline-flex items-center gap-1">
            <input type="radio" name="personMode" checked={personMode === 'new'} onChange={() => setPersonMode('new')} /> Someone new
          </label>
        </div>
        {personMode === 'existing' ? (
          <div>
            <label htmlFor="query" className="block font-medium">
              Find by name, NHS number or postcode
            </label>
            <ErrorText path="query" />
            <ErrorText path="personId" />
            <div className="flex gap-2">
              <input id="personId" hidden readOnly value={person?.id ?? ''} />
              <input
                id="query"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    search();
                  }
                }}
                aria-describedby={describedBy('personId')}
                className={inputClass(err('personId'))}
              />
              <button type="button" onClick={search} className="rounded border border-slate-500 px-3">
                Find
              </button>
            </div>
            {person ? (
              <p className="mt-2 text-sm" role="status">
                Chosen:{' '}
                <strong>
                  {person.givenName} {person.familyName}
                </strong>
                , born {person.dateOfBirth}, {person.postcode}
              </p>
            ) : null}
            {matches ? (
              matches.length === 0 ? (
                <p className="mt-2 text-sm">Nobody matches. Try another spelling, or add someone new.</p>
              ) : (
                <ul className="mt-2 divide-y rounded border border-slate-200 text-sm">
                  {matches.map((m) => (
                    <li key={m.id} className="flex items-center justify-between gap-2 px-2 py-1">
                      <span>
                        {m.givenName} {m.familyName} · born {m.dateOfBirth} · NHS {m.nhsNumber} · {m.postcode}
                      </span>
                      <button
                        type="button"
                        className="underline"
                        onClick={() => {
                          setPerson(m);
                          setLocalityId((l) => l || m.localityId);
                          setMatches(null);
                        }}
                      >
                        Choose
                        <span className="sr-only">
                          {' '}
                          {m.givenName} {m.familyName}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </div>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            {(
              [
                ['givenName', 'Given name', 'text'],
                ['familyName', 'Family name', 'text'],
                ['dateOfBirth', 'Date of birth', 'date'],
                ['nhsNumber', 'NHS number', 'text'],
                ['addressLine1', 'Address line 1', 'text'],
                ['addressLine2', 'Address line 2 (optional)', 'text'],
                ['town', 'Town or city', 'text'],
                ['postcode', 'Postcode', 'text'],
              ] as const
            ).map(([key, label, type]) => (
              <div key={key}>
                <label htmlFor={`person.${key}`} className="block font-medium">
                  {label}
                </label>
                <ErrorText path={`person.${key}`} />
                <input
                  id={`person.${key}`}
                  type={type}
                  value={newPerson[key]}
                  onChange={(e) => setNewPerson((p) => ({ ...p, [key]: e.target.value }))}
                  aria-describedby={describedBy(`person.${key}`)}
                  aria-invalid={err(`person.${key}`) ? true : undefined}
                  className={`${inputClass(err(`person.${key}`))} w-full`}
                />
              </div>
            ))}
          </div>
        )}
      </fieldset>

      <fieldset className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">Where and which pathway</legend>
        <div>
          <label htmlFor="localityId" className="block font-medium">
            Locality
          </label>
          <ErrorText path="localityId" />
          <select
            id="localityId"
            value={localityId}
            onChange={(e) => setLocalityId(e.target.value)}
            aria-describedby={describedBy('localityId')}
            className={`${inputClass(err('localityId'))} w-full bg-white`}
          >
            <option value="">Choose the locality</option>
            {localities.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
                {l.rural ? ' (rural)' : ''}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="font-medium">Pathway</legend>
          {(
            [
              ['LONG_TERM', 'Long term'],
              ['REABLEMENT', 'Reablement'],
              ['HOSPITAL_DISCHARGE', 'Hospital discharge'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="mr-4 inline-flex items-center gap-1">
              <input type="radio" name="pathway" checked={pathway === value} onChange={() => setPathway(value)} /> {label}
            </label>
          ))}
        </fieldset>
        {pathway === 'LONG_TERM' ? (
          <fieldset>
            <legend className="font-medium">Funded by</legend>
            <label className="mr-4 inline-flex items-center gap-1">
              <input type="radio" name="funding" checked={funding === 'COUNCIL'} onChange={() => setFunding('COUNCIL')} /> The council
            </label>
            <label className="inline-flex items-center gap-1">
              <input type="radio" name="funding" checked={funding === 'ICB'} onChange={() => setFunding('ICB')} /> NHS ICB
            </label>
          </fieldset>
        ) : null}
        {pathway === 'HOSPITAL_DISCHARGE' ? (
          <div>
            <label htmlFor="hospitalId" className="block font-medium">
              Discharged from
            </label>
            <ErrorText path="hospitalId" />
            <select
              id="hospitalId"
              value={hospitalId}
              onChange={(e) => setHospitalId(e.target.value)}
              aria-describedby={describedBy('hospitalId')}
              className={`${inputClass(err('hospitalId'))} w-full bg-white`}
            >
              <option value="">Choose the hospital</option>
              {hospitals.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name} ({h.code})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {pathway !== 'LONG_TERM' ? (
          <fieldset aria-describedby="readyAt-hint">
            <legend className="font-medium">Ready for care from (London time)</legend>
            <p id="readyAt-hint" className="text-sm text-slate-700">
              The duty board's clock counts from here: 2 hours for a hospital discharge, 4 hours otherwise.
            </p>
            <ErrorText path="readyAt" />
            <div className="mt-1 flex flex-wrap gap-3">
              <label className="flex flex-col text-sm">
                Day
                <input
                  id="readyAt"
                  type="date"
                  value={ready.date}
                  onChange={(e) => setReady({ ...ready, date: e.target.value })}
                  className={inputClass(err('readyAt'))}
                />
              </label>
              <label className="flex flex-col text-sm">
                Time
                <input
                  id="readyAt-time"
                  type="time"
                  value={ready.time}
                  onChange={(e) => setReady({ ...ready, time: e.target.value })}
                  className={inputClass(err('readyAt'))}
                />
              </label>
            </div>
          </fieldset>
        ) : null}
      </fieldset>

      <VisitsEditor visits={visits} setVisits={setVisits} errors={errors} />
      <ServiceLinesEditor
        lines={lines}
        setLines={setLines}
        errors={errors}
        today={today}
        onOneLine={() =>
          setLines([
            {
              type: pathway === 'LONG_TERM' ? 'PERSONAL_CARE' : 'REABLEMENT',
              hoursPerWeek: Math.round(carerHours(visits) * 100) / 100,
              startDate: today,
              endDate: '',
            },
          ])
        }
      />

      <fieldset className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">Needs and choices</legend>
        <fieldset>
          <legend className="font-medium">Skills the carers need</legend>
          {skills.map((s) => (
            <label key={s} className="mr-3 inline-flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={requiredSkills.includes(s)}
                onChange={(e) => setRequiredSkills((r) => (e.target.checked ? [...r, s] : r.filter((x) => x !== s)))}
              />{' '}
              {TYPE_LABEL(s)}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor="preferredProviderId" className="block font-medium">
            The person’s chosen provider (ISF), if any
          </label>
          <select
            id="preferredProviderId"
            value={preferredProviderId}
            onChange={(e) => setPreferred(e.target.value)}
            className="mt-1 w-full rounded border border-slate-500 bg-white px-2 py-1"
          >
            <option value="">None</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="excludedProviderIds" className="block font-medium">
            Providers not to offer it to
          </label>
          <ErrorText path="excludedProviderIds" />
          <select
            id="excludedProviderIds"
            multiple
            size={5}
            value={excluded}
            onChange={(e) => setExcluded([...e.target.selectedOptions].map((o) => o.value))}
            className="mt-1 w-full rounded border border-slate-500 bg-white px-2 py-1"
          >
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="notes" className="block font-medium">
            Notes for the provider (shown after award)
          </label>
          <ErrorText path="notes" />
          <textarea
            id="notes"
            rows={3}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
          />
        </div>
      </fieldset>

      {warnings.length ? (
        <section aria-label="Things to check" className="border-l-4 border-amber-600 bg-amber-50 p-3 text-sm">
          <h2 className="font-semibold">Check before posting</h2>
          <ul className="list-inside list-disc">
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview ? (
        <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="preview-heading" className="text-lg font-semibold">
            Who it will be offered to
          </h2>
          <p>
            {preview.firstTier === null
              ? 'No provider is eligible in any tier: it will go straight to the open market.'
              : `Round 1 goes to tier ${preview.firstTier}: ${preview.offers.filter((o) => o.tier === preview.firstTier).length} providers.`}{' '}
            {preview.hours.toFixed(2)} carer-hours a week.
          </p>
          <ol className="mt-2 list-inside list-decimal space-y-1">
            {preview.offers.map((o) => (
              <li key={o.providerId}>
                <strong>{o.providerName}</strong>, tier {o.tier}, {o.contractType.toLowerCase()} {o.contractReference}, £{o.hourlyRate.toFixed(2)}/h (£
                {o.weeklyCost.toFixed(2)} a week): {o.reasons.join('; ')}
              </li>
            ))}
          </ol>
          {preview.excluded.length ? (
            <details className="mt-2">
              <summary className="cursor-pointer">{preview.excluded.length} providers left out, and why</summary>
              <ul className="mt-1 list-inside list-disc">
                {preview.excluded.map((e) => (
                  <li key={e.providerId}>
                    {e.providerName}: {e.reasons.join(', ').toLowerCase().replace(/_/g, ' ')}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={runPreview}
          disabled={pending}
          className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-800 disabled:opacity-60"
        >
          Preview who it goes to
        </button>
        <button type="button" onClick={() => save(false)} disabled={pending} className="rounded border border-slate-500 px-4 py-2 disabled:opacity-60">
          Save draft
        </button>
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60">
          {pending ? 'Working…' : 'Post package'}
        </button>
        <p aria-live="polite" role="status" className="text-sm font-medium">
          {message}
        </p>
      </div>
    </form>
  );
}
