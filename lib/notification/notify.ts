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
  const column = <T>(pick: (n: TNotification) => T) => notifications.map(pick);
  const userId = (n: TNotification) => ('userId' in n.recipient ? n.recipient.userId : null);
  const providerId = (n: TNotification) => ('providerId' in n.recipient ? n.recipient.providerId : null);
  // One statement writes the rows and queues, per row, a small payload free of content (listeners
  // fetch what the recipient may see): this runs inside busy transactions such as an acceptance,
  // where every round trip is time the package row stays locked.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Notification" ("id", "councilId", "userId", "providerId", "kind", "title", "body", "link", "createdAt")
    SELECT gen_random_uuid(), n."councilId", n."userId", n."providerId", n."kind", n."title", n."body", n."link", ${new Date()}
    FROM unnest(${column((n) => n.councilId)}::uuid[], ${column(userId)}::uuid[], ${column(providerId)}::uuid[], ${column((n) => n.kind)}::text[],
                ${column((n) => n.title)}::text[], ${column((n) => n.body)}::text[], ${column((n) => n.link ?? null)}::text[])
      AS n("councilId", "userId", "providerId", "kind", "title", "body", "link")
    RETURNING "id", pg_notify(${NOTIFICATION_CHANNEL}, CASE WHEN "userId" IS NOT NULL THEN json_build_object('id', "id", 'userId', "userId")
                                                       ELSE json_build_object('id', "id", 'providerId', "providerId") END::text)::text AS "sent"`;
  await enqueueNotificationEmails(tx, rows.map((r) => r.id));
}
