-- Referrals from the council's social-care record, and the record's own id for a person.
ALTER TABLE "Person" ADD COLUMN "externalId" TEXT;
CREATE UNIQUE INDEX "Person_councilId_externalId_key" ON "Person"("councilId", "externalId");

CREATE TYPE "ReferralStatus" AS ENUM ('RECEIVED', 'MORE_INFO', 'ACCEPTED', 'REJECTED');
CREATE TYPE "ReferralMatch" AS ENUM ('NHS_NUMBER', 'EXTERNAL_ID', 'NEW_PERSON');

CREATE TABLE "Referral" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "referrerReference" TEXT,
    "format" TEXT NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'RECEIVED',
    "matchedBy" "ReferralMatch" NOT NULL,
    "differences" JSONB NOT NULL,
    "referredPerson" JSONB NOT NULL,
    "pathway" "Pathway" NOT NULL,
    "startDate" DATE NOT NULL,
    "visits" JSONB NOT NULL,
    "notes" TEXT,
    "decisionMessage" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" UUID,
    "packageId" UUID,
    "createdById" UUID,
    "createdByTokenId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("councilId","id")
);

CREATE INDEX "Referral_councilId_status_createdAt_idx" ON "Referral"("councilId", "status", "createdAt");
CREATE INDEX "Referral_id_idx" ON "Referral"("id");

ALTER TABLE "Referral" ADD CONSTRAINT "Referral_councilId_personId_fkey" FOREIGN KEY ("councilId", "personId") REFERENCES "Person"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
