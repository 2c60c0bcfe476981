import { z } from 'zod';
import { isValidNhsNumber, WEEKDAYS, ZNewPersonSchema, ZVisitListSchema } from '@/lib/package/package-schema';

// What a council's social-care record (Mosaic, LAS, SystmOne) sends to refer someone for home
// care: the person, found by NHS number or the record's own id, and the care asked for. The
// same referral may come as an HL7 FHIR R4 Bundle of a Patient and a ServiceRequest (UK Core
// identifiers), which is checked against those resources' shapes and then read as this one.

export const REFERRAL_PATHWAYS = ['LONG_TERM', 'REABLEMENT'] as const;

export const ZReferralPersonSchema = ZNewPersonSchema.extend({
  nhsNumber: ZNewPersonSchema.shape.nhsNumber.optional(),
  externalId: z
    .string({ error: 'Enter the person’s id in your record as text' })
    .trim()
    .min(1, { error: 'Enter the person’s id in your record' })
    .max(64, { error: 'The record id must be 64 characters or fewer' })
    .optional(),
  phone: z.string().trim().max(40, { error: 'The phone number must be 40 characters or fewer' }).optional(),
}).refine((p) => p.nhsNumber !== undefined || p.externalId !== undefined, {
  error: 'Give the NHS number or the person’s id in your record',
  path: ['nhsNumber'],
});

export const ZReferralBodySchema = z.object({
  referrerReference: z
    .string()
    .trim()
    .min(1, { error: 'Enter your reference for the referral' })
    .max(100, { error: 'Your reference must be 100 characters or fewer' })
    .optional(),
  person: ZReferralPersonSchema,
  care: z.object({
    pathway: z.enum(REFERRAL_PATHWAYS, { error: 'Choose the pathway: LONG_TERM or REABLEMENT' }).default('LONG_TERM'),
    startDate: z.iso.date({ error: 'Enter the start date as a real date, like 2026-12-01' }),
    visits: ZVisitListSchema,
    notes: z.string().trim().max(4000, { error: 'Notes must be 4,000 characters or fewer' }).optional(),
  }),
});

export type TReferralBody = z.output<typeof ZReferralBodySchema>;
export type TReferralBodyInput = z.input<typeof ZReferralBodySchema>;

// ---- HL7 FHIR R4 (UK Core) ----

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
/** The code system of the pathway a ServiceRequest's category may give (long-term care when absent). */
export const PATHWAY_SYSTEM = 'https://homefirst.uk/fhir/CodeSystem/pathway';
/** An extension on the ServiceRequest giving how many carers each visit needs (1 when absent). */
export const CARERS_EXTENSION = 'https://homefirst.uk/fhir/StructureDefinition/carers-per-visit';

const ZIdentifier = z.object({
  system: z.string({ error: 'Give the identifier’s system' }).min(1, { error: 'Give the identifier’s system' }),
  value: z.string({ error: 'Give the identifier’s value' }).trim().min(1, { error: 'Give the identifier’s value' }).max(64),
});

const ZCoding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });

const ZPatient = z.object({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  identifier: z.array(ZIdentifier, { error: 'Give the NHS number or your record’s id as an identifier' }).superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (id.system !== NHS_NUMBER_SYSTEM) return;
      const digits = id.value.replace(/[\s-]/g, '');
      if (!/^\d{10}$/.test(digits)) ctx.addIssue({ code: 'custom', path: [i, 'value'], message: 'Give the NHS number as 10 digits, like 943 476 5919' });
      else if (!isValidNhsNumber(digits))
        ctx.addIssue({ code: 'custom', path: [i, 'value'], message: 'The NHS number is not valid: its check digit does not match' });
    });
    if (ids.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'Give the NHS number or your record’s id as an identifier' });
  }),
  name: z
    .array(
      z.object({
        use: z.string().optional(),
        family: z.string({ error: 'Give the family name' }),
        given: z.array(z.string()).min(1, { error: 'Give a given name' }),
      }),
      {
        error: 'Give the person’s name',
      },
    )
    .min(1, { error: 'Give the person’s name' }),
  birthDate: z.iso.date({ error: 'Give the date of birth, like 1936-12-10' }),
  address: z
    .array(
      z.object({
        line: z.array(z.string()).min(1, { error: 'Give the first line of the address' }),
        city: z.string({ error: 'Give the town or city' }),
        postalCode: z.string({ error: 'Give the postcode' }),
      }),
      {
        error: 'Give the person’s address',
      },
    )
    .min(1, { error: 'Give the person’s address' }),
  telecom: z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).optional(),
});

