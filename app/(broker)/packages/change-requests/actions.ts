'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { approvePackage, ZApprovePackageSchema } from '@/lib/approval/approve-package';
import { ZDecideChangeRequestSchema } from '@/lib/change-request/change-request-schema';
import { decideChangeRequest } from '@/lib/change-request/decide-change-request';

export const decideChangeRequestAction = defineAction({
  permission: 'change-request:decide',
  schema: ZDecideChangeRequestSchema,
  handler: async (input, { actor, db }) => {
    const result = await decideChangeRequest(db, actor, input);
    revalidatePath('/packages/change-requests');
    return result;
  },
});

export const approvePackageAction = defineAction({
  permission: 'change-request:decide',
  schema: ZApprovePackageSchema,
  handler: async (input, { actor, db }) => {
    const result = await approvePackage(db, actor, input);
    revalidatePath('/packages');
    return result;
  },
});
