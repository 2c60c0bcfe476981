'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { ZBudgetSchema } from '@/lib/budget/budget-schema';
import { setBudget } from '@/lib/budget/set-budget';

export const setBudgetAction = defineAction({
  permission: 'budget:manage',
  schema: ZBudgetSchema,
  handler: async (input, { actor, db }) => {
    const budget = await setBudget(db, actor, input);
    revalidatePath('/admin/budget');
    revalidatePath('/dashboards');
    return budget;
  },
});
