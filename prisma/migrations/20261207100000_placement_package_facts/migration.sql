-- Pick-up times group placements by their package's pathway, locality and earliest visit start.
-- Read through the package, a window of placements (thousands) joined a council's packages (hundreds
-- of thousands) by scanning them all. Each placement now carries copies of the three, kept by the
-- database as a service line carries its package's locality (dashboard_facts migration), so pick-up
-- times read one index of placements and nothing else. The application never sets them.

ALTER TABLE "Placement" ADD COLUMN "packagePathway" "Pathway",
ADD COLUMN "packageLocalityId" UUID,
ADD COLUMN "packageFirstVisitStart" CHAR(5);

-- A placement always carries its package's facts, whatever it is written with.
CREATE FUNCTION "placement_package_facts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p."pathway", p."localityId", p."firstVisitStart"
    INTO NEW."packagePathway", NEW."packageLocalityId", NEW."packageFirstVisitStart"
    FROM "Package" p
    WHERE p."councilId" = NEW."councilId" AND p."id" = NEW."packageId";
  RETURN NEW;
END
$$;

CREATE TRIGGER "Placement_package_facts" BEFORE INSERT OR UPDATE ON "Placement"
  FOR EACH ROW EXECUTE FUNCTION "placement_package_facts"();

-- When a package's pathway, locality or earliest visit start changes, its placements take them
-- (the trigger above reads them from the package as it now is).
CREATE FUNCTION "package_facts_to_placements"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Placement" pl SET "packagePathway" = NEW."pathway"
    WHERE pl."councilId" = NEW."councilId" AND pl."packageId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Package_facts_to_placements" AFTER UPDATE OF "pathway", "localityId", "firstVisitStart" ON "Package"
  FOR EACH ROW
  WHEN (OLD."pathway" IS DISTINCT FROM NEW."pathway" OR OLD."localityId" IS DISTINCT FROM NEW."localityId"
        OR OLD."firstVisitStart" IS DISTINCT FROM NEW."firstVisitStart")
  EXECUTE FUNCTION "package_facts_to_placements"();

-- The placements already there.
UPDATE "Placement" pl SET "packagePathway" = p."pathway", "packageLocalityId" = p."localityId", "packageFirstVisitStart" = p."firstVisitStart"
  FROM "Package" p WHERE p."councilId" = pl."councilId" AND p."id" = pl."packageId";

-- Placements picked up from the market, by start, with all pick-up times reads.
DROP INDEX "Placement_picked_up_idx";
CREATE INDEX "Placement_picked_up_idx" ON "Placement" ("councilId", "startedAt")
  INCLUDE ("marketEnteredAt", "packagePathway", "packageLocalityId", "packageFirstVisitStart") WHERE "marketEnteredAt" IS NOT NULL;
