-- AlterTable
ALTER TABLE "ServiceLine" ADD COLUMN     "contractType" "ContractType",
ADD COLUMN     "providerCqcRating" "CqcRating";


-- Kept by the database like the other package facts: with the contract's type and the provider's
-- rating on the line, distinct packages by type or rating are counted from an index in package
-- order (below), without sorting or hashing every line in force.

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
  NEW."contractType" := (SELECT c."type" FROM "Contract" c WHERE c."councilId" = NEW."councilId" AND c."id" = NEW."contractId");
  NEW."providerCqcRating" := (SELECT pr."cqcRating" FROM "Provider" pr WHERE pr."id" = NEW."providerId");
  RETURN NEW;
END
$$;

CREATE FUNCTION "contract_type_to_service_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ServiceLine" l SET "contractType" = NEW."type" WHERE l."councilId" = NEW."councilId" AND l."contractId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Contract_type_to_service_lines" AFTER UPDATE OF "type" ON "Contract"
  FOR EACH ROW WHEN (OLD."type" IS DISTINCT FROM NEW."type") EXECUTE FUNCTION "contract_type_to_service_lines"();

CREATE FUNCTION "provider_rating_to_service_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ServiceLine" l SET "providerCqcRating" = NEW."cqcRating" WHERE l."providerId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Provider_rating_to_service_lines" AFTER UPDATE OF "cqcRating" ON "Provider"
  FOR EACH ROW WHEN (OLD."cqcRating" IS DISTINCT FROM NEW."cqcRating") EXECUTE FUNCTION "provider_rating_to_service_lines"();

-- The rows already there (the line trigger fills the values in).
UPDATE "ServiceLine" l SET "contractType" = NULL WHERE l."contractId" IS NOT NULL;

-- Placed lines with no end, in package order: the lines in force on a day are these (started by
-- then) plus the few with an end date after it, so each package's lines come together.
CREATE INDEX "ServiceLine_open_by_package_idx" ON "ServiceLine" ("councilId", "packageId", "contractType", "providerCqcRating")
  INCLUDE ("startDate", "packageLocalityId")
  WHERE "contractId" IS NOT NULL AND "endDate" IS NULL;
