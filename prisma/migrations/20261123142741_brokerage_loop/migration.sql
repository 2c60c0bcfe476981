-- AlterTable
ALTER TABLE "Package" ADD COLUMN     "roundDeadline" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CouncilSetting" (
    "councilId" UUID NOT NULL,
    "offerMinutesHospitalDischarge" INTEGER NOT NULL DEFAULT 30,
    "offerMinutesReablement" INTEGER NOT NULL DEFAULT 120,
    "offerMinutesLongTerm" INTEGER NOT NULL DEFAULT 1440,
    "packageSeq" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CouncilSetting_pkey" PRIMARY KEY ("councilId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "councilId" UUID,
    "userId" UUID,
    "providerId" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_providerId_createdAt_idx" ON "Notification"("providerId", "createdAt");

-- CreateIndex
CREATE INDEX "Package_status_roundDeadline_idx" ON "Package"("status", "roundDeadline");

-- AddForeignKey
ALTER TABLE "CouncilSetting" ADD CONSTRAINT "CouncilSetting_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Written by hand: what the schema language cannot say.

-- A notification goes to exactly one user or to one provider's whole team.
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipient_check" CHECK (("userId" IS NULL) <> ("providerId" IS NULL));
CREATE INDEX "Notification_unread_user" ON "Notification" ("userId") WHERE "readAt" IS NULL;
CREATE INDEX "Notification_unread_provider" ON "Notification" ("providerId") WHERE "readAt" IS NULL;

ALTER TABLE "CouncilSetting" ADD CONSTRAINT "CouncilSetting_minutes_check" CHECK (
  "offerMinutesHospitalDischarge" > 0 AND "offerMinutesReablement" > 0 AND "offerMinutesLongTerm" > 0 AND "packageSeq" >= 0
);

-- Packages already out for offer get their round's deadline from their open offers, so the worker
-- can close those rounds when it starts.
UPDATE "Package" p SET "roundDeadline" = o.deadline
FROM (
  SELECT "councilId", "packageId", "round", max("deadline") AS deadline FROM "Offer" WHERE "status" = 'OFFERED' GROUP BY 1, 2, 3
) o
WHERE p."status" IN ('OFFERING', 'OPEN_MARKET') AND o."councilId" = p."councilId" AND o."packageId" = p."id" AND o."round" = p."offerRound";
