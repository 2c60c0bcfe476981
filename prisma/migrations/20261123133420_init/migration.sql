-- CreateEnum
CREATE TYPE "Role" AS ENUM ('BROKER', 'BEST', 'PROVIDER', 'COMMISSIONER', 'ADMIN', 'PLATFORM_ADMIN');

-- CreateEnum
CREATE TYPE "CqcRating" AS ENUM ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_RATED');

-- CreateEnum
CREATE TYPE "ProviderStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "ContractType" AS ENUM ('LOCALITY', 'STEP', 'DISCHARGE', 'ISF', 'ICB', 'SPOT');

-- CreateEnum
CREATE TYPE "Band" AS ENUM ('MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT');

-- CreateEnum
CREATE TYPE "Weekday" AS ENUM ('MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN');

-- CreateEnum
CREATE TYPE "Pathway" AS ENUM ('LONG_TERM', 'REABLEMENT', 'HOSPITAL_DISCHARGE');

-- CreateEnum
CREATE TYPE "Funding" AS ENUM ('COUNCIL', 'ICB');

-- CreateEnum
CREATE TYPE "ClientGroup" AS ENUM ('OLDER_PEOPLE', 'PHYSICAL_DISABILITY', 'SENSORY_IMPAIRMENT', 'MENTAL_HEALTH', 'LEARNING_DISABILITY');

-- CreateEnum
CREATE TYPE "PackageStatus" AS ENUM ('DRAFT', 'OFFERING', 'OPEN_MARKET', 'PLACED', 'IN_HOSPITAL', 'ENDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ServiceType" AS ENUM ('PERSONAL_CARE', 'DOMESTIC', 'SHOPPING', 'SOCIAL_INCLUSION', 'SITTING', 'NIGHT', 'REABLEMENT');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('OFFERED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DeclineReason" AS ENUM ('NO_CAPACITY', 'TIMES', 'AREA', 'SKILLS', 'OTHER');

-- CreateTable
CREATE TABLE "Council" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Council_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ward" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "population" INTEGER NOT NULL,

    CONSTRAINT "Ward_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "Locality" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rural" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Locality_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "LocalityWard" (
    "councilId" UUID NOT NULL,
    "localityId" UUID NOT NULL,
    "wardId" UUID NOT NULL,

    CONSTRAINT "LocalityWard_pkey" PRIMARY KEY ("councilId","localityId","wardId")
);

-- CreateTable
CREATE TABLE "LocalityNeighbour" (
    "councilId" UUID NOT NULL,
    "localityId" UUID NOT NULL,
    "neighbourId" UUID NOT NULL,

    CONSTRAINT "LocalityNeighbour_pkey" PRIMARY KEY ("councilId","localityId","neighbourId")
);

-- CreateTable
CREATE TABLE "Hospital" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Hospital_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cqcLocationId" TEXT NOT NULL,
    "cqcRating" "CqcRating" NOT NULL,
    "cqcRatedOn" DATE,
    "doubleHanded" BOOLEAN NOT NULL DEFAULT false,
    "skills" TEXT[],
    "phone" TEXT,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilProvider" (
    "councilId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "status" "ProviderStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusReason" TEXT,

    CONSTRAINT "CouncilProvider_pkey" PRIMARY KEY ("councilId","providerId")
);

-- CreateTable
CREATE TABLE "Contract" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "providerId" UUID NOT NULL,
    "type" "ContractType" NOT NULL,
    "hospitalId" UUID,
    "hourlyRate" DECIMAL(8,2) NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "ContractLocality" (
    "councilId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "localityId" UUID NOT NULL,

    CONSTRAINT "ContractLocality_pkey" PRIMARY KEY ("councilId","contractId","localityId")
);

-- CreateTable
CREATE TABLE "CapacityDeclaration" (
    "councilId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "localityId" UUID NOT NULL,
    "band" "Band" NOT NULL,
    "carerHours" DECIMAL(8,2) NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CapacityDeclaration_pkey" PRIMARY KEY ("councilId","providerId","localityId","band")
);

