-- Each placement keeps the time its package went to market before it (the latest PackageMarketEntry
-- at or before its start), so pick-up times read placements alone. Null when the placement was not
-- picked up from the market: another placement started since that entry (a contract moved to a new
-- holder), or there was none (a placement brought in by an import). Kept by the database.
ALTER TABLE "Placement" ADD COLUMN "marketEnteredAt" TIMESTAMP(3);

CREATE FUNCTION "placement_market_entry"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT max(me."enteredAt") INTO NEW."marketEnteredAt"
  FROM "PackageMarketEntry" me
  WHERE me."councilId" = NEW."councilId" AND me."packageId" = NEW."packageId" AND me."enteredAt" <= NEW."startedAt";
  IF EXISTS (SELECT 1 FROM "Placement" q
             WHERE q."councilId" = NEW."councilId" AND q."packageId" = NEW."packageId" AND q."id" <> NEW."id"
               AND q."startedAt" >= NEW."marketEnteredAt" AND q."startedAt" < NEW."startedAt") THEN
    NEW."marketEnteredAt" := NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Placement_market_entry" BEFORE INSERT OR UPDATE OF "packageId", "startedAt", "marketEnteredAt" ON "Placement"
  FOR EACH ROW EXECUTE FUNCTION "placement_market_entry"();

-- The placements already there (the trigger above works each out as it is written).
UPDATE "Placement" SET "marketEnteredAt" = NULL;

DROP INDEX "Placement_councilId_startedAt_idx";
CREATE INDEX "Placement_picked_up_idx" ON "Placement" ("councilId", "startedAt") INCLUDE ("packageId", "marketEnteredAt") WHERE "marketEnteredAt" IS NOT NULL;
