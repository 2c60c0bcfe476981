'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { ZChangeRequestSchema } from '@/lib/change-request/change-request-schema';
import { requestChange } from '@/lib/change-request/request-change';

export const requestChangeAction = defineAction({
  permission: 'change-request:make',
  schema: ZChangeRequestSchema,
  handler: async (input, { actor, db }) => {
    const result = await requestChange(db, actor, input);
    revalidatePath('/provider/placements');
    return result;
  },
});
