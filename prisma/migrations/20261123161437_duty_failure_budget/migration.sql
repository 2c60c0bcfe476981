-- CreateEnum
CREATE TYPE "ReablementOutcome" AS ENUM ('INDEPENDENT', 'LONG_TERM_NEEDED', 'OTHER');

-- CreateEnum
CREATE TYPE "PhoneContactOutcome" AS ENUM ('AGREED', 'DECLINED', 'NO_ANSWER', 'CALL_BACK', 'OTHER');

-- CreateEnum
CREATE TYPE "EmailFrequency" AS ENUM ('INSTANT', 'DIGEST');

-- CreateEnum
CREATE TYPE "ReplacementBatchStatus" AS ENUM ('PREVIEWED', 'OFFERED');

-- AlterTable
ALTER TABLE "Package" ADD COLUMN     "handedBackAt" TIMESTAMP(3),
ADD COLUMN     "outcomeRecordedAt" TIMESTAMP(3),
ADD COLUMN     "reablementEndsOn" DATE,
ADD COLUMN     "reablementOutcome" "ReablementOutcome",
ADD COLUMN     "reablementOutcomeNote" TEXT,
ADD COLUMN     "splitFromId" UUID;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailFrequency" "EmailFrequency" NOT NULL DEFAULT 'INSTANT',
ADD COLUMN     "lastDigestAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Budget" (
    "councilId" UUID NOT NULL,
    "financialYear" INTEGER NOT NULL,
    "contractType" "ContractType" NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("councilId","financialYear","contractType")
);

-- CreateTable
CREATE TABLE "PhoneContact" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "providerId" UUID,
    "userId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "PhoneContactOutcome" NOT NULL,
    "notes" TEXT,

    CONSTRAINT "PhoneContact_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "ReplacementBatch" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "status" "ReplacementBatchStatus" NOT NULL DEFAULT 'PREVIEWED',
    "solver" JSONB,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offeredAt" TIMESTAMP(3),

    CONSTRAINT "ReplacementBatch_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "ReplacementItem" (
    "councilId" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "proposedProviderId" UUID,
    "proposedContractId" UUID,
    "reasons" TEXT[],
    "carerHours" DECIMAL(8,2) NOT NULL,

    CONSTRAINT "ReplacementItem_pkey" PRIMARY KEY ("councilId","batchId","packageId")
);

-- CreateIndex
CREATE INDEX "PhoneContact_councilId_packageId_at_idx" ON "PhoneContact"("councilId", "packageId", "at");

-- CreateIndex
CREATE INDEX "ReplacementBatch_councilId_providerId_createdAt_idx" ON "ReplacementBatch"("councilId", "providerId", "createdAt");

-- CreateIndex
CREATE INDEX "ReplacementItem_councilId_packageId_idx" ON "ReplacementItem"("councilId", "packageId");

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Package" ADD CONSTRAINT "Package_councilId_splitFromId_fkey" FOREIGN KEY ("councilId", "splitFromId") REFERENCES "Package"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneContact" ADD CONSTRAINT "PhoneContact_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplacementItem" ADD CONSTRAINT "ReplacementItem_councilId_batchId_fkey" FOREIGN KEY ("councilId", "batchId") REFERENCES "ReplacementBatch"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplacementItem" ADD CONSTRAINT "ReplacementItem_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

