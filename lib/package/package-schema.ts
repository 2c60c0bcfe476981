import { z } from 'zod';
import { atMostTwoDecimals, carerHours } from '@/lib/domain/carer-hours';

// What a broker submits to create or edit a draft package. The same schema checks the form in
// the browser and the server action, so every message names the field in plain English and says
// what to enter (GOV.UK error message style).

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export const PATHWAY_VALUES = ['LONG_TERM', 'REABLEMENT', 'HOSPITAL_DISCHARGE'] as const;
export const FUNDING_VALUES = ['COUNCIL', 'ICB'] as const;
export const SERVICE_TYPES = ['PERSONAL_CARE', 'DOMESTIC', 'SHOPPING', 'SOCIAL_INCLUSION', 'SITTING', 'NIGHT', 'REABLEMENT'] as const;

/** NHS numbers carry a modulus-11 check digit; a mistyped digit almost always fails it. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(value[9]);
}

// UK postcode, outward and inward parts, with or without the space (BS 7666 shapes, plus GIR 0AA).
const POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$/i;

const trimmed = (field: string, max = 200) =>
  z
    .string({ error: `Enter ${field}` })
    .trim()
    .min(1, { error: `Enter ${field}` })
    .max(max, { error: `${capitalise(field)} must be ${max} characters or fewer` });

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const isoDate = (field: string) => z.iso.date({ error: `Enter ${field} as a real date, like 2026-11-23` });

export const ZNewPersonSchema = z.object({
  givenName: trimmed('the given name', 100),
  familyName: trimmed('the family name', 100),
  dateOfBirth: isoDate('the date of birth'),
  nhsNumber: z
    .string({ error: 'Enter the NHS number' })
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .regex(/^\d{10}$/, { error: 'Enter the NHS number as 10 digits, like 943 476 5919' })
        .refine(isValidNhsNumber, { error: 'The NHS number is not valid: check each digit' }),
    ),
  addressLine1: trimmed('the first line of the address'),
  addressLine2: z.string().trim().max(200, { error: 'The second line of the address must be 200 characters or fewer' }).optional(),
  town: trimmed('the town or city', 100),
  postcode: z
    .string({ error: 'Enter the postcode' })
    .trim()
    .regex(POSTCODE, { error: 'Enter a real postcode, like BD1 1HY' })
    // Stored in the Royal Mail format: upper case, one space before the inward code.
    .transform((s) => {
      const compact = s.replace(/\s+/g, '').toUpperCase();
      return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
    }),
});

export const ZVisitDraftSchema = z.object({
  days: z
    .array(z.enum(WEEKDAYS, { error: 'Choose days of the week from Monday to Sunday' }), { error: 'Choose at least one day for the visit' })
    .min(1, { error: 'Choose at least one day for the visit' })
    .refine((days) => new Set(days).size === days.length, { error: 'Choose each day of the visit only once' }),
  start: z.string({ error: 'Enter a start time like 07:30' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Enter a start time like 07:30' }),
  minutes: z
    .number({ error: 'Enter the visit length in minutes, from 15 to 720' })
    .int({ error: 'Enter the visit length in whole minutes' })
    .min(15, { error: 'A visit must be at least 15 minutes long' })
    .max(720, { error: 'A visit can be at most 720 minutes (12 hours) long' })
    .multipleOf(5, { error: 'Enter the visit length in steps of 5 minutes' }),
  carers: z.union([z.literal(1), z.literal(2)], { error: 'Choose 1 or 2 carers for the visit' }),
});

export const ZServiceLineDraftSchema = z
  .object({
    type: z.enum(SERVICE_TYPES, { error: 'Choose the type of service' }),
    hoursPerWeek: z
      .number({ error: 'Enter the hours per week as a number' })
      .positive({ error: 'Hours per week must be more than 0' })
      .max(168 * 2, { error: 'Hours per week must be 336 or fewer' })
      .refine(atMostTwoDecimals, { error: 'Give hours per week to at most two decimal places, like 7.25' }),
    startDate: isoDate('the service start date'),
    /** The last day of care (stored as the day after: lib/package/line-dates.ts). */
    endDate: isoDate('the service end date').optional(),
  })
  .refine((line) => line.endDate === undefined || line.endDate >= line.startDate, {
    error: 'The service end date must be the same as or after the start date',
    path: ['endDate'],
  });

const uuid = (message: string) => z.uuid({ error: message });

/** The package version a change was made against: a whole number the database can hold. */
export const ZExpectedVersionSchema = z
  .number({ error: 'Reload the package and try again' })
  .int({ error: 'Reload the package and try again' })
  .min(1, { error: 'Reload the package and try again' })
  .max(2_147_483_647, { error: 'Reload the package and try again' });

// Far beyond any real package (four double-handed calls a day is 28 visits a week), and small
// enough that saving the largest one stays a short transaction.
const MAX_VISITS = 100;
const MAX_SERVICE_LINES = 20;
const MAX_SKILLS = 20;
const MAX_EXCLUDED = 200;

