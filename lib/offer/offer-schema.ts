import { z } from 'zod';
import { DECLINE_REASONS } from '@/lib/domain/enums';

// What a provider submits to decline an offer: the form, the server action and /api/v1 check the same schema.

export const ZDeclineOfferSchema = z
  .object({
    offerId: z.uuid({ error: 'Choose an offer' }),
    reason: z.enum(DECLINE_REASONS, { error: 'Choose why you are declining' }),
    text: z.string().trim().max(1000, { error: 'The reason must be 1,000 characters or fewer' }).optional(),
  })
  .refine((d) => d.reason !== 'OTHER' || (d.text !== undefined && d.text.length > 0), { error: 'Say why you are declining', path: ['text'] });

export type TDeclineOffer = z.input<typeof ZDeclineOfferSchema>;
