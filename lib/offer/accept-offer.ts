import 'server-only';
import { Prisma, type PackageStatus, type Pathway, type PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TActor } from '@/lib/auth/permissions';
import { brokersFor } from '@/lib/brokerage/open-round';
import { AppError } from '@/lib/errors/app-error';
import { withdrawOpenOffers } from './withdraw-open-offers';
import { notify, type TNotification } from '@/lib/notification/notify';
import { londonDate } from '@/lib/time/london';

export const ALREADY_PLACED = 'This package has already been placed with another provider.';
export const PACKAGE_CHANGED = 'The council changed this package after it was offered to you, so this offer can no longer be accepted. A new offer will follow if it still fits.';
export const OFFER_CLOSED = 'This offer has closed: its deadline passed or it was withdrawn.';

/** Reablement runs up to six weeks, free to the person (domain.md): the last day, counted in London from the day of award. */
export const REABLEMENT_DAYS = 42;

export function reablementEndsOn(placedAt: Date): string {
  const first = new Date(`${londonDate(placedAt)}T00:00:00Z`);
  return new Date(first.getTime() + (REABLEMENT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

export type TAcceptOfferResult = { placementId: string; packageId: string; reference: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What winning the package row tells the rest of the transaction: the offer's terms and the words notices need. */
type TWon = {
  councilId: string;
  packageId: string;
  reference: string;
  pathway: Pathway;
  createdById: string | null;
  round: number;
  contractId: string | null;
  hourlyRate: Prisma.Decimal;
  localityName: string;
  providerName: string;
};

/**
 * A provider accepts an offer. The first valid acceptance wins: one conditional UPDATE moves the
 * package to PLACED only while it is still being offered, at the version and round this provider's
 * offer was made for. Every other acceptance waits for that row, then matches nothing and gets
 * CONFLICT. The partial unique indexes (one accepted offer, one open placement per package) back
 * this up. The package row is locked before any offer row, the same order closing a round uses, so
 * the two cannot deadlock.
 *
 * Providers race for packages, so this is the busiest write in the product: the offer is read in
 * the same UPDATE that claims the package (which also returns what the notices say), and the
 * offer, placement and service lines are written in one statement, each a round trip saved while
 * the package row is held.
 */
export async function acceptOffer(prisma: PrismaClient, actor: TActor, input: { offerId: string }, now: Date = new Date()): Promise<TAcceptOfferResult> {
  const providerId = actor.providerId;
  if (!providerId) throw new AppError('FORBIDDEN');
  if (!UUID.test(input.offerId)) throw new AppError('NOT_FOUND', 'That offer could not be found.');
  const offerId = input.offerId;

  try {
    return await prisma.$transaction(
      async (tx) => {
        const [won] = await tx.$queryRaw<TWon[]>`
          UPDATE "Package" p SET "status" = 'PLACED', "version" = p."version" + 1, "placedAt" = ${now}, "roundDeadline" = NULL, "updatedAt" = ${now},
            "reablementEndsOn" = CASE WHEN p."pathway" = 'REABLEMENT' THEN ${reablementEndsOn(now)}::date END
          FROM "Offer" o
          WHERE o."id" = ${offerId}::uuid AND o."providerId" = ${providerId}::uuid AND p."councilId" = o."councilId" AND p."id" = o."packageId"
            AND p."status" IN ('OFFERING', 'OPEN_MARKET') AND p."version" = o."packageVersion" AND p."offerRound" = o."round"
            -- A provider the council has suspended cannot win, even with an offer made just before.
            AND EXISTS (SELECT 1 FROM "CouncilProvider" cp WHERE cp."councilId" = o."councilId" AND cp."providerId" = o."providerId" AND cp."status" = 'ACTIVE')
          RETURNING p."councilId", p."id" AS "packageId", p."reference", p."pathway"::text AS "pathway", p."createdById", o."round", o."contractId", o."hourlyRate",
            (SELECT l."name" FROM "Locality" l WHERE l."councilId" = p."councilId" AND l."id" = p."localityId") AS "localityName",
            (SELECT v."name" FROM "Provider" v WHERE v."id" = o."providerId") AS "providerName"`;
        if (!won) throw await whyNot(tx, offerId, providerId);
        const { councilId, packageId, reference, contractId } = won;
        if (!contractId) throw new AppError('CONFLICT', 'This offer names no contract, so the council must place it by hand.');

        // The offer is accepted only while it is open and in time. The lines nobody delivers yet
        // now say who does and at what rate; later changes version them. Lines a previous provider
        // delivered (before a hand-back) keep their provider.
        const [placement] = await tx.$queryRaw<{ id: string }[]>`
          WITH accepted AS (
            UPDATE "Offer" SET "status" = 'ACCEPTED', "respondedAt" = ${now}, "respondedById" = ${actor.userId}::uuid
            WHERE "councilId" = ${councilId}::uuid AND "id" = ${offerId}::uuid AND "providerId" = ${providerId}::uuid AND "status" = 'OFFERED' AND "deadline" > ${now}
            RETURNING "id", "hourlyRate"
          ), lines AS (
            UPDATE "ServiceLine" s SET "providerId" = ${providerId}::uuid, "contractId" = ${contractId}::uuid, "hourlyRate" = a."hourlyRate"
            FROM accepted a WHERE s."councilId" = ${councilId}::uuid AND s."packageId" = ${packageId}::uuid AND s."providerId" IS NULL
          )
          INSERT INTO "Placement" ("councilId", "id", "packageId", "providerId", "contractId", "offerId", "startedAt")
          SELECT ${councilId}::uuid, gen_random_uuid(), ${packageId}::uuid, ${providerId}::uuid, ${contractId}::uuid, "id", ${now} FROM accepted
          RETURNING "id"`;
        if (!placement) throw new AppError('CONFLICT', OFFER_CLOSED);

        const withdrawn = await withdrawOpenOffers(tx, {
          councilId,
          packageId,
          now,
          notice: { title: `${reference} has been placed`, body: `Package ${reference} in ${won.localityName} was placed with another provider. Thank you for looking.` },
        });
        await recordAudit(tx, actor, { councilId, action: 'offer.accepted', entityType: 'Offer', entityId: offerId, details: { packageId, round: won.round } });
        await recordAudit(tx, actor, {
          councilId,
          action: 'package.placed',
          entityType: 'Package',
          entityId: packageId,
          details: { placementId: placement.id, providerId, contractId, hourlyRate: Number(won.hourlyRate), withdrawn },
        });
        await notify(tx, [
          {
            councilId,
            recipient: { providerId },
            kind: 'PACKAGE_AWARDED',
            title: `${reference} is yours`,
            body: `You accepted package ${reference} in ${won.localityName}. The person's details are now on the package page.`,
            link: '/provider',
          },
          ...(await brokersFor(tx, won)).map(
            (userId): TNotification => ({
              councilId,
              recipient: { userId },
              kind: 'PACKAGE_PLACED',
              title: `${reference} placed with ${won.providerName}`,
              body: `${won.providerName} accepted package ${reference} in ${won.localityName}.`,
              link: `/packages/${reference}`,
            }),
          ),
        ]);
        return { placementId: placement.id, packageId, reference };
      },
      // A burst of acceptances for one package queues on its row; give them time to get a connection.
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, maxWait: 10_000, timeout: 30_000 },
    );
  } catch (error) {
    // The unique indexes are the last line: if anything slipped past the UPDATE, it is a loss.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', ALREADY_PLACED);
    throw error;
  }
}

/** A unique index refused the write: P2002 from a model query, or a raw query's driver error. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause;
  return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}

/** Why the package could not be claimed with this offer: not the provider's, placed, cancelled, changed or closed. */
async function whyNot(tx: Prisma.TransactionClient, offerId: string, providerId: string): Promise<AppError> {
  const [row] = await tx.$queryRaw<{ packageVersion: number; status: PackageStatus; version: number }[]>`
    SELECT o."packageVersion", p."status"::text AS "status", p."version"
    FROM "Offer" o JOIN "Package" p ON p."councilId" = o."councilId" AND p."id" = o."packageId"
    WHERE o."id" = ${offerId}::uuid AND o."providerId" = ${providerId}::uuid`;
  if (!row) return new AppError('NOT_FOUND', 'That offer could not be found.');
  if (row.status === 'PLACED' || row.status === 'IN_HOSPITAL' || row.status === 'ENDED') return new AppError('CONFLICT', ALREADY_PLACED);
  if (row.status === 'CANCELLED') return new AppError('CONFLICT', 'The council cancelled this package.');
  if (row.version !== row.packageVersion) return new AppError('CONFLICT', PACKAGE_CHANGED);
  return new AppError('CONFLICT', OFFER_CLOSED);
}