export const ZPackageDraftSchema = z
  .object({
    personId: uuid('Choose the person from the list').optional(),
    person: ZNewPersonSchema.optional(),
    localityId: uuid('Choose the locality'),
    pathway: z.enum(PATHWAY_VALUES, { error: 'Choose the pathway: long-term, reablement or hospital discharge' }),
    funding: z.enum(FUNDING_VALUES, { error: 'Choose who funds the package: council or ICB' }).default('COUNCIL'),
    hospitalId: uuid('Choose the hospital').optional(),
    readyAt: z.iso.datetime({ offset: true, error: 'Enter when the person is ready for care as a date and time' }).optional(),
    preferredProviderId: uuid('Choose the preferred provider from the list').optional(),
    excludedProviderIds: z
      .array(uuid('Choose providers to exclude from the list'))
      .max(MAX_EXCLUDED, { error: `Exclude at most ${MAX_EXCLUDED} providers` })
      .default([]),
    requiredSkills: z
      .array(z.string().trim().min(1, { error: 'Remove the empty skill' }).max(50))
      .max(MAX_SKILLS, { error: `Ask for at most ${MAX_SKILLS} skills` })
      .default([]),
    notes: z.string().trim().max(4000, { error: 'Notes must be 4,000 characters or fewer' }).optional(),
    visits: z
      .array(ZVisitDraftSchema, { error: 'Add at least one visit' })
      .min(1, { error: 'Add at least one visit' })
      .max(MAX_VISITS, { error: `A package can have at most ${MAX_VISITS} visits a week: split it into more than one package` }),
    serviceLines: z
      .array(ZServiceLineDraftSchema, { error: 'Add at least one service line' })
      .min(1, { error: 'Add at least one service line' })
      .max(MAX_SERVICE_LINES, { error: `A package can have at most ${MAX_SERVICE_LINES} service lines` }),
  })
  .superRefine((draft, ctx) => {
    if ((draft.personId === undefined) === (draft.person === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Choose an existing person or enter a new person’s details' });
    }
    if (draft.pathway === 'HOSPITAL_DISCHARGE' && draft.hospitalId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['hospitalId'], message: 'Choose the hospital the person is being discharged from' });
    }
    if (draft.pathway !== 'HOSPITAL_DISCHARGE' && draft.hospitalId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['hospitalId'], message: 'Only choose a hospital for a hospital discharge' });
    }
    if (draft.preferredProviderId !== undefined && draft.excludedProviderIds.includes(draft.preferredProviderId)) {
      ctx.addIssue({ code: 'custom', path: ['excludedProviderIds'], message: 'The preferred provider cannot also be excluded' });
    }
  });

export type TPackageDraft = z.infer<typeof ZPackageDraftSchema>;
/** What a form may send before defaults are filled in. */
export type TPackageDraftInput = z.input<typeof ZPackageDraftSchema>;

export type TDraftWarning = { path: string; message: string };

const PERSONAL_CARE_MINIMUM = 30;

/**
 * Things worth a second look that do not stop the draft being saved. Pure, so the form can show
 * them as the broker types.
 */
export function warningsFor(draft: Pick<TPackageDraft, 'visits' | 'serviceLines' | 'pathway'>): TDraftWarning[] {
  const warnings: TDraftWarning[] = [];
  const hasPersonalCare = draft.serviceLines.some((l) => l.type === 'PERSONAL_CARE' || l.type === 'REABLEMENT');
  if (hasPersonalCare) {
    draft.visits.forEach((v, i) => {
      if (v.minutes < PERSONAL_CARE_MINIMUM) {
        warnings.push({
          path: `visits.${i}.minutes`,
          message: `${v.minutes}-minute personal-care calls are being phased out under the Ethical Care Charter: consider at least ${PERSONAL_CARE_MINIMUM} minutes`,
        });
      }
    });
  }
  // Hours written on the lines should match what the visits add up to; a gap usually means a
  // domestic or social line hidden inside personal care (review section 5.2, problem 5).
  const visitHours = carerHours(draft.visits);
  const lineHours = draft.serviceLines.filter((l) => l.endDate === undefined || l.endDate >= l.startDate).reduce((s, l) => s + l.hoursPerWeek, 0);
  if (Math.abs(visitHours - lineHours) > 0.25) {
    warnings.push({
      path: 'serviceLines',
      message: `The service lines add up to ${round2(lineHours)} hours a week but the visits add up to ${round2(visitHours)} carer-hours`,
    });
  }
  if (
    draft.visits.some((v) => v.carers === 2) &&
    !draft.serviceLines.some((l) => l.type === 'PERSONAL_CARE' || l.type === 'REABLEMENT' || l.type === 'NIGHT')
  ) {
    warnings.push({ path: 'visits', message: 'Two carers are asked for but there is no personal care, reablement or night line' });
  }
  return warnings;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