const FHIR_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const ZServiceRequest = z.object({
  resourceType: z.literal('ServiceRequest'),
  id: z.string().optional(),
  identifier: z.array(ZIdentifier).optional(),
  status: z.enum(['draft', 'active'], { error: 'The status must be active (or draft)' }),
  intent: z.enum(['proposal', 'plan', 'order'], { error: 'The intent must be order, plan or proposal' }),
  category: z.array(z.object({ coding: z.array(ZCoding).optional() })).optional(),
  subject: z.object({ reference: z.string({ error: 'Refer to the Patient in this bundle' }) }, { error: 'Refer to the Patient in this bundle' }),
  occurrenceTiming: z.object(
    {
      repeat: z.object({
        boundsPeriod: z.object(
          { start: z.string().regex(/^\d{4}-\d{2}-\d{2}/, { error: 'Give the start date, like 2026-12-01' }) },
          { error: 'Give when care starts as boundsPeriod.start' },
        ),
        dayOfWeek: z.array(z.enum(FHIR_DAYS, { error: 'Use mon, tue, wed, thu, fri, sat or sun' })).min(1, { error: 'Give at least one day of the week' }),
        timeOfDay: z
          .array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:00)?$/, { error: 'Give each time of day like 07:30:00' }))
          .min(1, { error: 'Give at least one time of day' }),
        duration: z.number({ error: 'Give each visit’s length in minutes' }),
        durationUnit: z.literal('min', { error: 'Give the visit length in minutes (durationUnit min)' }),
      }),
    },
    { error: 'Give the visits as occurrenceTiming (days, times of day and duration)' },
  ),
  note: z.array(z.object({ text: z.string() })).optional(),
  extension: z.array(z.object({ url: z.string(), valueInteger: z.number().optional() })).optional(),
});

export const ZFhirReferralBundleSchema = z
  .object({
    resourceType: z.literal('Bundle', { error: 'Send a FHIR Bundle' }),
    type: z.enum(['transaction', 'collection', 'message', 'batch'], { error: 'The bundle type must be transaction, batch, collection or message' }),
    entry: z.array(
      z.object({
        fullUrl: z.string().optional(),
        resource: z.discriminatedUnion('resourceType', [ZPatient, ZServiceRequest], { error: 'Each entry must be a Patient or a ServiceRequest' }),
      }),
      { error: 'Give the bundle’s entries' },
    ),
  })
  .superRefine((bundle, ctx) => {
    const patients = bundle.entry.filter((e) => e.resource.resourceType === 'Patient');
    const requests = bundle.entry.filter((e) => e.resource.resourceType === 'ServiceRequest');
    if (patients.length !== 1) ctx.addIssue({ code: 'custom', path: ['entry'], message: 'Send exactly one Patient' });
    if (requests.length !== 1) ctx.addIssue({ code: 'custom', path: ['entry'], message: 'Send exactly one ServiceRequest' });
    if (patients.length !== 1 || requests.length !== 1) return;
    const patient = patients[0];
    const at = bundle.entry.indexOf(requests[0]);
    const reference = (requests[0].resource as z.output<typeof ZServiceRequest>).subject.reference;
    const names = [patient.fullUrl, patient.resource.id ? `Patient/${patient.resource.id}` : undefined].filter(Boolean);
    if (!names.includes(reference)) {
      ctx.addIssue({
        code: 'custom',
        path: ['entry', at, 'resource', 'subject', 'reference'],
        message: 'Refer to the Patient in this bundle by its fullUrl or Patient/<id>',
      });
    }
  });

export type TFhirReferralBundle = z.output<typeof ZFhirReferralBundleSchema>;

type TPatient = z.output<typeof ZPatient>;
type TServiceRequest = z.output<typeof ZServiceRequest>;

