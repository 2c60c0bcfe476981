-- Council set-up: postcode districts and STEP areas.
CREATE TABLE "PostcodeDistrict" (
    "councilId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "localityId" UUID NOT NULL,

    CONSTRAINT "PostcodeDistrict_pkey" PRIMARY KEY ("councilId","code")
);
CREATE INDEX "PostcodeDistrict_councilId_localityId_idx" ON "PostcodeDistrict"("councilId", "localityId");
ALTER TABLE "PostcodeDistrict" ADD CONSTRAINT "PostcodeDistrict_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PostcodeDistrict" ADD CONSTRAINT "PostcodeDistrict_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "StepArea" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "StepArea_pkey" PRIMARY KEY ("councilId","id")
);
CREATE UNIQUE INDEX "StepArea_councilId_code_key" ON "StepArea"("councilId", "code");
ALTER TABLE "StepArea" ADD CONSTRAINT "StepArea_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "StepAreaLocality" (
    "councilId" UUID NOT NULL,
    "stepAreaId" UUID NOT NULL,
    "localityId" UUID NOT NULL,

    CONSTRAINT "StepAreaLocality_pkey" PRIMARY KEY ("councilId","stepAreaId","localityId")
);
ALTER TABLE "StepAreaLocality" ADD CONSTRAINT "StepAreaLocality_councilId_stepAreaId_fkey" FOREIGN KEY ("councilId", "stepAreaId") REFERENCES "StepArea"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StepAreaLocality" ADD CONSTRAINT "StepAreaLocality_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Provider register: review flag, status history, rating history.
ALTER TABLE "CouncilProvider" ADD COLUMN "reviewFlaggedAt" TIMESTAMP(3), ADD COLUMN "reviewReason" TEXT;

CREATE TABLE "ProviderStatusChange" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "status" "ProviderStatus" NOT NULL,
    "reason" TEXT,
    "changedById" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderStatusChange_pkey" PRIMARY KEY ("councilId","id")
);
CREATE INDEX "ProviderStatusChange_councilId_providerId_at_idx" ON "ProviderStatusChange"("councilId", "providerId", "at");
ALTER TABLE "ProviderStatusChange" ADD CONSTRAINT "ProviderStatusChange_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ProviderRating" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "rating" "CqcRating" NOT NULL,
    "ratedOn" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderRating_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ProviderRating_providerId_ratedOn_rating_key" ON "ProviderRating"("providerId", "ratedOn", "rating");
ALTER TABLE "ProviderRating" ADD CONSTRAINT "ProviderRating_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Contract register: ISF person, end reason, dated rates, shared-locality targets.
ALTER TABLE "Contract" ADD COLUMN "personId" UUID, ADD COLUMN "endReason" TEXT, ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_councilId_personId_fkey" FOREIGN KEY ("councilId", "personId") REFERENCES "Person"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_person_check" CHECK ("personId" IS NULL OR "type" = 'ISF');

ALTER TABLE "ContractLocality" ADD COLUMN "targetShare" DECIMAL(5,2);
ALTER TABLE "ContractLocality" ADD CONSTRAINT "ContractLocality_target_share_check" CHECK ("targetShare" IS NULL OR ("targetShare" > 0 AND "targetShare" <= 100));

CREATE TABLE "ContractRate" (
    "councilId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "validFrom" DATE NOT NULL,
    "hourlyRate" DECIMAL(8,2) NOT NULL,
    "reason" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractRate_pkey" PRIMARY KEY ("councilId","contractId","validFrom"),
    CONSTRAINT "ContractRate_rate_check" CHECK ("hourlyRate" > 0)
);
ALTER TABLE "ContractRate" ADD CONSTRAINT "ContractRate_councilId_contractId_fkey" FOREIGN KEY ("councilId", "contractId") REFERENCES "Contract"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
