'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { inviteUser } from '@/lib/user/invite-user';
import { changeUser } from '@/lib/user/manage-user';
import { ZChangeUserSchema, ZInviteUserSchema } from '@/lib/user/user-schema';

export const changeUserAction = defineAction({
  permission: 'user:manage',
  schema: ZChangeUserSchema,
  handler: async ({ userId, ...change }, { actor, db, ip }) => {
    await changeUser(db, actor, userId, change, ip);
    revalidatePath('/admin/users');
  },
});

export const inviteUserAction = defineAction({
  permission: 'user:manage',
  schema: ZInviteUserSchema,
  handler: async (input, { actor, db, ip }) => {
    await inviteUser(db, actor, { kind: 'council', ...input }, ip);
    revalidatePath('/admin/users');
  },
});