/** The bundle as a referral body, for ZReferralBodySchema to check the rest (times, postcode, visits). */
export function referralFromFhir(bundle: TFhirReferralBundle): { body: TReferralBodyInput; pathOf: (path: string) => string } {
  const patientAt = bundle.entry.findIndex((e) => e.resource.resourceType === 'Patient');
  const requestAt = bundle.entry.findIndex((e) => e.resource.resourceType === 'ServiceRequest');
  const patient = bundle.entry[patientAt].resource as TPatient;
  const request = bundle.entry[requestAt].resource as TServiceRequest;
  const nhs = patient.identifier.find((i) => i.system === NHS_NUMBER_SYSTEM);
  const own = patient.identifier.find((i) => i.system !== NHS_NUMBER_SYSTEM);
  const name = patient.name.find((n) => n.use === 'official') ?? patient.name[0];
  const address = patient.address[0];
  const repeat = request.occurrenceTiming.repeat;
  const carers = request.extension?.find((e) => e.url === CARERS_EXTENSION)?.valueInteger ?? 1;
  const pathway = request.category?.flatMap((c) => c.coding ?? []).find((c) => c.system === PATHWAY_SYSTEM)?.code;
  const days = repeat.dayOfWeek.map((d) => WEEKDAYS[FHIR_DAYS.indexOf(d)]);
  const body: TReferralBodyInput = {
    referrerReference: request.identifier?.[0]?.value,
    person: {
      nhsNumber: nhs?.value,
      externalId: own?.value,
      givenName: name.given.join(' '),
      familyName: name.family,
      dateOfBirth: patient.birthDate,
      addressLine1: address.line[0],
      addressLine2: address.line.slice(1).join(', ') || undefined,
      town: address.city,
      postcode: address.postalCode,
      phone: patient.telecom?.find((t) => t.system === 'phone')?.value,
    },
    care: {
      pathway: pathway === 'reablement' ? 'REABLEMENT' : 'LONG_TERM',
      startDate: repeat.boundsPeriod.start.slice(0, 10),
      visits: repeat.timeOfDay.map((time) => ({ days, start: time.slice(0, 5), minutes: repeat.duration, carers: carers as 1 | 2 })),
      notes: request.note?.map((n) => n.text).join('\n') || undefined,
    },
  };
  const patientPath = `entry.${patientAt}.resource`;
  const requestPath = `entry.${requestAt}.resource`;
  const nhsAt = nhs ? patient.identifier.indexOf(nhs) : 0;
  const PATHS: [string, string][] = [
    ['person.nhsNumber', `${patientPath}.identifier.${nhsAt}.value`],
    ['person.externalId', `${patientPath}.identifier`],
    ['person.givenName', `${patientPath}.name.0.given`],
    ['person.familyName', `${patientPath}.name.0.family`],
    ['person.dateOfBirth', `${patientPath}.birthDate`],
    ['person.addressLine1', `${patientPath}.address.0.line`],
    ['person.addressLine2', `${patientPath}.address.0.line`],
    ['person.town', `${patientPath}.address.0.city`],
    ['person.postcode', `${patientPath}.address.0.postalCode`],
    ['person.phone', `${patientPath}.telecom`],
    ['person', patientPath],
    ['referrerReference', `${requestPath}.identifier.0.value`],
    ['care.startDate', `${requestPath}.occurrenceTiming.repeat.boundsPeriod.start`],
    ['care.visits', `${requestPath}.occurrenceTiming.repeat`],
    ['care.notes', `${requestPath}.note`],
    ['care.pathway', `${requestPath}.category`],
  ];
  const pathOf = (path: string) => {
    for (const [from, to] of PATHS) if (path === from || path.startsWith(`${from}.`)) return to;
    return path;
  };
  return { body, pathOf };
}

// ---- Triage ----

export const ZTriageReferralSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ referralId: z.uuid(), decision: z.literal('ACCEPT') }),
    z.object({
      referralId: z.uuid(),
      decision: z.literal('MORE_INFO'),
      message: z
        .string({ error: 'Say what information you need' })
        .trim()
        .min(1, { error: 'Say what information you need' })
        .max(2000, { error: 'The message must be 2,000 characters or fewer' }),
    }),
    z.object({
      referralId: z.uuid(),
      decision: z.literal('REJECT'),
      message: z
        .string({ error: 'Give the reason for rejecting the referral' })
        .trim()
        .min(1, { error: 'Give the reason for rejecting the referral' })
        .max(2000, { error: 'The reason must be 2,000 characters or fewer' }),
    }),
  ],
  { error: 'Choose accept, ask for more information or reject' },
);

export type TTriageReferral = z.output<typeof ZTriageReferralSchema>;
