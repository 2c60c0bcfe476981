'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { createCouncil, ZCreateCouncilSchema } from '@/lib/council/create-council';

export const createCouncilAction = defineAction({
  permission: 'council:manage',
  schema: ZCreateCouncilSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await createCouncil(db, actor, input, ip);
    revalidatePath('/platform/councils');
    return result;
  },
});
