-- Approval of new packages above a yearly cost, set by the council's admins.
ALTER TABLE "CouncilSetting" ADD COLUMN "newPackageApproval" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "newPackageApprovalThreshold" DECIMAL(12,2);

-- Providers' change requests.
CREATE TYPE "ChangeRequestStatus" AS ENUM ('PENDING', 'REFERRED', 'APPROVED', 'APPROVED_IN_PART', 'REFUSED', 'NEEDS_ASSESSMENT');

CREATE TABLE "ChangeRequest" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "requestedById" UUID,
    "requestedByTokenId" UUID,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "startDate" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "visits" JSONB NOT NULL,
    "serviceLines" JSONB NOT NULL,
    "previousVisits" JSONB NOT NULL,
    "previousLines" JSONB NOT NULL,
    "weeklyCostChange" DECIMAL(10,2) NOT NULL,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'PENDING',
    "referredAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedById" UUID,
    "decisionNote" TEXT,
    "approvedVisits" JSONB,
    "approvedLines" JSONB,
    "endDate" DATE,
    "stepDownNoticeAt" TIMESTAMP(3),
    "steppedDownAt" TIMESTAMP(3),

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("councilId", "id"),
    -- No backdating: care asked for starts on or after the day (London) it was asked.
    CONSTRAINT "ChangeRequest_not_backdated" CHECK ("startDate" >= ("requestedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date),
    CONSTRAINT "ChangeRequest_ends_after_start" CHECK ("endDate" IS NULL OR "endDate" > "startDate")
);

CREATE INDEX "ChangeRequest_councilId_status_requestedAt_idx" ON "ChangeRequest"("councilId", "status", "requestedAt");
CREATE INDEX "ChangeRequest_councilId_packageId_idx" ON "ChangeRequest"("councilId", "packageId");
CREATE INDEX "ChangeRequest_providerId_requestedAt_idx" ON "ChangeRequest"("providerId", "requestedAt");

ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Who may approve how much.
CREATE TABLE "ApprovalLimit" (
    "councilId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "yearlyLimit" DECIMAL(12,2) NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalLimit_pkey" PRIMARY KEY ("councilId", "userId"),
    CONSTRAINT "ApprovalLimit_not_negative" CHECK ("yearlyLimit" >= 0)
);

-- A package's approval history.
CREATE TABLE "ApprovalDecision" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "changeRequestId" UUID,
    "decision" TEXT NOT NULL,
    "yearlyCost" DECIMAL(12,2) NOT NULL,
    "approverLimit" DECIMAL(12,2),
    "decidedById" UUID,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalDecision_pkey" PRIMARY KEY ("councilId", "id")
);

CREATE INDEX "ApprovalDecision_councilId_packageId_at_idx" ON "ApprovalDecision"("councilId", "packageId", "at");
