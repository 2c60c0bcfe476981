import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { auditIdentity, requestAddressNow } from '@/lib/audit/record-audit';
import type { TProviderActor } from '@/lib/auth/permissions';
import { poolOf } from '@/lib/database/client';
import { AppError, type AppErrorCode } from '@/lib/errors/app-error';
import { jobTablesExistIn } from '@/lib/jobs/job-tables';
import { announce, announcementOf } from '@/lib/notification/notify';
import { emailedAtOnce, notificationEmailJobsFrom } from '@/lib/notification/queue-email';
import { reablementEndsOn } from '@/lib/domain/reablement';

export const ALREADY_PLACED = 'This package has already been placed with another provider.';
export const PACKAGE_CHANGED =
  'The council changed this package after it was offered to you, so this offer can no longer be accepted. A new offer will follow if it still fits.';
export const OFFER_CLOSED = 'This offer has closed: its deadline passed or it was withdrawn.';

export type TAcceptOfferResult = { placementId: string; packageId: string; reference: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the accept_offer database function found; anything but WON changed nothing. */
type TOutcome = 'WON' | 'NOT_FOUND' | 'PLACED' | 'CANCELLED' | 'CHANGED' | 'NO_CONTRACT' | 'CLOSED';

const REFUSAL: Record<Exclude<TOutcome, 'WON'>, [AppErrorCode, string]> = {
  NOT_FOUND: ['NOT_FOUND', 'That offer could not be found.'],
  PLACED: ['CONFLICT', ALREADY_PLACED],
  CANCELLED: ['CONFLICT', 'The council cancelled this package.'],
  CHANGED: ['CONFLICT', PACKAGE_CHANGED],
  NO_CONTRACT: ['CONFLICT', 'This offer names no contract, so the council must place it by hand.'],
  CLOSED: ['CONFLICT', OFFER_CLOSED],
};

type TClaimRow = { outcome: TOutcome; packageId: string; reference: string; placementId: string; announcements: string[] };

const refused = (outcome: Exclude<TOutcome, 'WON'>) => new AppError(...REFUSAL[outcome]);

// The notices' words (PostgreSQL format(): %1$s is the package reference, %2$s its locality, %3$s
// the winning provider). Nothing here identifies the person.
const WORDS = {
  awardedTitle: '%1$s is yours',
  awardedBody: "You accepted package %1$s in %2$s. The person's details are now on the package page.",
  placedTitle: '%1$s placed with %3$s',
  placedBody: '%3$s accepted package %1$s in %2$s.',
  withdrawnTitle: '%1$s has been placed',
  withdrawnBody: 'Package %1$s in %2$s was placed with another provider. Thank you for looking.',
};

/**
 * The whole acceptance as one statement: the accept_offer function (migration
 * 20261123190500_accept_offer_in_one_call) claims the package, accepts the offer, creates the
 * placement, gives the lines their provider and withdraws the other offers; around it, the same
 * statement tells the winner, the package's brokers (brokersFor in lib/brokerage/open-round.ts:
 * whoever posted it, else the team for its pathway) and every withdrawn provider, each notice
 * queued for email, once the worker has made the job tables, if anyone takes it at once
 * (emailedAtOnce); and writes the two audit rows. All of it commits together or not at all. It
 * returns the notices' live-channel payloads, announced after the commit (see announce).
 */
function acceptStatement(withEmails: boolean): string {
  const words = (n: number, ...args: string[]) => `format($${n}::text, ${args.join(', ')})`;
  const [ref, place, who] = ['w."reference"', 'w."localityName"', 'w."providerName"'];
  return `
    WITH claim AS MATERIALIZED (
      SELECT * FROM accept_offer($1::uuid, $2::uuid, $3::uuid, $4::timestamp(3), $5::date)
    ), won AS (
      SELECT * FROM claim WHERE "outcome" = 'WON'
    ), brokers AS (
      SELECT w."createdById" AS "userId" FROM won w WHERE w."createdById" IS NOT NULL
      UNION ALL
      SELECT u."id" FROM won w JOIN "User" u ON u."councilId" = w."councilId" AND u."disabledAt" IS NULL
        AND u."role" = (CASE WHEN w."pathway" = 'LONG_TERM' THEN 'BROKER' ELSE 'BEST' END)::"Role"
      WHERE w."createdById" IS NULL
    ), notices AS (
      INSERT INTO "Notification" ("id", "councilId", "userId", "providerId", "kind", "title", "body", "link", "createdAt")
      SELECT gen_random_uuid(), w."councilId", NULL::uuid, $2::uuid, 'PACKAGE_AWARDED', ${words(8, ref, place, who)}, ${words(9, ref, place, who)}, '/provider', $6::timestamp(3) FROM won w
      UNION ALL
      SELECT gen_random_uuid(), w."councilId", b."userId", NULL::uuid, 'PACKAGE_PLACED', ${words(10, ref, place, who)}, ${words(11, ref, place, who)}, '/packages/' || w."reference", $6::timestamp(3)
      FROM won w CROSS JOIN brokers b
      UNION ALL
      SELECT gen_random_uuid(), w."councilId", NULL::uuid, x."providerId", 'OFFER_WITHDRAWN', ${words(12, ref, place, who)}, ${words(13, ref, place, who)}, '/provider', $6::timestamp(3)
      FROM won w CROSS JOIN unnest(w."withdrawn") AS x("providerId")
      RETURNING "id", ${announcementOf('"Notification"')} AS "announcement", ${emailedAtOnce('"Notification"')} AS "emailed"
    ), audits AS (
      INSERT INTO "AuditEvent" ("at", "councilId", "actorId", "actorRole", "apiTokenId", "ip", "action", "entityType", "entityId", "details")
      SELECT $6::timestamp(3), w."councilId", $14::uuid, $7::"Role", $15::uuid, $16::text, 'offer.accepted', 'Offer', $1::text,
        jsonb_build_object('packageId', w."packageId", 'round', w."round") FROM won w
      UNION ALL
      SELECT $6::timestamp(3), w."councilId", $14::uuid, $7::"Role", $15::uuid, $16::text, 'package.placed', 'Package', w."packageId"::text,
        jsonb_build_object('placementId', w."placementId", 'providerId', $2::uuid, 'contractId', w."contractId", 'hourlyRate', w."hourlyRate", 'withdrawn', cardinality(w."withdrawn"))
      FROM won w
    )${withEmails ? `, emails AS (${notificationEmailJobsFrom('notices')})` : ''}
    SELECT c."outcome", c."packageId", c."reference", c."placementId",
      ARRAY(SELECT n."announcement" FROM notices n) AS "announcements" FROM claim c`;
}

// Named, so that each connection parses and plans the statement once (PostgreSQL then keeps a
// generic plan) instead of on every acceptance: most of a losing provider's cost otherwise.
const ACCEPT_WITH_EMAILS = { name: 'accept-offer-with-emails', text: acceptStatement(true) };
const ACCEPT_WITHOUT_EMAILS = { name: 'accept-offer', text: acceptStatement(false) };

const HELD_THROUGH = {
  name: 'placement-held-through-offer',
  text: `SELECT p."id" AS "placementId", p."packageId", pk."reference"
    FROM "Offer" o
    JOIN "Placement" p ON p."councilId" = o."councilId" AND p."packageId" = o."packageId" AND p."offerId" = o."id" AND p."endedAt" IS NULL
    JOIN "Package" pk ON pk."councilId" = o."councilId" AND pk."id" = o."packageId"
    WHERE o."id" = $1::uuid AND o."providerId" = $2::uuid AND o."status" = 'ACCEPTED'`,
};

/** The live placement this provider won through this offer, if it did. */
async function heldThrough(pool: ReturnType<typeof poolOf>, offerId: string, providerId: string): Promise<TAcceptOfferResult | null> {
  const { rows } = await pool.query<TAcceptOfferResult>({ ...HELD_THROUGH, values: [offerId, providerId] });
  return rows[0] ?? null;
}

/**
 * A provider accepts an offer. The first valid acceptance wins (see accept_offer); everyone else
 * is told why not, in the same round trip, from what the winner committed. Providers race for
 * packages, so this is the busiest write in the product: one statement on the client's own
 * connections (poolOf), with nothing held between round trips.
 */
export async function acceptOffer(
  prisma: PrismaClient,
  actor: TProviderActor,
  input: { offerId: string },
  now: Date = new Date(),
): Promise<TAcceptOfferResult> {
  // Accepting an offer already won answers with the same placement, and changes nothing.
  const { providerId } = actor;
  if (!UUID.test(input.offerId)) throw refused('NOT_FOUND');
  const pool = poolOf(prisma);
  const withEmails = await jobTablesExistIn(pool);
  const who = auditIdentity(actor);
  const values = [
    input.offerId,
    providerId,
    actor.userId,
    now.toISOString(),
    reablementEndsOn(now),
    new Date().toISOString(),
    who.actorRole,
    WORDS.awardedTitle,
    WORDS.awardedBody,
    WORDS.placedTitle,
    WORDS.placedBody,
    WORDS.withdrawnTitle,
    WORDS.withdrawnBody,
    who.actorId,
    who.apiTokenId,
    requestAddressNow(),
  ];
  let row: TClaimRow | undefined;
  try {
    ({
      rows: [row],
    } = await pool.query<TClaimRow>(withEmails ? ACCEPT_WITH_EMAILS : ACCEPT_WITHOUT_EMAILS, values));
  } catch (error) {
    const code = (error as { code?: string }).code;
    // The unique indexes are the last line: if anything slipped past the claim, it is a loss.
    if (code === '23505') throw refused('PLACED');
    // The offer was declined or withdrawn between the claim's view of it and its lock.
    if (code === 'HF409') throw refused('CLOSED');
    throw error;
  }
  if (!row) throw new Error('accept_offer returned no row.');
  if (row.outcome !== 'WON') {
    // A winner retrying its own acceptance (a timed-out request, a second tap) holds the package.
    if (row.outcome === 'PLACED' || row.outcome === 'CLOSED') {
      const held = await heldThrough(pool, input.offerId, providerId);
      if (held) return held;
    }
    throw refused(row.outcome);
  }
  await announce(pool, row.announcements);
  return { placementId: row.placementId, packageId: row.packageId, reference: row.reference };
}
