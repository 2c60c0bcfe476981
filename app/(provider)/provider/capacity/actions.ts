'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { declareCapacity, ZDeclareCapacitySchema } from '@/lib/provider/provider-capacity';

export const declareCapacityAction = defineAction({
  permission: 'capacity:declare',
  schema: ZDeclareCapacitySchema,
  handler: async (input, { actor, db, ip }) => {
    await declareCapacity(db, actor, input, ip);
    revalidatePath('/provider/capacity');
  },
});
