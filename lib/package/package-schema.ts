import { z } from 'zod';
import { atMostTwoDecimals, carerHours } from '@/lib/domain/carer-hours';
import { chargingIssues, ZClientContributionSchema, ZFinancialAssessmentDaySchema, ZIcbSharePercentSchema } from '@/lib/domain/funding';
import { formatDay } from '@/lib/time/london';

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

// Far beyond any real package (four double-handed calls a day is 28 visits a week), and small
// enough that saving the largest one stays a short transaction.
const MAX_VISITS = 100;

const DAY_NAME: Record<(typeof WEEKDAYS)[number], string> = {
  MON: 'Monday',
  TUE: 'Tuesday',
  WED: 'Wednesday',
  THU: 'Thursday',
  FRI: 'Friday',
  SAT: 'Saturday',
  SUN: 'Sunday',
};

// Care one person can really receive in a day: more calls than this, or more visit time than the
// day holds, is a typing mistake (the form once accepted 501 visits), not a package.
const MAX_VISITS_A_DAY = 8;
const MAX_MINUTES_A_DAY = 24 * 60;
const WEEK_MINUTES = 7 * 24 * 60;

type TVisitTimes = { days: readonly string[]; start: string; minutes: number };

const startMinute = (v: TVisitTimes) => Number(v.start.slice(0, 2)) * 60 + Number(v.start.slice(3, 5));

/** Whether two visits share any time in the week, on a clock that runs from Monday to Monday, so a late-night visit can run into the next morning's. */
function overlapDay(a: TVisitTimes, b: TVisitTimes): string | null {
  for (const bd of b.days) {
    const bStart = WEEKDAYS.indexOf(bd as (typeof WEEKDAYS)[number]) * 1440 + startMinute(b);
    for (const ad of a.days) {
      const aStart = WEEKDAYS.indexOf(ad as (typeof WEEKDAYS)[number]) * 1440 + startMinute(a);
      const bAfterA = (((bStart - aStart) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
      const aAfterB = (((aStart - bStart) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
      if (bAfterA < a.minutes || aAfterB < b.minutes) return DAY_NAME[bd as (typeof WEEKDAYS)[number]];
    }
  }
  return null;
}

/**
 * Visits that cannot all be delivered: one visit overlapping or repeating another (reported on
 * the later visit's start, naming the earlier one), more than eight visits on a day, or more than
 * 24 hours of visits starting on a day. Pure, so the form shows the same messages as the server.
 */
export function visitIssues(visits: readonly TVisitTimes[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  visits.forEach((v, j) => {
    for (let i = 0; i < j; i++) {
      const day = overlapDay(visits[i], v);
      if (day === null) continue;
      const same = visits[i].start === v.start && visits[i].minutes === v.minutes;
      issues.push({
        path: [j, 'start'],
        message: same
          ? `Visit ${j + 1} repeats visit ${i + 1} on ${day}: remove one of them or change its days`
          : `Visit ${j + 1} overlaps visit ${i + 1} on ${day}: change its start time, length or days`,
      });
      break;
    }
  });
  for (const day of WEEKDAYS) {
    const onDay = visits.filter((v) => v.days.includes(day));
    if (onDay.length > MAX_VISITS_A_DAY) {
      issues.push({ path: [], message: `${DAY_NAME[day]} has ${onDay.length} visits: a day can have at most ${MAX_VISITS_A_DAY}` });
    }
    const minutes = onDay.reduce((sum, v) => sum + v.minutes, 0);
    if (minutes > MAX_MINUTES_A_DAY) {
      const hours = Math.round((minutes / 60) * 100) / 100;
      issues.push({ path: [], message: `Visits on ${DAY_NAME[day]} add up to ${hours} hours: a day can hold at most 24 hours of visits` });
    }
  }
  return issues;
}

/** A package's visits: each one valid, and together care a person can receive. */
export const ZVisitListSchema = z
  .array(ZVisitDraftSchema, { error: 'Add at least one visit' })
  .min(1, { error: 'Add at least one visit' })
  // Checked first and final, so the pairwise checks below never see a list too long to be real.
  .max(MAX_VISITS, { error: `A package can have at most ${MAX_VISITS} visits a week: split it into more than one package`, abort: true })
  .superRefine((visits, ctx) => {
    for (const issue of visitIssues(visits)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

const uuid = (message: string) => z.uuid({ error: message });

/** The package version a change was made against: a whole number the database can hold. */
export const ZExpectedVersionSchema = z
  .number({ error: 'Reload the package and try again' })
  .int({ error: 'Reload the package and try again' })
  .min(1, { error: 'Reload the package and try again' })
  .max(2_147_483_647, { error: 'Reload the package and try again' });

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
    /** A split between council and ICB: the ICB's share of the cost; absent, `funding` pays it all. */
    icbSharePercent: ZIcbSharePercentSchema.optional(),
    /** Section 117 aftercare: free to the person. */
    s117Aftercare: z.boolean({ error: 'Say whether this is Section 117 aftercare' }).default(false),
    /** The person's contribution a week from their financial assessment, and the day of that assessment. */
    clientContributionWeekly: ZClientContributionSchema.optional(),
    financialAssessmentOn: ZFinancialAssessmentDaySchema.optional(),
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
    /** Why the person needs this package beside a live one with a line of the same type over the same days. */
    duplicateReason: z
      .string()
      .trim()
      .max(1000, { error: 'The reason for a second package must be 1,000 characters or fewer' })
      .optional()
      .transform((s) => (s ? s : undefined)),
    visits: ZVisitListSchema,
    serviceLines: z
      .array(ZServiceLineDraftSchema, { error: 'Add at least one service line' })
      .min(1, { error: 'Add at least one service line' })
      .max(MAX_SERVICE_LINES, { error: `A package can have at most ${MAX_SERVICE_LINES} service lines` }),
  })
  .superRefine((draft, ctx) => {
    for (const issue of chargingIssues(draft)) ctx.addIssue({ code: 'custom', ...issue });
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
export function warningsFor(draft: Pick<TPackageDraft, 'visits' | 'serviceLines' | 'pathway'>, today?: string): TDraftWarning[] {
  const warnings: TDraftWarning[] = [];
  // A start in the past is allowed (care may already have begun by hand) but is usually a slip.
  if (today !== undefined) {
    draft.serviceLines.forEach((l, i) => {
      if (l.startDate < today) {
        warnings.push({
          path: `serviceLines.${i}.startDate`,
          message: `Service line ${i + 1} starts on ${formatDay(l.startDate)}, which is in the past: check the start date`,
        });
      }
    });
  }
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
