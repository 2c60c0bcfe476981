'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { updateCouncilSettings, ZCouncilSettingsSchema } from '@/lib/brokerage/update-council-settings';

export const updateCouncilSettingsAction = defineAction({
  permission: 'council-settings:manage',
  schema: ZCouncilSettingsSchema,
  handler: async (input, { actor, db }) => {
    await updateCouncilSettings(db, actor, input);
    revalidatePath('/admin/settings');
  },
});
