import { z } from 'zod';

// What a commissioner submits to suspend or reinstate a provider on the council's register.

export const ZProviderStatusChangeSchema = z.object({
  providerId: z.uuid({ error: 'Choose a provider' }),
  reason: z
    .string({ error: 'Give the reason' })
    .trim()
    .min(5, 'Give the reason in a few words, such as "CQC rated Inadequate on 20 Nov 2026"')
    .max(500, 'The reason must be 500 characters or fewer'),
});

export type TProviderStatusChange = z.input<typeof ZProviderStatusChangeSchema>;
