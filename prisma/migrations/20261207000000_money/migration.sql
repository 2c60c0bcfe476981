-- Money: delivered care (actuals), reconciliation and payment runs (docs/money.md).
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "CouncilSetting" ADD COLUMN "lateCallMinutes" INTEGER NOT NULL DEFAULT 30,
  ADD COLUMN "laCode" TEXT;

CREATE TYPE "ActualsSource" AS ENUM ('CSV', 'API');
CREATE TYPE "ActualsSubmissionStatus" AS ENUM ('APPLIED', 'REFUSED');
CREATE TYPE "ActualKind" AS ENUM ('VISIT', 'WEEK');
CREATE TYPE "VarianceKind" AS ENUM ('SHORT', 'MISSED', 'LATE', 'OVER_DELIVERY', 'AFTER_LINE_END', 'IN_HOSPITAL');
CREATE TYPE "VarianceStatus" AS ENUM ('OPEN', 'ACCEPTED', 'QUERIED', 'REJECTED');
CREATE TYPE "PaymentBasis" AS ENUM ('ACTUALS', 'COMMISSIONED');
CREATE TYPE "PaymentCycle" AS ENUM ('FOUR_WEEKLY', 'MONTHLY');
CREATE TYPE "PaymentRunStatus" AS ENUM ('DRAFT', 'CHECKED', 'LOCKED');
CREATE TYPE "PaymentLineKind" AS ENUM ('CARE', 'RETAINER', 'ADJUSTMENT');

CREATE TABLE "ActualsSubmission" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "source" "ActualsSource" NOT NULL,
    "fileName" TEXT,
    "contentHash" TEXT NOT NULL,
    "status" "ActualsSubmissionStatus" NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "errors" JSONB NOT NULL,
    "submittedById" UUID,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActualsSubmission_pkey" PRIMARY KEY ("councilId", "id")
);
CREATE INDEX "ActualsSubmission_providerId_submittedAt_idx" ON "ActualsSubmission"("providerId", "submittedAt");
-- The same rows applied twice are one submission: a re-send finds this one and changes nothing.
CREATE UNIQUE INDEX "ActualsSubmission_applied_once" ON "ActualsSubmission"("councilId", "providerId", "contentHash") WHERE "status" = 'APPLIED';

CREATE TABLE "Actual" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "submissionId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "serviceLineId" UUID NOT NULL,
    "kind" "ActualKind" NOT NULL,
    "day" DATE NOT NULL,
    "slot" TEXT NOT NULL,
    "plannedStart" CHAR(5),
    "plannedEnd" CHAR(5),
    "actualStart" CHAR(5),
    "actualEnd" CHAR(5),
    "carers" INTEGER NOT NULL,
    "missed" BOOLEAN NOT NULL DEFAULT false,
    "carerMinutes" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Actual_pkey" PRIMARY KEY ("councilId", "id"),
    CONSTRAINT "Actual_councilId_submissionId_fkey" FOREIGN KEY ("councilId", "submissionId") REFERENCES "ActualsSubmission"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Actual_minutes_not_negative" CHECK ("carerMinutes" >= 0),
    CONSTRAINT "Actual_carers_positive" CHECK ("carers" >= 1)
);
CREATE UNIQUE INDEX "Actual_councilId_providerId_packageId_day_slot_key" ON "Actual"("councilId", "providerId", "packageId", "day", "slot");
CREATE INDEX "Actual_councilId_serviceLineId_day_idx" ON "Actual"("councilId", "serviceLineId", "day");
CREATE INDEX "Actual_councilId_day_idx" ON "Actual"("councilId", "day");

CREATE TABLE "Variance" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "kind" "VarianceKind" NOT NULL,
    "providerId" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "serviceLineId" UUID,
    "actualId" UUID,
    "day" DATE NOT NULL,
    "slot" TEXT NOT NULL,
    "expectedMinutes" INTEGER NOT NULL,
    "actualMinutes" INTEGER NOT NULL,
    "lateMinutes" INTEGER,
    "status" "VarianceStatus" NOT NULL DEFAULT 'OPEN',
    "reason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Variance_pkey" PRIMARY KEY ("councilId", "id"),
    -- A decision other than accepting gives its reason.
    CONSTRAINT "Variance_reason_given" CHECK ("status" IN ('OPEN', 'ACCEPTED') OR length(btrim(coalesce("reason", ''))) > 0)
);
CREATE UNIQUE INDEX "Variance_councilId_kind_packageId_day_slot_key" ON "Variance"("councilId", "kind", "packageId", "day", "slot");
CREATE INDEX "Variance_councilId_status_day_idx" ON "Variance"("councilId", "status", "day");
CREATE INDEX "Variance_providerId_day_idx" ON "Variance"("providerId", "day");
CREATE INDEX "Variance_actual_idx" ON "Variance"("councilId", "actualId") WHERE "actualId" IS NOT NULL;

