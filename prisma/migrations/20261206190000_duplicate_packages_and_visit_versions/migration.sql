-- A second live package for a person, with a line of the same service type over the same days,
-- is posted only with a reason (a reablement split gives its own).
ALTER TABLE "Package" ADD COLUMN "duplicateReason" TEXT;

-- The lines of other live packages (posted and not ended or cancelled) of a person that overlap
-- the given lines: the same service type and some day in common, ranges [start, end) with a null
-- end open. Used by the posting check below and by the app to name the package in its message.
CREATE FUNCTION "live_package_overlaps"(p_council uuid, p_person uuid, p_exclude uuid, p_types "ServiceType"[], p_starts date[], p_ends date[])
RETURNS TABLE ("packageId" uuid, "reference" text, "type" "ServiceType", "startDate" date, "endDate" date)
LANGUAGE sql STABLE AS $$
  SELECT p."id", p."reference", l."type", l."startDate", l."endDate"
  FROM unnest(p_types, p_starts, p_ends) AS n("type", s, e)
  JOIN "ServiceLine" l ON l."councilId" = p_council AND l."type" = n."type"
  JOIN "Package" p ON p."councilId" = l."councilId" AND p."id" = l."packageId"
  WHERE p."personId" = p_person AND p."id" IS DISTINCT FROM p_exclude
    AND p."status" IN ('OFFERING', 'OPEN_MARKET', 'PLACED', 'IN_HOSPITAL')
    AND n.s < coalesce(n.e, 'infinity'::date) AND l."startDate" < coalesce(l."endDate", 'infinity'::date)
    AND n.s < coalesce(l."endDate", 'infinity'::date) AND l."startDate" < coalesce(n.e, 'infinity'::date)
  ORDER BY p."reference", l."type", l."startDate"
$$;

-- Posting (a package leaving DRAFT for a live status) holds the person's row, so two posts for
-- one person run one after the other, and refuses an overlap without a reason. Packages written
-- live (the seed, an import of care arranged before) are records, not posts, and are not checked.
CREATE FUNCTION "package_refuse_duplicate"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  clash record;
BEGIN
  PERFORM 1 FROM "Person" WHERE "councilId" = NEW."councilId" AND "id" = NEW."personId" FOR UPDATE;
  IF nullif(btrim(coalesce(NEW."duplicateReason", '')), '') IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT o.* INTO clash FROM "live_package_overlaps"(
      NEW."councilId", NEW."personId", NEW."id",
      ARRAY(SELECT l."type" FROM "ServiceLine" l WHERE l."councilId" = NEW."councilId" AND l."packageId" = NEW."id" ORDER BY l."id"),
      ARRAY(SELECT l."startDate" FROM "ServiceLine" l WHERE l."councilId" = NEW."councilId" AND l."packageId" = NEW."id" ORDER BY l."id"),
      ARRAY(SELECT l."endDate" FROM "ServiceLine" l WHERE l."councilId" = NEW."councilId" AND l."packageId" = NEW."id" ORDER BY l."id")
    ) o LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'duplicate package: % already has % for this person', clash."reference", clash."type"
      USING ERRCODE = '23P01', CONSTRAINT = 'Package_no_duplicate_live_lines';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Package_refuse_duplicate" BEFORE UPDATE OF "status" ON "Package"
  FOR EACH ROW
  WHEN (OLD."status" = 'DRAFT' AND NEW."status" IN ('OFFERING', 'OPEN_MARKET', 'PLACED', 'IN_HOSPITAL'))
  EXECUTE FUNCTION "package_refuse_duplicate"();

-- Visits are versioned like service lines: a change ends a visit on the day it takes effect and
-- adds the new version from that day (supersedesId); nothing is deleted once posted. A version is
-- in force on day d when (startDate is null or startDate <= d) and (endDate is null or d < endDate);
-- a null start is a visit the package has had from the beginning.
ALTER TABLE "Visit" ADD COLUMN "startDate" DATE,
  ADD COLUMN "endDate" DATE,
  ADD COLUMN "supersedesId" UUID,
  ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

CREATE FUNCTION "visit_in_force"("startDate" date, "endDate" date, d date) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT ("startDate" IS NULL OR "startDate" <= d) AND ("endDate" IS NULL OR d < "endDate")
$$;

CREATE INDEX "Visit_councilId_supersedesId_idx" ON "Visit" ("councilId", "supersedesId");

-- A package's earliest visit start follows the visits in force (on the London day of the write).
CREATE OR REPLACE FUNCTION "visit_first_start_to_package"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "Package" p SET "firstVisitStart" = (SELECT min(v."start") FROM "Visit" v WHERE v."councilId" = OLD."councilId" AND v."packageId" = OLD."packageId"
        AND "visit_in_force"(v."startDate", v."endDate", (now() AT TIME ZONE 'Europe/London')::date))
      WHERE p."councilId" = OLD."councilId" AND p."id" = OLD."packageId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "Package" p SET "firstVisitStart" = (SELECT min(v."start") FROM "Visit" v WHERE v."councilId" = NEW."councilId" AND v."packageId" = NEW."packageId"
        AND "visit_in_force"(v."startDate", v."endDate", (now() AT TIME ZONE 'Europe/London')::date))
      WHERE p."councilId" = NEW."councilId" AND p."id" = NEW."packageId";
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER "Visit_first_start_to_package" ON "Visit";
CREATE TRIGGER "Visit_first_start_to_package" AFTER INSERT OR UPDATE OF "councilId", "packageId", "start", "startDate", "endDate" OR DELETE ON "Visit"
  FOR EACH ROW EXECUTE FUNCTION "visit_first_start_to_package"();

CREATE OR REPLACE FUNCTION "package_first_visit_start"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."firstVisitStart" := (SELECT min(v."start") FROM "Visit" v WHERE v."councilId" = NEW."councilId" AND v."packageId" = NEW."id"
    AND "visit_in_force"(v."startDate", v."endDate", (now() AT TIME ZONE 'Europe/London')::date));
  RETURN NEW;
END
$$;
