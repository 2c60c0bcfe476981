-- Offers are looked up by id alone (a provider's API and inbox name the offer, not its council).
CREATE INDEX "Offer_id_idx" ON "Offer"("id");

-- A provider accepts an offer: the busiest write in the product, done in one call so that the
-- package row is held for as short a time as possible and a losing provider costs one round trip.
-- lib/offer/accept-offer.ts calls it and adds the notices, audit rows and emails in the same
-- statement. Read committed: every statement below sees what committed before it ran, so a loser
-- who waited for the winner's lock is told what the winner did.
--
-- The first valid acceptance wins: one conditional UPDATE moves the package to PLACED only while it
-- is still being offered, at the version and round this offer was made for, the offer is still open
-- and in time, names a contract, and its provider is active with the council. Every other
-- acceptance waits for that row, then matches nothing. The partial unique indexes (one accepted
-- offer, one open placement per package) back this up. The package row is locked before any offer
-- row, the same order closing a round uses, so the two cannot deadlock.
CREATE FUNCTION "accept_offer"(p_offer uuid, p_provider uuid, p_user uuid, p_now timestamp(3), p_reablement_ends date)
RETURNS TABLE (
  "outcome" text, "councilId" uuid, "packageId" uuid, "reference" text, "pathway" text, "createdById" uuid, "round" integer,
  "contractId" uuid, "hourlyRate" numeric, "localityName" text, "providerName" text, "placementId" uuid, "withdrawn" uuid[]
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  w record;
  why record;
BEGIN
  UPDATE "Package" p SET "status" = 'PLACED', "version" = p."version" + 1, "placedAt" = p_now, "roundDeadline" = NULL, "updatedAt" = p_now,
    "reablementEndsOn" = CASE WHEN p."pathway" = 'REABLEMENT' THEN p_reablement_ends END
  FROM "Offer" o
  WHERE o."id" = p_offer AND o."providerId" = p_provider AND p."councilId" = o."councilId" AND p."id" = o."packageId"
    AND p."status" IN ('OFFERING', 'OPEN_MARKET') AND p."version" = o."packageVersion" AND p."offerRound" = o."round"
    AND o."status" = 'OFFERED' AND o."deadline" > p_now AND o."contractId" IS NOT NULL
    -- A provider the council has suspended cannot win, even with an offer made just before.
    AND EXISTS (SELECT 1 FROM "CouncilProvider" cp WHERE cp."councilId" = o."councilId" AND cp."providerId" = o."providerId" AND cp."status" = 'ACTIVE')
  RETURNING p."councilId", p."id" AS "packageId", p."reference", p."pathway"::text AS "pathway", p."createdById", p."localityId",
    o."round", o."contractId", o."hourlyRate"
  INTO w;

  IF NOT FOUND THEN
    SELECT o."packageVersion", o."contractId", o."status"::text AS "offerStatus", p."status"::text AS "status", p."version"
    INTO why
    FROM "Offer" o JOIN "Package" p ON p."councilId" = o."councilId" AND p."id" = o."packageId"
    WHERE o."id" = p_offer AND o."providerId" = p_provider;
    "outcome" := CASE
      WHEN NOT FOUND THEN 'NOT_FOUND'
      WHEN why."status" IN ('PLACED', 'IN_HOSPITAL', 'ENDED') THEN 'PLACED'
      WHEN why."status" = 'CANCELLED' THEN 'CANCELLED'
      WHEN why."version" <> why."packageVersion" THEN 'CHANGED'
      WHEN why."offerStatus" = 'OFFERED' AND why."contractId" IS NULL THEN 'NO_CONTRACT'
      ELSE 'CLOSED'
    END;
    RETURN NEXT;
    RETURN;
  END IF;

  -- The offer was open in this statement's view of it; if it closed since (declined or withdrawn
  -- a moment ago), nothing of this acceptance may stand.
  UPDATE "Offer" SET "status" = 'ACCEPTED', "respondedAt" = p_now, "respondedById" = p_user
  WHERE "councilId" = w."councilId" AND "id" = p_offer AND "status" = 'OFFERED';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'offer % closed while being accepted', p_offer USING ERRCODE = 'HF409';
  END IF;

  -- The lines nobody delivers yet now say who does and at what rate; later changes version them.
  -- Lines a previous provider delivered (before a hand-back) keep their provider.
  UPDATE "ServiceLine" SET "providerId" = p_provider, "contractId" = w."contractId", "hourlyRate" = w."hourlyRate"
  WHERE "councilId" = w."councilId" AND "packageId" = w."packageId" AND "providerId" IS NULL;

  INSERT INTO "Placement" ("councilId", "id", "packageId", "providerId", "contractId", "offerId", "startedAt")
  VALUES (w."councilId", gen_random_uuid(), w."packageId", p_provider, w."contractId", p_offer, p_now)
  RETURNING "id" INTO "placementId";

  WITH closed AS (
    UPDATE "Offer" SET "status" = 'WITHDRAWN', "respondedAt" = p_now
    WHERE "councilId" = w."councilId" AND "packageId" = w."packageId" AND "status" = 'OFFERED'
    RETURNING "providerId"
  )
  SELECT coalesce(array_agg(closed."providerId"), '{}') INTO "withdrawn" FROM closed;

  "outcome" := 'WON';
  "councilId" := w."councilId";
  "packageId" := w."packageId";
  "reference" := w."reference";
  "pathway" := w."pathway";
  "createdById" := w."createdById";
  "round" := w."round";
  "contractId" := w."contractId";
  "hourlyRate" := w."hourlyRate";
  SELECT l."name" INTO "localityName" FROM "Locality" l WHERE l."councilId" = w."councilId" AND l."id" = w."localityId";
  SELECT v."name" INTO "providerName" FROM "Provider" v WHERE v."id" = p_provider;
  RETURN NEXT;
END
$$;
