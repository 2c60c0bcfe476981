-- Re-tender: a contract's packages moved as one planned batch to the provider taking the locality.
-- A re-tender batch names the outgoing contract, the incoming one and the move date; a provider
-- failure's batch names none of them.
ALTER TYPE "ReplacementBatchStatus" ADD VALUE 'MOVED';

ALTER TABLE "ReplacementBatch" ADD COLUMN "contractId" UUID, ADD COLUMN "incomingContractId" UUID, ADD COLUMN "moveOn" DATE;
ALTER TABLE "ReplacementBatch" ADD CONSTRAINT "ReplacementBatch_councilId_contractId_fkey" FOREIGN KEY ("councilId", "contractId") REFERENCES "Contract"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReplacementBatch" ADD CONSTRAINT "ReplacementBatch_councilId_incomingContractId_fkey" FOREIGN KEY ("councilId", "incomingContractId") REFERENCES "Contract"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReplacementBatch" ADD CONSTRAINT "ReplacementBatch_retender_check" CHECK (("contractId" IS NULL) = ("incomingContractId" IS NULL) AND ("contractId" IS NULL) = ("moveOn" IS NULL));
CREATE INDEX "ReplacementBatch_councilId_contractId_idx" ON "ReplacementBatch"("councilId", "contractId");