-- CreateTable
CREATE TABLE "Person" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "nhsNumber" TEXT NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "town" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "localityId" UUID NOT NULL,
    "clientGroup" "ClientGroup" NOT NULL DEFAULT 'OLDER_PEOPLE',
    "phone" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "Package" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "localityId" UUID NOT NULL,
    "pathway" "Pathway" NOT NULL,
    "funding" "Funding" NOT NULL DEFAULT 'COUNCIL',
    "hospitalId" UUID,
    "status" "PackageStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "preferredProviderId" UUID,
    "excludedProviderIds" UUID[],
    "requiredSkills" TEXT[],
    "notes" TEXT,
    "readyAt" TIMESTAMP(3),
    "postedAt" TIMESTAMP(3),
    "placedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "offerRound" INTEGER NOT NULL DEFAULT 0,
    "rateUplift" DECIMAL(8,2),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Package_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "days" "Weekday"[],
    "start" CHAR(5) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "carers" INTEGER NOT NULL,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "ServiceLine" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "type" "ServiceType" NOT NULL,
    "hoursPerWeek" DECIMAL(8,2) NOT NULL,
    "doubleHanded" BOOLEAN NOT NULL DEFAULT false,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "providerId" UUID,
    "contractId" UUID,
    "hourlyRate" DECIMAL(8,2),
    "supersedesId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceLine_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "Offer" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "packageVersion" INTEGER NOT NULL,
    "providerId" UUID NOT NULL,
    "contractId" UUID,
    "round" INTEGER NOT NULL,
    "tier" INTEGER,
    "rank" INTEGER NOT NULL,
    "reasons" TEXT[],
    "hourlyRate" DECIMAL(8,2) NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'OFFERED',
    "offeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline" TIMESTAMP(3) NOT NULL,
    "respondedAt" TIMESTAMP(3),
    "respondedById" UUID,
    "declineReason" "DeclineReason",
    "declineText" TEXT,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "Placement" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "offerId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "Placement_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "councilId" UUID,
    "providerId" UUID,
    "passwordHash" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "mfaSecret" TEXT,
    "mfaEnabled" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMP(3),
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "councilId" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorRole" "Role",
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "ip" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Council_code_key" ON "Council"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Ward_councilId_name_key" ON "Ward"("councilId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Locality_councilId_code_key" ON "Locality"("councilId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Hospital_councilId_code_key" ON "Hospital"("councilId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Provider_cqcLocationId_key" ON "Provider"("cqcLocationId");

-- CreateIndex
CREATE INDEX "CouncilProvider_providerId_idx" ON "CouncilProvider"("providerId");

-- CreateIndex
CREATE INDEX "Contract_councilId_providerId_idx" ON "Contract"("councilId", "providerId");

-- CreateIndex
CREATE INDEX "Contract_councilId_type_idx" ON "Contract"("councilId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_councilId_reference_key" ON "Contract"("councilId", "reference");

-- CreateIndex
CREATE INDEX "ContractLocality_councilId_localityId_idx" ON "ContractLocality"("councilId", "localityId");

-- CreateIndex
CREATE INDEX "CapacityDeclaration_providerId_idx" ON "CapacityDeclaration"("providerId");

-- CreateIndex
CREATE INDEX "Person_councilId_familyName_idx" ON "Person"("councilId", "familyName");

-- CreateIndex
CREATE UNIQUE INDEX "Person_councilId_nhsNumber_key" ON "Person"("councilId", "nhsNumber");

-- CreateIndex
CREATE INDEX "Package_councilId_status_localityId_idx" ON "Package"("councilId", "status", "localityId");

-- CreateIndex
CREATE INDEX "Package_councilId_personId_idx" ON "Package"("councilId", "personId");

-- CreateIndex
CREATE INDEX "Package_councilId_postedAt_idx" ON "Package"("councilId", "postedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Package_councilId_reference_key" ON "Package"("councilId", "reference");

-- CreateIndex
CREATE INDEX "Visit_councilId_packageId_idx" ON "Visit"("councilId", "packageId");

-- CreateIndex
CREATE INDEX "ServiceLine_councilId_packageId_idx" ON "ServiceLine"("councilId", "packageId");

-- CreateIndex
CREATE INDEX "ServiceLine_councilId_startDate_endDate_idx" ON "ServiceLine"("councilId", "startDate", "endDate");

-- CreateIndex
CREATE INDEX "ServiceLine_councilId_providerId_idx" ON "ServiceLine"("councilId", "providerId");

-- CreateIndex
CREATE INDEX "Offer_providerId_status_deadline_idx" ON "Offer"("providerId", "status", "deadline");

-- CreateIndex
CREATE INDEX "Offer_councilId_packageId_idx" ON "Offer"("councilId", "packageId");

-- CreateIndex
CREATE INDEX "Placement_councilId_packageId_idx" ON "Placement"("councilId", "packageId");

-- CreateIndex
CREATE INDEX "Placement_providerId_endedAt_idx" ON "Placement"("providerId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_councilId_idx" ON "User"("councilId");

-- CreateIndex
CREATE INDEX "User_providerId_idx" ON "User"("providerId");

-- CreateIndex
CREATE INDEX "AuditEvent_councilId_at_idx" ON "AuditEvent"("councilId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_councilId_entityType_entityId_idx" ON "AuditEvent"("councilId", "entityType", "entityId");

-- AddForeignKey
ALTER TABLE "Ward" ADD CONSTRAINT "Ward_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Locality" ADD CONSTRAINT "Locality_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityWard" ADD CONSTRAINT "LocalityWard_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityWard" ADD CONSTRAINT "LocalityWard_councilId_wardId_fkey" FOREIGN KEY ("councilId", "wardId") REFERENCES "Ward"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityNeighbour" ADD CONSTRAINT "LocalityNeighbour_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityNeighbour" ADD CONSTRAINT "LocalityNeighbour_councilId_neighbourId_fkey" FOREIGN KEY ("councilId", "neighbourId") REFERENCES "Locality"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hospital" ADD CONSTRAINT "Hospital_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilProvider" ADD CONSTRAINT "CouncilProvider_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilProvider" ADD CONSTRAINT "CouncilProvider_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_councilId_hospitalId_fkey" FOREIGN KEY ("councilId", "hospitalId") REFERENCES "Hospital"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractLocality" ADD CONSTRAINT "ContractLocality_councilId_contractId_fkey" FOREIGN KEY ("councilId", "contractId") REFERENCES "Contract"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractLocality" ADD CONSTRAINT "ContractLocality_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapacityDeclaration" ADD CONSTRAINT "CapacityDeclaration_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapacityDeclaration" ADD CONSTRAINT "CapacityDeclaration_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Package" ADD CONSTRAINT "Package_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Package" ADD CONSTRAINT "Package_councilId_personId_fkey" FOREIGN KEY ("councilId", "personId") REFERENCES "Person"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Package" ADD CONSTRAINT "Package_councilId_localityId_fkey" FOREIGN KEY ("councilId", "localityId") REFERENCES "Locality"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Package" ADD CONSTRAINT "Package_councilId_hospitalId_fkey" FOREIGN KEY ("councilId", "hospitalId") REFERENCES "Hospital"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Package" ADD CONSTRAINT "Package_preferredProviderId_fkey" FOREIGN KEY ("preferredProviderId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_councilId_contractId_fkey" FOREIGN KEY ("councilId", "contractId") REFERENCES "Contract"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_councilId_contractId_fkey" FOREIGN KEY ("councilId", "contractId") REFERENCES "Contract"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_councilId_contractId_fkey" FOREIGN KEY ("councilId", "contractId") REFERENCES "Contract"("councilId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot state.

-- The first valid acceptance wins: one accepted offer and one open placement per package.
CREATE UNIQUE INDEX "Offer_one_accepted_per_package" ON "Offer" ("councilId", "packageId") WHERE "status" = 'ACCEPTED';
CREATE UNIQUE INDEX "Offer_one_per_provider_per_round" ON "Offer" ("councilId", "packageId", "round", "providerId");
CREATE UNIQUE INDEX "Placement_one_open_per_package" ON "Placement" ("councilId", "packageId") WHERE "endedAt" IS NULL;

-- Service lines in force now (no end date) are the commonest question.
CREATE INDEX "ServiceLine_open" ON "ServiceLine" ("councilId", "startDate") WHERE "endDate" IS NULL;

-- Visit shape: shared/specs/placement.md.
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_minutes_check" CHECK ("minutes" BETWEEN 15 AND 720 AND "minutes" % 5 = 0);
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_carers_check" CHECK ("carers" IN (1, 2));
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_start_check" CHECK ("start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_days_check" CHECK (cardinality("days") > 0);
ALTER TABLE "CapacityDeclaration" ADD CONSTRAINT "CapacityDeclaration_hours_check" CHECK ("carerHours" >= 0);
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_rate_check" CHECK ("hourlyRate" >= 0);
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_dates_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_hospital_check" CHECK (("type" = 'DISCHARGE') = ("hospitalId" IS NOT NULL));
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_hours_check" CHECK ("hoursPerWeek" >= 0);
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_dates_check" CHECK ("endDate" IS NULL OR "endDate" >= "startDate");
ALTER TABLE "Package" ADD CONSTRAINT "Package_hospital_check" CHECK (("pathway" = 'HOSPITAL_DISCHARGE') = ("hospitalId" IS NOT NULL));
ALTER TABLE "User" ADD CONSTRAINT "User_scope_check" CHECK (
  ("role" = 'PROVIDER' AND "providerId" IS NOT NULL AND "councilId" IS NULL)
  OR ("role" = 'PLATFORM_ADMIN' AND "providerId" IS NULL AND "councilId" IS NULL)
  OR ("role" IN ('BROKER', 'BEST', 'COMMISSIONER', 'ADMIN') AND "councilId" IS NOT NULL AND "providerId" IS NULL)
);

-- The audit trail is append-only: the database itself refuses to change or remove a row.
CREATE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_is_append_only"();
