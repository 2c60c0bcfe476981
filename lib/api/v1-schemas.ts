import { z } from 'zod';
import { ZDeclareCapacitySchema } from '@/lib/provider/provider-capacity';
import { ZDeclineOfferSchema } from '@/lib/offer/offer-schema';
import { ZPackageDraftSchema } from '@/lib/package/package-schema';

// The request shapes of /api/v1: the same zod schemas the UI uses, so the API and the forms can
// never disagree, and the OpenAPI document is generated from them.

export const ZPageQuerySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZPackagesQuerySchema = ZPageQuerySchema.extend({
  status: z.enum(['DRAFT', 'OFFERING', 'OPEN_MARKET', 'PLACED', 'IN_HOSPITAL', 'ENDED', 'CANCELLED']).optional(),
});

export const ZCreatePackageBodySchema = z.object({ draft: ZPackageDraftSchema, post: z.boolean().default(false) });

// The offer comes from the path; declineOffer checks the reason and text again with its own schema.
export const ZDeclineBodySchema = z.object({ reason: ZDeclineOfferSchema.shape.reason, text: ZDeclineOfferSchema.shape.text });

export const ZCapacityBodySchema = ZDeclareCapacitySchema;
