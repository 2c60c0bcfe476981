'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { nhsNumberText } from '@/lib/format';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { formatDay, formatLondonTime, londonDateAndTime, londonWallTime } from '@/lib/time/london';
import type { TCascadePreview } from '@/lib/package/preview-cascade';
import { SERVICE_TYPES, WEEKDAYS, warningsFor, ZPackageDraftSchema, type TPackageDraftInput } from '@/lib/package/package-schema';
import { previewCascadeAction, saveAndPostAction, saveDraftAction, searchPeopleAction } from '../actions';
import { PostConfirmation, type TPostQuestion } from '../post-confirmation';
import { PreviewPlanView } from '../preview-plan-view';
import { ChargingFields, WHO_PAYS_OPTIONS } from '../charging-fields';
import { carerHours } from '@/lib/domain/carer-hours';
import { ServiceLinesEditor, VisitsEditor, type TLineRow, type TVisitRow } from '@/components/care-editors';
import {
  Checkboxes,
  controlClass,
  describedBy,
  ErrorMessage,
  ErrorSummary,
  errorOf,
  Hint,
  Label,
  problemsOf,
  Radios,
  Select,
  Textarea,
  TextInput,
  newFormToken,
} from '@/components/form';
import { codeLabel } from '@/lib/domain/labels';
import { MultiCombobox } from '@/components/form/multi-combobox';

type Option = { id: string; name: string };
type Props = {
  localities: (Option & { rural: boolean })[];
  hospitals: (Option & { code: string })[];
  providers: Option[];
  skills: string[];
  today: string;
  /** A person and locality to start from (a long-term package after reablement). */
  start?: { person: Person; localityId: string };
};
type Visit = TVisitRow;
type Line = TLineRow;
type Person = { id: string; givenName: string; familyName: string; dateOfBirth: string; nhsNumber: string; postcode: string; localityId: string };

const EMPTY_PERSON = { givenName: '', familyName: '', dateOfBirth: '', nhsNumber: '', addressLine1: '', addressLine2: '', town: '', postcode: '' };

/** A complete draft saves itself this long after the last change. */
const AUTOSAVE_MS = 1500;

type TSaved = { id: string; version: number; reference: string };

/** A draft typed before the first save landed still names the new person that save recorded, not another new one. */
function namingRecorded(input: TPackageDraftInput, recorded: string | null): TPackageDraftInput {
  if (!input.person || !recorded) return input;
  const { person: _typed, ...rest } = input;
  return { ...rest, personId: recorded };
}

