import { z } from 'zod';

// What a council's administrator submits to set up its geography: the forms, the server actions
// and the operations check the same schemas.

const id = z.uuid();
const optionalId = z.preprocess((v) => (v === '' ? undefined : v), id.optional());
/** Checkbox lists: one value, several, or none at all. */
const ids = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(id).max(200, 'Choose at most 200'));
const code = (example: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/, `Enter a code of up to 16 letters, digits or hyphens, like ${example}`);
const name = (what: string) => z.string().trim().min(1, `Enter the ${what}’s name`).max(120, 'Names must be 120 characters or fewer');

export const ZSaveWardSchema = z.object({
  wardId: optionalId,
  name: name('ward'),
  population: z.coerce
    .number({ error: 'Enter the population as a whole number' })
    .int('Enter the population as a whole number')
    .min(0, 'Population cannot be negative')
    .max(2_000_000, 'Enter a population of at most 2,000,000'),
});
export type TSaveWard = z.input<typeof ZSaveWardSchema>;

/** "BD1", "BD20", "LS29": the outward half of a UK postcode. */
export const POSTCODE_DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;

export const ZSaveLocalitySchema = z.object({
  localityId: optionalId,
  code: code('SHE'),
  name: name('locality'),
  rural: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === 'rural', z.boolean()),
  wardIds: ids,
  neighbourIds: ids,
  // The form's text ("BD1, BD2") or a list.
  districts: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[\s,]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : (v ?? []),
    z
      .array(z.string().trim().toUpperCase().regex(POSTCODE_DISTRICT, 'Postcode districts are like BD1 or BD20, separated by commas'))
      .max(100, 'List at most 100 postcode districts'),
  ),
});
export type TSaveLocality = z.input<typeof ZSaveLocalitySchema>;

export const ZDeleteLocalitySchema = z.object({ localityId: id });
export const ZDeleteWardSchema = z.object({ wardId: id });
export const ZDeleteStepAreaSchema = z.object({ stepAreaId: id });
export const ZDeleteHospitalSchema = z.object({ hospitalId: id });

export const ZSaveStepAreaSchema = z.object({
  stepAreaId: optionalId,
  code: code('STEP-N'),
  name: name('STEP area'),
  localityIds: ids.pipe(z.array(id).min(1, 'Choose the localities the STEP area covers')),
});
export type TSaveStepArea = z.input<typeof ZSaveStepAreaSchema>;

export const ZSaveHospitalSchema = z.object({
  hospitalId: optionalId,
  code: code('BRI'),
  name: name('hospital'),
});
export type TSaveHospital = z.input<typeof ZSaveHospitalSchema>;

/** The placement engine tells hospitals apart by two labels, so a council has at most two. */
export const MAX_HOSPITALS = 2;
