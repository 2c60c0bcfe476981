'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { declareCapacity, ZDeclareCapacitySchema } from '@/lib/capacity/provider-capacity';
import { prisma } from '@/lib/db';

export const declareCapacityAction = defineAction({
  permission: 'capacity:declare',
  schema: ZDeclareCapacitySchema,
  handler: async (input, { actor, ip }) => {
    await declareCapacity(prisma, actor, input, ip);
    revalidatePath('/provider/capacity');
  },
});
