import 'server-only';
import { Prisma } from '@prisma/client';
import type { Pool } from 'pg';
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

/**
 * Whether anyone is emailed a notification as soon as it is written, as sendNotificationEmail
 * decides: the user it names, if enabled and on instant emails; for a provider, its office
 * address or any of its enabled users on instant emails. Only those notifications get an email
 * job; the rest wait for the bell and the daily digest. SQL over the row `table` names (the
 * target of an INSERT … RETURNING).
 */
export function emailedAtOnce(table: string): string {
  const instant = (match: string) => `EXISTS (SELECT 1 FROM "User" u WHERE ${match} AND u."disabledAt" IS NULL AND u."emailFrequency" = 'INSTANT')`;
  return `(${instant(`u."id" = ${table}."userId"`)}
    OR EXISTS (SELECT 1 FROM "Provider" v WHERE v."id" = ${table}."providerId" AND v."email" IS NOT NULL)
    OR ${instant(`u."providerId" = ${table}."providerId"`)})`;
}

const EMAILED = Prisma.raw(emailedAtOnce('"Notification"'));

/**
 * A notification's payload on the live channel, as SQL over the row `table` names: its id and
 * recipient, nothing of its content (listeners fetch what the recipient may see).
 */
export function announcementOf(table: string): string {
  return `(CASE WHEN ${table}."userId" IS NOT NULL THEN json_build_object('id', ${table}."id", 'userId', ${table}."userId")
    ELSE json_build_object('id', ${table}."id", 'providerId', ${table}."providerId") END::text)`;
}

const ANNOUNCEMENT = Prisma.raw(announcementOf('"Notification"'));

const ANNOUNCE = { name: 'announce-notifications', text: `SELECT count(pg_notify('${NOTIFICATION_CHANNEL}', p)) FROM unnest($1::text[]) AS p` };

/**
 * Announces committed notifications on the live channel, in a transaction of its own. A NOTIFY
 * holds PostgreSQL's notify lock from its commit until the commit is flushed; inside a writing
 * transaction that serialises every such commit behind its WAL flush, whereas this one writes
 * nothing and so never waits on the disk. The rows are already saved and the bell reads them, so
 * if this fails the live update is lost, not the notification: it is logged, not thrown.
 */
export async function announce(pool: Pick<Pool, 'query'>, payloads: readonly string[]): Promise<void> {
  if (payloads.length === 0) return;
  try {
    await pool.query(ANNOUNCE, [payloads]);
  } catch (error) {
    console.error('[notify] could not announce %d notification(s) on the live channel:', payloads.length, error);
  }
}

export async function notify(tx: Prisma.TransactionClient, notifications: readonly TNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  const column = <T>(pick: (n: TNotification) => T) => notifications.map(pick);
  const userId = (n: TNotification) => ('userId' in n.recipient ? n.recipient.userId : null);
  const providerId = (n: TNotification) => ('providerId' in n.recipient ? n.recipient.providerId : null);
  // One statement writes the rows and queues, per row, a small payload free of content (listeners
  // fetch what the recipient may see): this runs inside busy transactions such as an acceptance,
  // where every round trip is time the package row stays locked.
  const rows = await tx.$queryRaw<{ id: string; emailed: boolean }[]>`
    INSERT INTO "Notification" ("id", "councilId", "userId", "providerId", "kind", "title", "body", "link", "createdAt")
    SELECT gen_random_uuid(), n."councilId", n."userId", n."providerId", n."kind", n."title", n."body", n."link", ${new Date()}
    FROM unnest(${column((n) => n.councilId)}::uuid[], ${column(userId)}::uuid[], ${column(providerId)}::uuid[], ${column((n) => n.kind)}::text[],
                ${column((n) => n.title)}::text[], ${column((n) => n.body)}::text[], ${column((n) => n.link ?? null)}::text[])
      AS n("councilId", "userId", "providerId", "kind", "title", "body", "link")
    RETURNING "id", pg_notify(${NOTIFICATION_CHANNEL}, ${ANNOUNCEMENT})::text AS "sent", ${EMAILED} AS "emailed"`;
  await enqueueNotificationEmails(
    tx,
    rows.filter((r) => r.emailed).map((r) => r.id),
  );
}
