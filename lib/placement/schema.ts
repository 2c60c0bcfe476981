import { z } from 'zod';
import { BANDS } from '../domain/carer-hours';
import { CONTRACT_TYPES } from '../domain/contract';
import { DAYS, FUNDINGS, HOSPITALS, PATHWAYS, PROVIDER_STATUSES, RATING_ORDER } from './constants';

// The scenario shape of docs/placement.md. Shape only: references, unique ids and the
// other cross-field rules are checked in parse-scenario.ts, which can name the offending path.

const ZIdSchema = z.string().min(1, { error: 'expected a non-empty id' });
const ZHospitalSchema = z.enum(HOSPITALS);
const ZDateSchema = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const ZDateTimeSchema = z.iso.datetime({ offset: true, error: 'expected an ISO date-time' });
const ZNonNegativeSchema = z.number({ error: 'expected a number' }).min(0, { error: 'expected a number ≥ 0' });

const minutesError = { error: 'expected whole minutes from 15 to 720 in steps of 5' };

export const ZLocalitySchema = z.object({
  id: ZIdSchema,
  name: z.string(),
  rural: z.boolean(),
  neighbours: z.array(ZIdSchema).default([]),
});

export const ZCapacitySchema = z.object({
  localityId: ZIdSchema,
  band: z.enum(BANDS),
  carerHours: ZNonNegativeSchema,
  /** The days of the week the provider can cover in this locality and band; every day when left out. */
  days: z.array(z.enum(DAYS)).optional(),
});

export const ZProviderSchema = z.object({
  id: ZIdSchema,
  name: z.string(),
  status: z.enum(PROVIDER_STATUSES),
  cqcRating: z.enum(RATING_ORDER),
  doubleHanded: z.boolean(),
  skills: z.array(z.string()).default([]),
  capacity: z.array(ZCapacitySchema).default([]),
});

export const ZContractSchema = z.object({
  id: ZIdSchema,
  providerId: ZIdSchema,
  type: z.enum(CONTRACT_TYPES),
  localityIds: z.array(ZIdSchema),
  hospital: ZHospitalSchema.nullable().default(null),
  hourlyRate: ZNonNegativeSchema,
  validFrom: ZDateSchema,
  validTo: ZDateSchema.nullable().default(null),
});

export const ZVisitSchema = z.object({
  days: z.array(z.enum(DAYS)).min(1, { error: 'expected at least one day' }),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected HH:MM' }),
  minutes: z.number(minutesError).int(minutesError).min(15, minutesError).max(720, minutesError).multipleOf(5, minutesError),
  carers: z.union([z.literal(1), z.literal(2)], { error: 'expected 1 or 2' }),
});

export const ZPackageSchema = z.object({
  id: ZIdSchema,
  localityId: ZIdSchema,
  postedAt: ZDateTimeSchema,
  pathway: z.enum(PATHWAYS),
  funding: z.enum(FUNDINGS),
  hospital: ZHospitalSchema.nullable().default(null),
  preferredProviderId: ZIdSchema.nullable().default(null),
  excludedProviderIds: z.array(ZIdSchema).default([]),
  requiredSkills: z.array(z.string()).default([]),
  visits: z.array(ZVisitSchema).min(1, { error: 'expected at least one visit' }),
});

export const ZScenarioSchema = z.object({
  now: ZDateTimeSchema,
  localities: z.array(ZLocalitySchema),
  providers: z.array(ZProviderSchema),
  contracts: z.array(ZContractSchema),
  packages: z.array(ZPackageSchema),
});

export type TLocality = z.infer<typeof ZLocalitySchema>;
export type TCapacity = z.infer<typeof ZCapacitySchema>;
export type TProvider = z.infer<typeof ZProviderSchema>;
export type TContract = z.infer<typeof ZContractSchema>;
export type TVisit = z.infer<typeof ZVisitSchema>;
export type TPackage = z.infer<typeof ZPackageSchema>;
export type TScenario = z.infer<typeof ZScenarioSchema>;
/** What a caller may pass before defaults are filled in (for example a scenario read from JSON). */
export type TScenarioInput = z.input<typeof ZScenarioSchema>;
