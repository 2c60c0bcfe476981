'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { inviteUser } from '@/lib/user/invite-user';
import { changeUser } from '@/lib/user/manage-user';
import { ZChangeUserSchema, ZInviteProviderUserSchema } from '@/lib/user/user-schema';

export const inviteProviderUserAction = defineAction({
  permission: 'provider-user:manage',
  schema: ZInviteProviderUserSchema,
  handler: async (input, { actor, db, ip }) => {
    await inviteUser(db, actor, { kind: 'provider', ...input }, ip);
    revalidatePath('/provider/users');
  },
});

export const changeProviderUserAction = defineAction({
  permission: 'provider-user:manage',
  schema: ZChangeUserSchema,
  handler: async ({ userId, ...change }, { actor, db, ip }) => {
    await changeUser(db, actor, userId, change, ip);
    revalidatePath('/provider/users');
  },
});
