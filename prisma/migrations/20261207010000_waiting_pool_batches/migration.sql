-- A re-placement batch has a kind: a provider failure's, a re-tender's, or the waiting pool's
-- (the packages waiting in a locality and/or pathway, planned together). The waiting pool's batch
-- has no provider, and keeps its filters; each item keeps the package version it was planned for.
CREATE TYPE "ReplacementBatchKind" AS ENUM ('PROVIDER_FAILURE', 'RETENDER', 'WAITING_POOL');

ALTER TABLE "ReplacementBatch"
  ADD COLUMN "kind" "ReplacementBatchKind" NOT NULL DEFAULT 'PROVIDER_FAILURE',
  ADD COLUMN "localityId" UUID,
  ADD COLUMN "pathway" "Pathway",
  ALTER COLUMN "providerId" DROP NOT NULL;

UPDATE "ReplacementBatch" SET "kind" = 'RETENDER' WHERE "contractId" IS NOT NULL;

-- Only the waiting pool's batch is without a provider, and only it has filters.
ALTER TABLE "ReplacementBatch"
  ADD CONSTRAINT "ReplacementBatch_kind_check" CHECK (
    CASE "kind"
      WHEN 'WAITING_POOL' THEN "providerId" IS NULL AND "contractId" IS NULL
      WHEN 'RETENDER' THEN "providerId" IS NOT NULL AND "contractId" IS NOT NULL AND "localityId" IS NULL AND "pathway" IS NULL
      ELSE "providerId" IS NOT NULL AND "contractId" IS NULL AND "localityId" IS NULL AND "pathway" IS NULL
    END
  );

ALTER TABLE "ReplacementBatch"
  ADD CONSTRAINT "ReplacementBatch_locality_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE INDEX "ReplacementBatch_councilId_kind_createdAt_idx" ON "ReplacementBatch"("councilId", "kind", "createdAt");

ALTER TABLE "ReplacementItem" ADD COLUMN "packageVersion" INTEGER;