export function PackageForm({ localities, hospitals, providers, skills, today, start: startFrom }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ plan: TCascadePreview; at: Date; reference: string | null } | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  /** How many submits have failed: the summary takes focus each time it goes up. */
  const [failures, setFailures] = useState(0);
  // The draft as last saved: saves run one after another, each with the version the one before got.
  const saved = useRef<TSaved | null>(null);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  // Sent with each save and post, so the same one sent twice (a double click, a retry) writes once.
  const formToken = useRef<string | null>(null);
  const [draftNote, setDraftNote] = useState<string | null>(null);
  const [asking, setAsking] = useState<TPostQuestion | null>(null);
  const [posting, setPosting] = useState(false);

  const [personMode, setPersonMode] = useState<'existing' | 'new'>('existing');
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Person[] | null>(null);
  const [person, setPerson] = useState<Person | null>(startFrom?.person ?? null);
  const [newPerson, setNewPerson] = useState(EMPTY_PERSON);
  const [localityId, setLocalityId] = useState(startFrom?.localityId ?? '');
  const [pathway, setPathway] = useState<'LONG_TERM' | 'REABLEMENT' | 'HOSPITAL_DISCHARGE'>('LONG_TERM');
  const [funding, setFunding] = useState<'COUNCIL' | 'ICB' | 'SPLIT'>('COUNCIL');
  const [icbShare, setIcbShare] = useState('');
  const [s117, setS117] = useState(false);
  const [contribution, setContribution] = useState('');
  const [assessedOn, setAssessedOn] = useState('');
  const [hospitalId, setHospitalId] = useState('');
  // Short-term demand is timed from when the person is ready (BEST's 2 h / 4 h clocks): now, unless the broker says otherwise.
  const [ready, setReady] = useState(() => londonDateAndTime(new Date()));
  const [visits, setVisits] = useState<Visit[]>([{ days: [...WEEKDAYS], start: '08:00', minutes: 30, carers: 1 }]);
  const [lines, setLines] = useState<Line[]>([{ type: 'PERSONAL_CARE', hoursPerWeek: 3.5, startDate: today, endDate: '' }]);
  const [requiredSkills, setRequiredSkills] = useState<string[]>([]);
  const [preferredProviderId, setPreferred] = useState('');
  const [excluded, setExcluded] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const [duplicateReason, setDuplicateReason] = useState('');

  function draft(): TPackageDraftInput {
    return {
      ...(personMode === 'existing' ? { personId: person?.id } : { person: { ...newPerson, addressLine2: newPerson.addressLine2 || undefined } }),
      localityId,
      pathway,
      // A split keeps the council as the lead funder, as the package page's "Who pays" does for a new package.
      funding: pathway === 'LONG_TERM' && funding === 'ICB' ? 'ICB' : 'COUNCIL',
      icbSharePercent: pathway === 'LONG_TERM' && funding === 'SPLIT' ? percentOf(icbShare) : undefined,
      s117Aftercare: s117,
      // The day of the assessment goes only with a contribution (its box is hidden without one).
      clientContributionWeekly: s117 || contribution.trim() === '' ? undefined : moneyOf(contribution),
      financialAssessmentOn: s117 || contribution.trim() === '' || assessedOn === '' ? undefined : assessedOn,
      hospitalId: pathway === 'HOSPITAL_DISCHARGE' ? hospitalId || undefined : undefined,
      readyAt:
        pathway !== 'LONG_TERM' && /^\d{4}-\d{2}-\d{2}$/.test(ready.date) && /^\d{2}:\d{2}$/.test(ready.time)
          ? londonWallTime(ready.date, ready.time).toISOString()
          : undefined,
      preferredProviderId: preferredProviderId || undefined,
      excludedProviderIds: excluded,
      requiredSkills,
      notes: notes || undefined,
      duplicateReason: duplicateReason || undefined,
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
      return warningsFor(
        {
          visits,
          pathway,
          serviceLines: lines.map((l) => ({
            type: l.type as (typeof SERVICE_TYPES)[number],
            hoursPerWeek: Number(l.hoursPerWeek) || 0,
            startDate: l.startDate,
            endDate: l.endDate || undefined,
          })),
        },
        today,
      );
    } catch {
      return [];
    }
  }, [visits, lines, pathway, today]);

  // What the broker has typed since the last save: the draft as JSON, against the last saved one.
  const current = JSON.stringify(draft());
  const [baseline, setBaseline] = useState(current);
  const dirty = current !== baseline;
  const complete = useMemo(() => ZPackageDraftSchema.safeParse(JSON.parse(current)).success, [current]);

  // The person this form recorded with its first save: a draft typed before that save landed still names them, not a new person.
  const recorded = useRef<string | null>(null);
  /** Saves the draft after any save already running; resolves to the error, or null once saved. */
  function saveNow(typed: TPackageDraftInput): Promise<{ fieldErrors?: Record<string, string[]>; message: string } | null> {
    const run = saving.current.then(async () => {
      const input = namingRecorded(typed, recorded.current);
      const result = await saveDraftAction({
        packageId: saved.current?.id,
        expectedVersion: saved.current?.version,
        draft: input,
        formToken: (formToken.current ??= newFormToken()),
      });
      if (!result.ok) return { fieldErrors: result.fieldErrors, message: result.message };
      const { personId, ...rest } = result.data;
      saved.current = rest;
      // A new person is recorded with the first save: from now on the draft names them, so a second save does not record them again.
      const { person: created, personId: _chosen, ...others } = input;
      if (created) {
        recorded.current = personId;
        setPerson({
          id: personId,
          givenName: created.givenName,
          familyName: created.familyName,
          dateOfBirth: created.dateOfBirth,
          nhsNumber: created.nhsNumber,
          postcode: created.postcode,
          localityId: input.localityId,
        });
        setPersonMode('existing');
        setNewPerson(EMPTY_PERSON);
      }
      setBaseline(JSON.stringify(created ? { personId, ...others } : input));
      setMessage(null);
      setDraftNote(`Draft ${rest.reference} saved ${formatLondonTime(new Date())}.`);
      return null;
    });
    saving.current = run.catch(() => undefined);
    return run;
  }

  // A complete draft saves itself a moment after the broker stops typing.
  useEffect(() => {
    if (!dirty || posting) return;
    if (!complete) {
      setDraftNote((n) => (saved.current ? `Changes not saved yet: ${saved.current.reference} saves itself once the package is complete.` : n));
      return;
    }
    const timer = setTimeout(async () => {
      const failed = await saveNow(JSON.parse(current) as TPackageDraftInput);
      if (failed) {
        setErrors(Object.fromEntries(Object.entries(failed.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^draft\./, ''), v[0]])));
        setDraftNote(`Draft not saved: ${failed.message}`);
      }
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [current, dirty, complete, posting]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty || posting) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, posting]);

  function showErrors(fieldErrors: Record<string, string[]> | undefined, fallback: string) {
    const flat = Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([k, v]) => [k.replace(/^draft\./, ''), v[0]]));
    setErrors(flat);
    setMessage(Object.keys(flat).length ? null : fallback);
    setFailures((n) => n + 1);
  }

  // After a failed submit, once the summary is drawn: a transition may draw it later than a timer would fire.
  useEffect(() => {
    if (failures > 0) summary.current?.focus();
  }, [failures]);

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
        setPreview({ plan: result.data, at: new Date(), reference: saved.current?.reference ?? null });
        setErrors({});
        setMessage(null);
      } else showErrors(result.fieldErrors, result.message);
    });

  const saveDraft = () =>
    start(async () => {
      const failed = await saveNow(draft());
      if (failed) showErrors(failed.fieldErrors, failed.message);
      else {
        setErrors({});
        setMessage(`Saved as draft ${saved.current!.reference} at ${formatLondonTime(new Date())}.`);
      }
    });

  /** Post asks first: the draft is saved, and the confirmation names round 1's providers and its deadline. */
  const askToPost = () =>
    start(async () => {
      const input = draft();
      const failed = await saveNow(input);
      if (failed) return showErrors(failed.fieldErrors, failed.message);
      const result = await previewCascadeAction({ draft: input });
      if (!result.ok) return showErrors(result.fieldErrors, result.message);
      setPreview({ plan: result.data, at: new Date(), reference: saved.current!.reference });
      setErrors({});
      setMessage(null);
      setAsking({ preview: result.data, reference: saved.current!.reference, at: new Date() });
    });

  const post = () =>
    start(async () => {
      setPosting(true);
      await saving.current;
      const result = await saveAndPostAction({
        packageId: saved.current?.id,
        expectedVersion: saved.current?.version,
        draft: namingRecorded(draft(), recorded.current),
        formToken: (formToken.current ??= newFormToken()),
      });
      if (result.ok) {
        router.push(`/packages/${result.data.reference}?posted=1`);
        return;
      }
      setPosting(false);
      setAsking(null);
      showErrors(result.fieldErrors, result.message);
    });

  const err = (path: string) => errorOf(errors, path);
  const field = { errors } as const;

  return (
    <form
      // Enter in a field never posts: posting is only ever the Post button, and it asks first.
      onSubmit={(e) => e.preventDefault()}
      noValidate
      className="space-y-6"
    >
      <ErrorSummary ref={summary} level={2} problems={problemsOf(errors, (path) => path)} />

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">Person</legend>
        <Radios
          id="personMode"
          name="personMode"
          legend="Who is the package for?"
          legendHidden
          options={[
            { value: 'existing', label: 'Someone already known' },
            { value: 'new', label: 'Someone new' },
          ]}
          value={personMode}
          onChange={(v) => setPersonMode(v as 'existing' | 'new')}
          optionsClassName="flex flex-wrap gap-x-4"
        />
        {personMode === 'existing' ? (
          <div>
            <Label htmlFor="query">Find by name, NHS number or postcode</Label>
            <ErrorMessage id="query-error">{err('query')}</ErrorMessage>
            <ErrorMessage id="personId-error">{err('personId')}</ErrorMessage>
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
                aria-invalid={err('personId') || err('query') ? true : undefined}
                aria-describedby={describedBy(err('query') && 'query-error', err('personId') && 'personId-error')}
                className={controlClass(err('personId') ?? err('query'))}
              />
              <button type="button" onClick={search} className="mt-1 min-h-11 rounded border border-slate-500 px-3 sm:min-h-0">
                Find
              </button>
            </div>
            {person ? (
              <p className="mt-2 text-sm" role="status">
                Chosen:{' '}
                <strong>
                  {person.givenName} {person.familyName}
                </strong>
                , born {formatDay(person.dateOfBirth)}, {person.postcode}
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
                        {m.givenName} {m.familyName} · born {formatDay(m.dateOfBirth)} · NHS {nhsNumberText(m.nhsNumber)} · {m.postcode}
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
              <TextInput
                {...field}
                key={key}
                id={`person.${key}`}
                type={type}
                label={label}
                value={newPerson[key]}
                onChange={(e) => setNewPerson((p) => ({ ...p, [key]: e.target.value }))}
                inputClassName="w-full"
              />
            ))}
          </div>
        )}
      </fieldset>

      <fieldset className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">Where and which pathway</legend>
        <Select {...field} id="localityId" label="Locality" value={localityId} onChange={(e) => setLocalityId(e.target.value)} inputClassName="w-full">
          <option value="">Choose the locality</option>
          {localities.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
              {l.rural ? ' (rural)' : ''}
            </option>
          ))}
        </Select>
        <Radios
          {...field}
          id="pathway"
          name="pathway"
          legend="Pathway"
          options={[
            { value: 'LONG_TERM', label: 'Long term' },
            { value: 'REABLEMENT', label: 'Reablement' },
            { value: 'HOSPITAL_DISCHARGE', label: 'Hospital discharge' },
          ]}
          value={pathway}
          onChange={(v) => setPathway(v as typeof pathway)}
          optionsClassName="flex flex-wrap gap-x-4"
        />
        {pathway === 'LONG_TERM' ? (
          <Radios
            {...field}
            id="funding"
            name="funding"
            legend="Who pays for the care"
            options={WHO_PAYS_OPTIONS}
            value={funding}
            onChange={(v) => setFunding(v as typeof funding)}
            optionsClassName="flex flex-wrap gap-x-4"
          />
        ) : null}
        {pathway === 'LONG_TERM' && funding === 'SPLIT' ? (
          <TextInput
            {...field}
            id="icbSharePercent"
            label="The ICB's share of the cost (%)"
            hint="The council pays the rest. For example 40."
            inputMode="decimal"
            value={icbShare}
            onChange={(e) => setIcbShare(e.target.value)}
            inputClassName="w-24"
          />
        ) : null}
        {/* Charging, kept together in one cell of the grid. */}
        <ChargingFields
          errors={errors}
          s117={s117}
          onS117Change={setS117}
          contribution={contribution}
          onContributionChange={setContribution}
          assessedOn={assessedOn}
          onAssessedOnChange={setAssessedOn}
        />
        {pathway === 'HOSPITAL_DISCHARGE' ? (
          <Select {...field} id="hospitalId" label="Discharged from" value={hospitalId} onChange={(e) => setHospitalId(e.target.value)} inputClassName="w-full">
            <option value="">Choose the hospital</option>
            {hospitals.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name} ({h.code})
              </option>
            ))}
          </Select>
        ) : null}
        {pathway !== 'LONG_TERM' ? (
          <fieldset aria-describedby={describedBy('readyAt-hint', err('readyAt') && 'readyAt-error')}>
            <legend className="font-medium">Ready for care from (London time)</legend>
            <Hint id="readyAt-hint">{"The duty board's clock counts from here: 2 hours for a hospital discharge, 4 hours otherwise."}</Hint>
            <ErrorMessage id="readyAt-error">{err('readyAt')}</ErrorMessage>
            <div className="mt-1 flex flex-wrap gap-3">
              <label className="flex flex-col text-sm">
                Day
                <input
                  id="readyAt"
                  type="date"
                  value={ready.date}
                  onChange={(e) => setReady({ ...ready, date: e.target.value })}
                  aria-invalid={err('readyAt') ? true : undefined}
                  className={controlClass(err('readyAt'))}
                />
              </label>
              <label className="flex flex-col text-sm">
                Time
                <input
                  id="readyAt-time"
                  type="time"
                  value={ready.time}
                  onChange={(e) => setReady({ ...ready, time: e.target.value })}
                  aria-invalid={err('readyAt') ? true : undefined}
                  className={controlClass(err('readyAt'))}
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
        <Checkboxes
          {...field}
          id="requiredSkills"
          legend="Skills the carers need"
          options={skills.map((s) => ({ value: s, label: codeLabel(s) }))}
          values={requiredSkills}
          onChange={setRequiredSkills}
          compact
          optionsClassName="flex flex-wrap gap-x-3"
        />
        <Select
          {...field}
          id="preferredProviderId"
          label="The person’s chosen provider (ISF), if any"
          value={preferredProviderId}
          onChange={(e) => setPreferred(e.target.value)}
          inputClassName="w-full"
        >
          <option value="">None</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <MultiCombobox
          id="excludedProviderIds"
          label="Providers not to offer it to"
          hint="Type part of a name, then choose it with the arrow keys and Enter, or click it; each one chosen shows above the box with a Remove button."
          options={providers}
          values={excluded}
          onChange={setExcluded}
          errors={errors}
          noun="provider"
        />
        <Textarea {...field} id="notes" label="Notes for the provider (shown after award)" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <Textarea
          {...field}
          id="duplicateReason"
          label="Reason for a second package (optional)"
          hint="Only when the person already has a live package with the same type of service over the same days: say why they need another one, for example a reablement split. It shows on the package and in the audit trail."
          rows={2}
          value={duplicateReason}
          onChange={(e) => setDuplicateReason(e.target.value)}
        />
        {existingPackage(errors.duplicateReason) ? (
          <p className="text-sm">
            <Link href={`/packages/${encodeURIComponent(existingPackage(errors.duplicateReason)!)}`} className="underline" target="_blank">
              Open package {existingPackage(errors.duplicateReason)} (in a new tab)
            </Link>
          </p>
        ) : null}
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
        <PreviewPlanView
          preview={preview.plan}
          now={preview.at}
          packageHref={preview.reference ? `/packages/${encodeURIComponent(preview.reference)}` : null}
        />
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={runPreview}
          disabled={pending}
          className="min-h-11 rounded border border-brand-700 px-4 py-2 font-medium text-brand-800 disabled:opacity-60 sm:min-h-0"
        >
          Preview who it goes to
        </button>
        <button
          type="button"
          onClick={saveDraft}
          disabled={pending}
          className="min-h-11 rounded border border-slate-500 px-4 py-2 disabled:opacity-60 sm:min-h-0"
        >
          Save draft
        </button>
        <button
          type="button"
          onClick={askToPost}
          disabled={pending}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60 sm:min-h-0"
        >
          {pending && !asking ? 'Working…' : 'Post package'}
        </button>
        <p aria-live="polite" role="status" className="text-sm font-medium" data-testid="draft-status">
          {message ?? draftNote}
        </p>
      </div>

      <PostConfirmation
        asking={asking}
        pending={pending}
        onConfirm={post}
        onCancel={() => {
          setAsking(null);
          setDraftNote(`Not posted: ${asking?.reference ?? 'the package'} is kept as a draft.`);
        }}
      />
    </form>
  );
}

/** A percentage as typed ("40", "40 %"): an empty box or other text is NaN, which the schema names as not a percentage. */
function percentOf(text: string): number {
  const bare = text.replace(/[%\s]/g, '');
  return bare === '' ? Number.NaN : Number(bare);
}

/** Pounds as typed ("12.50", "£12.50"): other text is NaN, which the schema names as not an amount. */
function moneyOf(text: string): number {
  return Number(text.replace(/[£,\s]/g, ''));
}

/** The reference of the live package a refused second package names in its message. */
function existingPackage(message: string | undefined): string | null {
  return message?.match(/live package (\S+) with/)?.[1] ?? null;
}
