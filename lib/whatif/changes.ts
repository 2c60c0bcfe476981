import { z } from 'zod';
import { BANDS } from '@/lib/domain/carer-hours';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { PATHWAYS } from '@/lib/placement/constants';

// What a what-if scenario may change about today's live market (docs/what-if.md). Each change is
// checked for shape here; that the ids it names exist in the council's market is checked when it
// is applied (apply-changes.ts), each problem naming its change.

const ZUuidSchema = z.uuid({ error: 'Choose one from the list.' });
const percent = (min: number, max: number, what: string) =>
  z
    .number({ error: `Enter ${what} as a number, for example 20.` })
    .min(min, { error: `Enter ${what} of at least ${min}%.` })
    .max(max, { error: `Enter ${what} of at most ${max}%.` });

export const ZDemandGrowthSchema = z.object({
  kind: z.literal('DEMAND_GROWTH'),
  pathway: z.enum(PATHWAYS, { error: 'Choose a pathway.' }),
  /** Localities to grow; empty for every locality. */
  localityIds: z.array(ZUuidSchema).max(200).default([]),
  percent: percent(1, 500, 'the growth'),
});

export const ZProviderFailsSchema = z.object({ kind: z.literal('PROVIDER_FAILS'), providerId: ZUuidSchema });

export const ZContractEndsSchema = z.object({ kind: z.literal('CONTRACT_ENDS'), contractId: ZUuidSchema });

export const ZLocalityReletSchema = z.object({
  kind: z.literal('LOCALITY_RELET'),
  localityId: ZUuidSchema,
  /** The new holders and their target shares in percent (one holder at 100, or a shared locality such as 70 and 30). */
  holders: z
    .array(z.object({ providerId: ZUuidSchema, share: percent(1, 100, 'the share') }))
    .min(1, { error: 'Choose at least one new holder.' })
    .max(3, { error: 'A locality can be shared by at most three holders.' })
    .refine((hs) => Math.abs(hs.reduce((s, h) => s + h.share, 0) - 100) < 1e-9, { error: 'The holders’ shares must add up to 100%.' })
    .refine((hs) => new Set(hs.map((h) => h.providerId)).size === hs.length, { error: 'Name each holder once.' }),
  hourlyRate: z
    .number({ error: 'Enter the new contract’s hourly rate, for example 23.50.' })
    .min(1, { error: 'Enter an hourly rate of at least £1.' })
    .max(200, {
      error: 'Enter an hourly rate of at most £200.',
    }),
});

export const ZCapacityChangeSchema = z.object({
  kind: z.literal('CAPACITY'),
  /** Empty for every locality. */
  localityIds: z.array(ZUuidSchema).max(200).default([]),
  /** Empty for every band. */
  bands: z.array(z.enum(BANDS)).default([]),
  /** Only this provider's capacity, or everyone's when null. */
  providerId: ZUuidSchema.nullable().default(null),
  percent: percent(-100, 500, 'the change'),
});

export const ZRateUpliftSchema = z.object({
  kind: z.literal('RATE_UPLIFT'),
  /** Only contracts of this type, or every contract when null. */
  contractType: z.enum(CONTRACT_TYPES).nullable().default(null),
  percent: percent(-50, 100, 'the uplift'),
});

export const ZChangeSchema = z.discriminatedUnion('kind', [
  ZDemandGrowthSchema,
  ZProviderFailsSchema,
  ZContractEndsSchema,
  ZLocalityReletSchema,
  ZCapacityChangeSchema,
  ZRateUpliftSchema,
]);

export const ZChangesSchema = z.array(ZChangeSchema).max(30, { error: 'A scenario can make at most 30 changes.' });

export type TChange = z.infer<typeof ZChangeSchema>;
export type TChangeInput = z.input<typeof ZChangeSchema>;
export type TChangeKind = TChange['kind'];

export const CHANGE_KINDS = [
  'DEMAND_GROWTH',
  'PROVIDER_FAILS',
  'CONTRACT_ENDS',
  'LOCALITY_RELET',
  'CAPACITY',
  'RATE_UPLIFT',
] as const satisfies readonly TChangeKind[];

export const CHANGE_KIND_LABEL: Record<TChangeKind, string> = {
  DEMAND_GROWTH: 'Demand grows',
  PROVIDER_FAILS: 'A provider fails',
  CONTRACT_ENDS: 'A contract ends',
  LOCALITY_RELET: 'A locality is re-let',
  CAPACITY: 'Capacity is added or removed',
  RATE_UPLIFT: 'Rates rise',
};

export const ZScenarioNameSchema = z
  .string({ error: 'Enter a name for the scenario.' })
  .trim()
  .min(1, { error: 'Enter a name for the scenario.' })
  .max(120, { error: 'Keep the name to 120 characters.' });

export const ZSaveWhatIfSchema = z.object({
  /** Absent to make a new scenario. */
  id: z.uuid().optional(),
  name: ZScenarioNameSchema,
  description: z.string().trim().max(2000, { error: 'Keep the description to 2,000 characters.' }).default(''),
  changes: ZChangesSchema.min(1, { error: 'Add at least one change.' }),
});

export const ZWhatIfIdSchema = z.object({ id: z.uuid({ error: 'There is no such scenario.' }) });
