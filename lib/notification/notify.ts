import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { Pool } from 'pg';
import { poolOf } from '@/lib/database/client';
import { emailedAtOnce, enqueueNotificationEmails } from './queue-email';

// In-app notifications, written inside the transaction of the change they announce (if the change
// rolls back, so does the notification) and announced on this channel once it has committed. Live
// pages LISTEN on it; the bell reads the table, so a lost announcement costs a live update only.
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
  | 'RETAINER_OVERDUE'
  | 'PROVIDER_REVIEW'
  | 'CHANGE_REQUESTED'
  | 'CHANGE_DECIDED'
  | 'APPROVAL_NEEDED'
  | 'STEP_DOWN';

export type TNotification = {
  councilId: string | null;
  recipient: { userId: string } | { providerId: string };
  kind: TNotificationKind;
  /** Before award: no name, date of birth, NHS number or address; the package reference is fine. */
  title: string;
  body: string;
  link?: string | null;
  /** The offer it is about: its email is skipped once that offer has closed. */
  offerId?: string | null;
};

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

declare const OPENED_BY_WITH_NOTICES: unique symbol;

/** A transaction opened by withNotices, the only kind notify writes in. */
export type TNoticeTx = Prisma.TransactionClient & { readonly [OPENED_BY_WITH_NOTICES]: true };

type TTransactionOptions = { isolationLevel?: Prisma.TransactionIsolationLevel; maxWait?: number; timeout?: number };

/** The live-channel payloads of the notices written so far in each open withNotices transaction. */
const unannounced = new WeakMap<Prisma.TransactionClient, string[]>();

/**
 * Runs a write in a transaction in which it may notify, and once the transaction has committed,
 * announces the notices it wrote (see announce). If it rolls back, nothing is announced. Given a
 * transaction withNotices opened already, the write joins it (an approval applying a change).
 */
export async function withNotices<T>(prisma: PrismaClient | TNoticeTx, write: (tx: TNoticeTx) => Promise<T>, options?: TTransactionOptions): Promise<T> {
  if (unannounced.has(prisma)) return write(prisma as TNoticeTx);
  // The app's client is a proxy (lib/db.ts), so ask for the method, not whether the key is in it.
  const client = prisma as PrismaClient;
  if (typeof client.$transaction !== 'function') throw new Error('withNotices joins only a transaction it opened itself.');
  const payloads: string[] = [];
  const result = await client.$transaction((tx) => {
    unannounced.set(tx, payloads);
    return write(tx as TNoticeTx);
  }, options);
  await announce(poolOf(client), payloads);
  return result;
}

/**
 * Writes notifications in the caller's transaction and queues their emails (queue-email.ts);
 * withNotices announces them when it commits.
 */
export async function notify(tx: TNoticeTx, notifications: readonly TNotification[]): Promise<void> {
  const payloads = unannounced.get(tx);
  if (!payloads) throw new Error('notify writes only in a transaction opened by withNotices, which announces the notices once it commits.');
  if (notifications.length === 0) return;
  const column = <T>(pick: (n: TNotification) => T) => notifications.map(pick);
  const userId = (n: TNotification) => ('userId' in n.recipient ? n.recipient.userId : null);
  const providerId = (n: TNotification) => ('providerId' in n.recipient ? n.recipient.providerId : null);
  // One statement writes the rows and returns, per row, its payload on the live channel (free of
  // content: listeners fetch what the recipient may see) and whether anyone is emailed at once.
  const rows = await tx.$queryRaw<{ id: string; announcement: string; emailed: boolean }[]>`
    INSERT INTO "Notification" ("id", "councilId", "userId", "providerId", "kind", "title", "body", "link", "offerId", "createdAt")
    SELECT gen_random_uuid(), n."councilId", n."userId", n."providerId", n."kind", n."title", n."body", n."link", n."offerId", ${new Date()}
    FROM unnest(${column((n) => n.councilId)}::uuid[], ${column(userId)}::uuid[], ${column(providerId)}::uuid[], ${column((n) => n.kind)}::text[],
                ${column((n) => n.title)}::text[], ${column((n) => n.body)}::text[], ${column((n) => n.link ?? null)}::text[],
                ${column((n) => n.offerId ?? null)}::uuid[])
      AS n("councilId", "userId", "providerId", "kind", "title", "body", "link", "offerId")
    RETURNING "id", ${ANNOUNCEMENT} AS "announcement", ${EMAILED} AS "emailed"`;
  payloads.push(...rows.map((r) => r.announcement));
  await enqueueNotificationEmails(
    tx,
    rows.filter((r) => r.emailed).map((r) => r.id),
  );
}
