'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { ZBudgetSchema } from '@/lib/budget/budget-schema';
import { setBudget } from '@/lib/budget/set-budget';
import { prisma } from '@/lib/db';

export const setBudgetAction = defineAction({
  permission: 'budget:manage',
  schema: ZBudgetSchema,
  handler: async (input, { actor }) => {
    const budget = await setBudget(prisma, actor, input);
    revalidatePath('/admin/budget');
    revalidatePath('/dashboards');
    return budget;
  },
});
