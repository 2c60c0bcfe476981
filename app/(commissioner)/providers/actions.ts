'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { importCqcRatings } from '@/lib/cqc/import-cqc-ratings';
import { reinstateProvider } from '@/lib/provider/reinstate-provider';
import { ZProviderReviewSchema, ZProviderStatusChangeSchema } from '@/lib/provider/provider-schema';
import { suspendProvider } from '@/lib/provider/suspend-provider';
import { markProviderReviewed } from '@/lib/provider/update-provider';
import { previewReplacement, ZPreviewReplacementSchema } from '@/lib/replacement/preview-replacement';
import { sendReplacementOffers, ZSendReplacementOffersSchema } from '@/lib/replacement/send-replacement-offers';

export const suspendProviderAction = defineAction({
  permission: 'provider:suspend',
  schema: ZProviderStatusChangeSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await suspendProvider(db, actor, input, new Date(), ip);
    revalidatePath(`/providers/${input.providerId}`);
    return result;
  },
});

export const reinstateProviderAction = defineAction({
  permission: 'provider:suspend',
  schema: ZProviderStatusChangeSchema,
  handler: async (input, { actor, db, ip }) => {
    await reinstateProvider(db, actor, input, new Date(), ip);
    revalidatePath(`/providers/${input.providerId}`);
  },
});

export const previewReplacementAction = defineAction({
  permission: 'provider:suspend',
  schema: ZPreviewReplacementSchema,
  handler: async (input, { actor, db, ip }) => {
    const { batchId } = await previewReplacement(db, actor, input, new Date(), { ip });
    return { batchId };
  },
});

export const sendReplacementOffersAction = defineAction({
  permission: 'provider:suspend',
  schema: ZSendReplacementOffersSchema,
  handler: async (input, { actor, db, ip }) => {
    const { items } = await sendReplacementOffers(db, actor, input, new Date(), ip);
    revalidatePath('/providers');
    return {
      offered: items.filter((i) => i.outcome === 'OFFERED').length,
      rebrokered: items.filter((i) => i.outcome === 'ROUND').length,
      skipped: items.filter((i) => i.outcome === 'SKIPPED').length,
    };
  },
});

export const markProviderReviewedAction = defineAction({
  permission: 'provider:review',
  schema: ZProviderReviewSchema,
  handler: async (input, { actor, db, ip }) => {
    await markProviderReviewed(db, actor, input, ip);
    revalidatePath(`/providers/${input.providerId}`);
  },
});

export const importCqcRatingsAction = defineAction({
  permission: 'provider:review',
  schema: z.object({
    file: z.instanceof(File, { error: 'Choose CQC’s ratings file' }),
    apply: z.preprocess((v) => v === true || v === 'true', z.boolean()),
  }),
  handler: async (input, { actor, db, ip }) => {
    const summary = await importCqcRatings(db, actor, input, ip);
    if (summary.applied) revalidatePath('/providers');
    return summary;
  },
});