CREATE TABLE "PaymentBasisSetting" (
    "councilId" UUID NOT NULL,
    "contractType" "ContractType" NOT NULL,
    "basis" "PaymentBasis" NOT NULL,
    CONSTRAINT "PaymentBasisSetting_pkey" PRIMARY KEY ("councilId", "contractType")
);

CREATE TABLE "PaymentRun" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "cycle" "PaymentCycle" NOT NULL,
    "status" "PaymentRunStatus" NOT NULL DEFAULT 'DRAFT',
    "total" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "computedAt" TIMESTAMP(3),
    "checkedById" UUID,
    "checkedAt" TIMESTAMP(3),
    "lockedById" UUID,
    "lockedAt" TIMESTAMP(3),
    CONSTRAINT "PaymentRun_pkey" PRIMARY KEY ("councilId", "id"),
    CONSTRAINT "PaymentRun_period_forward" CHECK ("periodEnd" > "periodStart"),
    -- No two runs of a council cover the same day.
    CONSTRAINT "PaymentRun_no_overlap" EXCLUDE USING gist ("councilId" WITH =, daterange("periodStart", "periodEnd") WITH &&)
);
CREATE INDEX "PaymentRun_councilId_periodStart_idx" ON "PaymentRun"("councilId", "periodStart");

CREATE TABLE "PaymentLine" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "kind" "PaymentLineKind" NOT NULL,
    "providerId" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "serviceLineId" UUID NOT NULL,
    "contractType" "ContractType",
    "serviceType" "ServiceType" NOT NULL,
    "basis" "PaymentBasis" NOT NULL,
    "funder" "Funding" NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "hours" DECIMAL(12,4) NOT NULL,
    "hourlyRate" DECIMAL(8,2) NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    CONSTRAINT "PaymentLine_pkey" PRIMARY KEY ("councilId", "id"),
    CONSTRAINT "PaymentLine_councilId_runId_fkey" FOREIGN KEY ("councilId", "runId") REFERENCES "PaymentRun"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PaymentLine_days_forward" CHECK ("toDate" > "fromDate"),
    -- A line is never paid twice: its care and retainer rows for a funder never share a day.
    CONSTRAINT "PaymentLine_paid_once" EXCLUDE USING gist ("councilId" WITH =, "serviceLineId" WITH =, "funder" WITH =, "kind" WITH =, daterange("fromDate", "toDate") WITH &&)
      WHERE ("kind" <> 'ADJUSTMENT')
);
CREATE INDEX "PaymentLine_councilId_runId_providerId_idx" ON "PaymentLine"("councilId", "runId", "providerId");
CREATE INDEX "PaymentLine_councilId_serviceLineId_idx" ON "PaymentLine"("councilId", "serviceLineId");

-- A locked run never changes: neither the run nor its lines, nor can lines be added to it.
CREATE FUNCTION "payment_run_locked_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'PaymentRun' THEN
    IF OLD."status" = 'LOCKED' THEN
      RAISE EXCEPTION 'payment run % is locked and cannot change', OLD."id" USING ERRCODE = 'P0001', CONSTRAINT = 'PaymentRun_locked';
    END IF;
  ELSIF EXISTS (
    SELECT 1 FROM "PaymentRun" r
    WHERE r."councilId" = coalesce(NEW."councilId", OLD."councilId") AND r."id" = coalesce(NEW."runId", OLD."runId") AND r."status" = 'LOCKED'
  ) THEN
    RAISE EXCEPTION 'payment run % is locked and cannot change', coalesce(NEW."runId", OLD."runId") USING ERRCODE = 'P0001', CONSTRAINT = 'PaymentRun_locked';
  END IF;
  RETURN coalesce(NEW, OLD);
END $$;

CREATE TRIGGER "PaymentRun_locked" BEFORE UPDATE OR DELETE ON "PaymentRun" FOR EACH ROW EXECUTE FUNCTION "payment_run_locked_guard"();
CREATE TRIGGER "PaymentLine_locked" BEFORE INSERT OR UPDATE OR DELETE ON "PaymentLine" FOR EACH ROW EXECUTE FUNCTION "payment_run_locked_guard"();
