'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { setApprovalLimit, setApprovalRules, ZApprovalLimitSchema, ZApprovalRulesSchema } from '@/lib/approval/set-approval-rules';

export const setApprovalLimitAction = defineAction({
  permission: 'council-settings:manage',
  schema: ZApprovalLimitSchema,
  handler: async (input, { actor, db }) => {
    await setApprovalLimit(db, actor, input);
    revalidatePath('/admin/approvals');
  },
});

export const setApprovalRulesAction = defineAction({
  permission: 'council-settings:manage',
  schema: ZApprovalRulesSchema,
  handler: async (input, { actor, db }) => {
    await setApprovalRules(db, actor, input);
    revalidatePath('/admin/approvals');
  },
});
