'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { listNotifications } from '@/lib/notification/list-notifications';
import { markNotificationsRead } from '@/lib/notification/mark-notifications-read';

export const listNotificationsAction = defineAction({
  permission: 'notification:read',
  schema: z.object({ take: z.number().int().min(1).max(50).default(10) }),
  handler: async ({ take }, { actor, db }) =>
    (await listNotifications(db, actor, { take })).map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
});

export const markNotificationsReadAction = defineAction({
  permission: 'notification:read',
  schema: z.object({ ids: z.union([z.literal('ALL'), z.array(z.uuid()).max(200)]) }),
  handler: ({ ids }, { actor, db }) => markNotificationsRead(db, actor, ids),
});
