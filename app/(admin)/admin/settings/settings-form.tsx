'use client';

import { Checkboxes, ErrorMessage, ErrorSummary, problemsOf, SubmitButton, TextInput, TimeInput, useActionForm } from '@/components/form';
import { errorOf } from '@/components/form/field-errors';
import type { Weekday } from '@/lib/domain/enums';
import type { TOfficeHours } from '@/lib/domain/office-hours';
import { updateCouncilSettingsAction } from './actions';

type TPathwayMinutes = Record<'HOSPITAL_DISCHARGE' | 'REABLEMENT' | 'LONG_TERM', number>;

const FIELDS = [
  ['offerMinutesHospitalDischarge', 'HOSPITAL_DISCHARGE', 'Hospital discharge', 'On the clock: counted round the clock.'],
  ['offerMinutesReablement', 'REABLEMENT', 'Reablement', 'On the clock: counted round the clock.'],
  ['offerMinutesLongTerm', 'LONG_TERM', 'Long-term', 'Counted on office days only (below), so an offer made late on a Friday does not lapse over the weekend.'],
] as const;

const DAYS: { value: Weekday; label: string }[] = [
  { value: 'MON', label: 'Monday' },
  { value: 'TUE', label: 'Tuesday' },
  { value: 'WED', label: 'Wednesday' },
  { value: 'THU', label: 'Thursday' },
  { value: 'FRI', label: 'Friday' },
  { value: 'SAT', label: 'Saturday' },
  { value: 'SUN', label: 'Sunday' },
];

const FIELD_ID: Record<string, string> = {
  offerMinutesHospitalDischarge: 'offerMinutesHospitalDischarge-hours',
  offerMinutesReablement: 'offerMinutesReablement-hours',
  offerMinutesLongTerm: 'offerMinutesLongTerm-hours',
};

/** How long providers have to answer an offer (in hours and minutes), and their offices' hours. */
export function SettingsForm({
  current,
  office,
  contact,
}: {
  current: TPathwayMinutes;
  office: TOfficeHours;
  contact: { phone: string | null; email: string | null };
}) {
  const { pending, errors, message, status, summary, onSubmit } = useActionForm(
    (form) => {
      // An empty box is 0; anything else that is not a number reaches the server as NaN and is named there.
      const number = (name: string) => (String(form.get(name) ?? '').trim() === '' ? 0 : Number(form.get(name)));
      const minutes = (name: string) => number(`${name}-hours`) * 60 + number(`${name}-minutes`);
      return updateCouncilSettingsAction({
        offerMinutesHospitalDischarge: minutes('offerMinutesHospitalDischarge'),
        offerMinutesReablement: minutes('offerMinutesReablement'),
        offerMinutesLongTerm: minutes('offerMinutesLongTerm'),
        officeOpens: String(form.get('officeOpens') ?? ''),
        officeCloses: String(form.get('officeCloses') ?? ''),
        officeDays: form.getAll('officeDays').map(String) as Weekday[],
        contactPhone: String(form.get('contactPhone') ?? ''),
        contactEmail: String(form.get('contactEmail') ?? ''),
      });
    },
    { saved: 'Saved. New offers use these settings; offers already out keep their deadlines.' },
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
      <ErrorSummary ref={summary} problems={problemsOf(errors, (key) => FIELD_ID[key] ?? key)} message={message} />
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">Time to answer an offer</legend>
        {FIELDS.map(([name, pathway, label, hint]) => {
          const error = errorOf(errors, name);
          return (
            <fieldset key={name} aria-describedby={`${name}-hint${error ? ` ${name}-error` : ''}`}>
              <legend className="font-medium">{label}</legend>
              <p id={`${name}-hint`} className="text-sm text-slate-600">
                {hint}
              </p>
              <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage>
              <div className="flex flex-wrap gap-4">
                <TextInput
                  id={`${name}-hours`}
                  name={`${name}-hours`}
                  label="Hours"
                  compact
                  inputMode="numeric"
                  defaultValue={Math.floor(current[pathway] / 60)}
                  inputClassName="w-20"
                />
                <TextInput
                  id={`${name}-minutes`}
                  name={`${name}-minutes`}
                  label="Minutes"
                  compact
                  inputMode="numeric"
                  defaultValue={current[pathway] % 60}
                  inputClassName="w-20"
                />
              </div>
            </fieldset>
          );
        })}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Provider office hours</legend>
        <p className="text-sm text-slate-600">
          Long-term offers count time on these days only, and a deadline that would fall outside these hours moves to the next closing time. Bank holidays in
          England and Wales are always closed. Times are UK time. Tick no day to count long-term offers round the clock.
        </p>
        <div className="flex flex-wrap gap-4">
          <TimeInput id="officeOpens" name="officeOpens" label="Offices open" compact defaultValue={office.opens} errors={errors} />
          <TimeInput id="officeCloses" name="officeCloses" label="Offices close" compact defaultValue={office.closes} errors={errors} />
        </div>
        <Checkboxes
          id="officeDays"
          name="officeDays"
          legend="Office days"
          compact
          options={DAYS}
          defaultValues={office.days}
          errors={errors}
          optionsClassName="grid grid-cols-2 gap-1 sm:grid-cols-4"
        />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Brokerage team contact</legend>
        <p className="text-sm text-slate-600">Shown to a provider with every package awarded to it, beside the broker who posted it.</p>
        <TextInput
          id="contactPhone"
          name="contactPhone"
          label="Phone"
          type="tel"
          autoComplete="tel"
          compact
          defaultValue={contact.phone ?? ''}
          errors={errors}
          inputClassName="w-full max-w-xs"
        />
        <TextInput
          id="contactEmail"
          name="contactEmail"
          label="Email"
          type="email"
          autoComplete="email"
          compact
          defaultValue={contact.email ?? ''}
          errors={errors}
          inputClassName="w-full max-w-sm"
        />
      </fieldset>
      <SubmitButton pending={pending}>Save settings</SubmitButton>
      <p aria-live="polite" role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}
