-- AlterTable
ALTER TABLE "ServiceLine" ADD COLUMN     "providerPlacementsEndedAt" TIMESTAMP(3);


-- Kept by the database like the package facts (dashboard_facts migration): the dashboards find
-- lines whose provider's placements all ended before a day ("past their end") without reading
-- placements.

CREATE OR REPLACE FUNCTION "service_line_package_facts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p."localityId", p."status", CASE p."status" WHEN 'ENDED' THEN p."endedAt" WHEN 'CANCELLED' THEN p."cancelledAt" END
    INTO NEW."packageLocalityId", NEW."packageStatus", NEW."packageClosedAt"
    FROM "Package" p
    WHERE p."councilId" = NEW."councilId" AND p."id" = NEW."packageId";
  NEW."providerPlacementsEndedAt" := (
    SELECT CASE WHEN bool_and(pl."endedAt" IS NOT NULL) THEN max(pl."endedAt") END
    FROM "Placement" pl
    WHERE pl."councilId" = NEW."councilId" AND pl."packageId" = NEW."packageId" AND pl."providerId" = NEW."providerId");
  RETURN NEW;
END
$$;

-- A placement made, ended, moved or removed: the lines of its provider on its package take the
-- new value (the line trigger works it out).
CREATE FUNCTION "placement_facts_to_service_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "ServiceLine" l SET "providerPlacementsEndedAt" = NULL
      WHERE l."councilId" = OLD."councilId" AND l."packageId" = OLD."packageId" AND l."providerId" = OLD."providerId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "ServiceLine" l SET "providerPlacementsEndedAt" = NULL
      WHERE l."councilId" = NEW."councilId" AND l."packageId" = NEW."packageId" AND l."providerId" = NEW."providerId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Placement_facts_to_service_lines" AFTER INSERT OR UPDATE OF "councilId", "packageId", "providerId", "endedAt" OR DELETE ON "Placement"
  FOR EACH ROW EXECUTE FUNCTION "placement_facts_to_service_lines"();

-- The rows already there (the line trigger fills the value in).
UPDATE "ServiceLine" l SET "providerPlacementsEndedAt" = NULL
  WHERE EXISTS (SELECT 1 FROM "Placement" pl WHERE pl."councilId" = l."councilId" AND pl."packageId" = l."packageId" AND pl."providerId" = l."providerId");

DROP INDEX "ServiceLine_in_force_idx";
CREATE INDEX "ServiceLine_in_force_idx" ON "ServiceLine" ("councilId", (coalesce("endDate", 'infinity'::date)))
  INCLUDE ("startDate", "endDate", "packageId", "providerId", "contractId", "hoursPerWeek", "hourlyRate", "packageLocalityId", "packageStatus", "packageClosedAt", "providerPlacementsEndedAt")
  WHERE "contractId" IS NOT NULL;
