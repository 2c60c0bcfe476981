import { z } from 'zod';

const text = z.string().max(40).optional();

/** Delivered care by API: the same checks, dry run and apply as a file (docs/money.md "Actuals"). */
export const ZActualsBody = z
  .object({
    mode: z.enum(['dry-run', 'apply'], { error: 'Choose dry-run or apply' }).default('dry-run'),
    visits: z
      .array(
        z.object({
          packageReference: z.string().max(40),
          date: z.string().max(20),
          plannedStart: z.string().max(10),
          plannedEnd: text,
          actualStart: text,
          actualEnd: text,
          carers: z.number().int().optional(),
          status: text,
          serviceType: text,
        }),
      )
      .max(100_000)
      .optional(),
    weeks: z
      .array(z.object({ packageReference: z.string().max(40), weekCommencing: z.string().max(20), serviceType: z.string().max(40), carerHours: z.number() }))
      .max(100_000)
      .optional(),
  })
  .refine((b) => (b.visits?.length ?? 0) > 0 !== (b.weeks?.length ?? 0) > 0, { error: 'Send either visits or weeks, not both or neither', path: ['visits'] });
