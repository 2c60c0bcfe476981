-- AlterTable
ALTER TABLE "Package" ADD COLUMN     "firstVisitStart" CHAR(5);

-- AlterTable
ALTER TABLE "ServiceLine" ADD COLUMN     "packageClosedAt" TIMESTAMP(3),
ADD COLUMN     "packageLocalityId" UUID,
ADD COLUMN     "packageStatus" "PackageStatus";


-- The columns above are copies the database keeps, so the dashboards read lines in force (and
-- packages placed in a window) from one index without joining packages or visits. Triggers keep
-- them equal to their source in the same statement, so they are right at every moment, including
-- straight after a write; the application never sets them.

-- A line always carries its package's locality, status and end, whatever it is written with.
CREATE FUNCTION "service_line_package_facts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p."localityId", p."status", CASE p."status" WHEN 'ENDED' THEN p."endedAt" WHEN 'CANCELLED' THEN p."cancelledAt" END
    INTO NEW."packageLocalityId", NEW."packageStatus", NEW."packageClosedAt"
    FROM "Package" p
    WHERE p."councilId" = NEW."councilId" AND p."id" = NEW."packageId";
  RETURN NEW;
END
$$;

CREATE TRIGGER "ServiceLine_package_facts" BEFORE INSERT OR UPDATE ON "ServiceLine"
  FOR EACH ROW EXECUTE FUNCTION "service_line_package_facts"();

-- When a package's locality, status or end changes, its lines take the new values (the trigger
-- above fills them in from the package as it now is).
CREATE FUNCTION "package_facts_to_service_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ServiceLine" l SET "packageStatus" = NEW."status"
    WHERE l."councilId" = NEW."councilId" AND l."packageId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Package_facts_to_service_lines" AFTER UPDATE OF "localityId", "status", "endedAt", "cancelledAt" ON "Package"
  FOR EACH ROW
  WHEN (OLD."localityId" IS DISTINCT FROM NEW."localityId" OR OLD."status" IS DISTINCT FROM NEW."status"
        OR OLD."endedAt" IS DISTINCT FROM NEW."endedAt" OR OLD."cancelledAt" IS DISTINCT FROM NEW."cancelledAt")
  EXECUTE FUNCTION "package_facts_to_service_lines"();

-- A package's earliest visit start follows its visits.
CREATE FUNCTION "visit_first_start_to_package"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "Package" p SET "firstVisitStart" = (SELECT min(v."start") FROM "Visit" v WHERE v."councilId" = OLD."councilId" AND v."packageId" = OLD."packageId")
      WHERE p."councilId" = OLD."councilId" AND p."id" = OLD."packageId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "Package" p SET "firstVisitStart" = (SELECT min(v."start") FROM "Visit" v WHERE v."councilId" = NEW."councilId" AND v."packageId" = NEW."packageId")
      WHERE p."councilId" = NEW."councilId" AND p."id" = NEW."packageId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Visit_first_start_to_package" AFTER INSERT OR UPDATE OF "councilId", "packageId", "start" OR DELETE ON "Visit"
  FOR EACH ROW EXECUTE FUNCTION "visit_first_start_to_package"();

-- And a package written with a value of its own (say, copied from another package) gets the
-- value its visits give.
CREATE FUNCTION "package_first_visit_start"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."firstVisitStart" := (SELECT min(v."start") FROM "Visit" v WHERE v."councilId" = NEW."councilId" AND v."packageId" = NEW."id");
  RETURN NEW;
END
$$;

CREATE TRIGGER "Package_first_visit_start" BEFORE INSERT OR UPDATE OF "firstVisitStart" ON "Package"
  FOR EACH ROW EXECUTE FUNCTION "package_first_visit_start"();

-- The rows already there.
UPDATE "ServiceLine" l SET "packageStatus" = p."status"
  FROM "Package" p WHERE p."councilId" = l."councilId" AND p."id" = l."packageId";
UPDATE "Package" p SET "firstVisitStart" = v.first_start
  FROM (SELECT "councilId", "packageId", min("start") AS first_start FROM "Visit" GROUP BY 1, 2) v
  WHERE p."councilId" = v."councilId" AND p."id" = v."packageId";

-- Lines in force on a day with everything the dashboards group them by, from the index alone.
DROP INDEX "ServiceLine_in_force_idx";
CREATE INDEX "ServiceLine_in_force_idx" ON "ServiceLine" ("councilId", (coalesce("endDate", 'infinity'::date)))
  INCLUDE ("startDate", "endDate", "packageId", "providerId", "contractId", "hoursPerWeek", "hourlyRate", "packageLocalityId", "packageStatus", "packageClosedAt")
  WHERE "contractId" IS NOT NULL;

-- Pick-up times: packages posted and placed in a window, with what they are grouped by, from the
-- index alone. It replaces the plain index on placedAt (a partial index with INCLUDE columns,
-- which the Prisma schema cannot state).
DROP INDEX "Package_placed_idx";
CREATE INDEX "Package_picked_up_idx" ON "Package" ("councilId", "placedAt") INCLUDE ("postedAt", "pathway", "localityId", "firstVisitStart")
  WHERE "placedAt" IS NOT NULL AND "postedAt" IS NOT NULL;
