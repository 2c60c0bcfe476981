import { z } from 'zod';
import { REABLEMENT_OUTCOMES } from '@/lib/domain/enums';

// What recording a reablement outcome takes. Apart from the operation, so the duty board's form
// checks the same rules in the browser before asking for confirmation.

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const ZReablementOutcomeSchema = z
  .object({
    packageId: z.uuid({ error: 'Choose a package' }),
    outcome: z.enum(REABLEMENT_OUTCOMES, { error: 'Choose how reablement ended' }),
    note: z.preprocess(blankToUndefined, z.string().trim().max(2000, { error: 'The note must be 2,000 characters or fewer' }).optional()),
    /** The last day of reablement; the end of the six weeks when left out. */
    endDate: z.preprocess(blankToUndefined, z.iso.date({ error: 'Enter the last day of reablement, like 2026-12-31' }).optional()),
  })
  .refine((d) => d.outcome !== 'OTHER' || (d.note !== undefined && d.note.length > 0), { error: 'Say how reablement ended', path: ['note'] });

export type TReablementOutcome = z.input<typeof ZReablementOutcomeSchema>;
