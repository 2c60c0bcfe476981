-- CreateEnum
CREATE TYPE "HospitalStayOutcome" AS ENUM ('RESUMED', 'HANDED_BACK');

-- CreateTable
CREATE TABLE "HospitalStay" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "placementId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "admittedOn" DATE NOT NULL,
    "retainerUntil" DATE NOT NULL,
    "returnedOn" DATE,
    "outcome" "HospitalStayOutcome",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HospitalStay_pkey" PRIMARY KEY ("councilId","id")
);

-- CreateIndex
CREATE INDEX "HospitalStay_councilId_packageId_idx" ON "HospitalStay"("councilId", "packageId");

-- CreateIndex
CREATE INDEX "HospitalStay_councilId_retainerUntil_idx" ON "HospitalStay"("councilId", "retainerUntil");

-- AddForeignKey
ALTER TABLE "HospitalStay" ADD CONSTRAINT "HospitalStay_councilId_packageId_fkey" FOREIGN KEY ("councilId", "packageId") REFERENCES "Package"("councilId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand: what the schema language cannot say.
ALTER TABLE "HospitalStay" ADD CONSTRAINT "HospitalStay_dates_check" CHECK ("retainerUntil" >= "admittedOn" AND ("returnedOn" IS NULL OR "returnedOn" >= "admittedOn"));
ALTER TABLE "HospitalStay" ADD CONSTRAINT "HospitalStay_outcome_check" CHECK (("returnedOn" IS NULL) = ("outcome" IS NULL));
-- At most one stay in progress per package: two admissions recorded at once cannot both stand.
CREATE UNIQUE INDEX "HospitalStay_one_open_per_package" ON "HospitalStay" ("councilId", "packageId") WHERE "returnedOn" IS NULL;

-- A package handed back after a hospital stay is placed again, as a new version. One accepted
-- offer per package version still means two providers can never both win the same ask.
DROP INDEX "Offer_one_accepted_per_package";
CREATE UNIQUE INDEX "Offer_one_accepted_per_package_version" ON "Offer" ("councilId", "packageId", "packageVersion") WHERE "status" = 'ACCEPTED';
