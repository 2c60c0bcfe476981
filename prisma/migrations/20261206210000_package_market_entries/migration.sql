-- Each time a package goes to market: posted from a draft, or out again after its placement ended
-- (its provider was suspended, or handed it back after a hospital stay). Pick-up times run from
-- the latest entry before each placement, and waiting ages from the latest entry, so a package
-- re-placed a minute after it went back out shows a minute, not the time since it was first posted.

-- CreateEnum
CREATE TYPE "MarketEntryReason" AS ENUM ('POSTED', 'PLACEMENT_ENDED');

-- CreateTable
CREATE TABLE "PackageMarketEntry" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL,
    "reason" "MarketEntryReason" NOT NULL,

    CONSTRAINT "PackageMarketEntry_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateIndex
CREATE INDEX "PackageMarketEntry_councilId_packageId_enteredAt_idx" ON "PackageMarketEntry"("councilId", "packageId", "enteredAt");

-- AddForeignKey
ALTER TABLE "PackageMarketEntry" ADD CONSTRAINT "PackageMarketEntry_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Package" ADD COLUMN "marketEnteredAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Package_councilId_marketEnteredAt_idx" ON "Package"("councilId", "marketEnteredAt");

-- Pick-up times read the placements started in a window.
CREATE INDEX "Placement_councilId_startedAt_idx" ON "Placement"("councilId", "startedAt") INCLUDE ("packageId");

-- The history so far: each posting, and each time a package went back out after its provider was
-- suspended (the placement ended at that moment) or handed it back (its audit event says when;
-- the placement itself ends on the day the person came home).
INSERT INTO "PackageMarketEntry" ("councilId", "id", "packageId", "enteredAt", "reason")
SELECT p."councilId", md5(p."id"::text || '@' || coalesce(p."postedAt", p."createdAt")::text)::uuid, p."id", coalesce(p."postedAt", p."createdAt"), 'POSTED'
FROM "Package" p
WHERE p."postedAt" IS NOT NULL OR p."status" IN ('OFFERING', 'OPEN_MARKET');

INSERT INTO "PackageMarketEntry" ("councilId", "id", "packageId", "enteredAt", "reason")
SELECT pl."councilId", md5(pl."id"::text || '@ended')::uuid, pl."packageId",
       CASE pl."endReason"
         WHEN 'HANDED_BACK' THEN coalesce((
           SELECT min(a."at") FROM "AuditEvent" a
           WHERE a."councilId" = pl."councilId" AND a."entityType" = 'Package' AND a."entityId" = pl."packageId"::text
             AND a."action" = 'package.handed-back' AND a."at" >= pl."endedAt"), pl."endedAt")
         ELSE pl."endedAt"
       END,
       'PLACEMENT_ENDED'
FROM "Placement" pl
WHERE pl."endReason" IN ('PROVIDER_SUSPENDED', 'HANDED_BACK') AND pl."endedAt" IS NOT NULL;

UPDATE "Package" p SET "marketEnteredAt" = e.latest
FROM (SELECT "councilId", "packageId", max("enteredAt") AS latest FROM "PackageMarketEntry" GROUP BY 1, 2) e
WHERE p."councilId" = e."councilId" AND p."id" = e."packageId";

-- From now on the database records every entry, whatever writes the package (posting, splitting
-- off reablement, re-placing a suspended provider's packages, a hand-back, an import, a seed):
--   * posted: postedAt is set (or the package is written already waiting) — entered at postedAt;
--   * back out: a placed or in-hospital package returns to OFFERING or OPEN_MARKET — entered at
--     the change's updatedAt, which every writer of that change sets to its own "now".
-- Package.marketEnteredAt is the latest entry, kept here; the application never sets it.
CREATE FUNCTION "package_market_entry_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW."marketEnteredAt" := coalesce(NEW."postedAt", CASE WHEN NEW."status" IN ('OFFERING', 'OPEN_MARKET') THEN NEW."createdAt" END);
  ELSIF NEW."postedAt" IS NOT NULL AND OLD."postedAt" IS NULL THEN
    NEW."marketEnteredAt" := NEW."postedAt";
  ELSIF NEW."status" IN ('OFFERING', 'OPEN_MARKET') AND OLD."status" IN ('PLACED', 'IN_HOSPITAL') THEN
    NEW."marketEnteredAt" := NEW."updatedAt";
  ELSE
    NEW."marketEnteredAt" := OLD."marketEnteredAt";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Package_market_entry_at" BEFORE INSERT OR UPDATE OF "status", "postedAt", "marketEnteredAt" ON "Package"
  FOR EACH ROW EXECUTE FUNCTION "package_market_entry_at"();

CREATE FUNCTION "package_market_entry_history"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."marketEnteredAt" IS NOT NULL AND (TG_OP = 'INSERT' OR NEW."marketEnteredAt" IS DISTINCT FROM OLD."marketEnteredAt") THEN
    INSERT INTO "PackageMarketEntry" ("councilId", "id", "packageId", "enteredAt", "reason")
    -- The id follows from the package and the moment, so the same writes always give the same rows.
    VALUES (NEW."councilId", md5(NEW."id"::text || '@' || NEW."marketEnteredAt"::text)::uuid, NEW."id", NEW."marketEnteredAt",
            CASE WHEN TG_OP = 'INSERT' OR NEW."postedAt" IS DISTINCT FROM OLD."postedAt" THEN 'POSTED' ELSE 'PLACEMENT_ENDED' END::"MarketEntryReason");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Package_market_entry_history" AFTER INSERT OR UPDATE OF "status", "postedAt", "marketEnteredAt" ON "Package"
  FOR EACH ROW EXECUTE FUNCTION "package_market_entry_history"();
