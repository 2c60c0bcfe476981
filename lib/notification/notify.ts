import 'server-only';
import type { Prisma } from '@prisma/client';
import { enqueueNotificationEmails } from '@/lib/jobs/schedule-round-close';

// In-app notifications, written inside the transaction of the change they announce: if the change
// rolls back, so does the notification, and listeners hear of it only after commit (PostgreSQL
// delivers NOTIFY at commit). Live pages LISTEN on this channel.
export const NOTIFICATION_CHANNEL = 'homefirst_notifications';

export type TNotificationKind =
  | 'OFFER_RECEIVED'
  | 'OFFER_WITHDRAWN'
  | 'PACKAGE_PLACED'
  | 'PACKAGE_AWARDED'
  | 'PACKAGE_OPEN_MARKET'
  | 'PACKAGE_UNPLACED'
  | 'PACKAGE_CHANGED'
  | 'PACKAGE_ENDED'
  | 'RETAINER_OVERDUE';

export type TNotification = {
  councilId: string | null;
  recipient: { userId: string } | { providerId: string };
  kind: TNotificationKind;
  /** Before award: no name, date of birth, NHS number or address; the package reference is fine. */
  title: string;
  body: string;
  link?: string | null;
};

export async function notify(tx: Prisma.TransactionClient, notifications: readonly TNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  const rows = await tx.notification.createManyAndReturn({
    data: notifications.map((n) => ({
      councilId: n.councilId,
      userId: 'userId' in n.recipient ? n.recipient.userId : null,
      providerId: 'providerId' in n.recipient ? n.recipient.providerId : null,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
    })),
    select: { id: true, userId: true, providerId: true },
  });
  // One payload per row, small and free of content: listeners fetch what the recipient may see.
  const payloads = rows.map((r) => JSON.stringify(r.userId ? { id: r.id, userId: r.userId } : { id: r.id, providerId: r.providerId }));
  await tx.$queryRaw`SELECT pg_notify(${NOTIFICATION_CHANNEL}, p)::text AS sent FROM unnest(${payloads}::text[]) AS p`;
  await enqueueNotificationEmails(tx, rows.map((r) => r.id));
}
