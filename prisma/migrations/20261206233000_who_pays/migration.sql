-- Who pays: the ICB's share of a split package (or of one line), Section 117 aftercare, the client
-- contribution a week from the financial assessment, and the day a reablement review was held.
ALTER TABLE "Package" ADD COLUMN "icbSharePercent" DECIMAL(5,2),
  ADD COLUMN "s117Aftercare" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "clientContributionWeekly" DECIMAL(10,2),
  ADD COLUMN "financialAssessmentOn" DATE,
  ADD COLUMN "reablementReviewedOn" DATE;

ALTER TABLE "ServiceLine" ADD COLUMN "icbSharePercent" DECIMAL(5,2);

-- A stated share is a split: more than 0 and less than 100 (all council or all ICB is the funding).
ALTER TABLE "Package" ADD CONSTRAINT "Package_icbSharePercent_check" CHECK ("icbSharePercent" IS NULL OR ("icbSharePercent" > 0 AND "icbSharePercent" < 100));
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_icbSharePercent_check" CHECK ("icbSharePercent" IS NULL OR ("icbSharePercent" >= 0 AND "icbSharePercent" <= 100));
-- Section 117 aftercare is free to the person: no contribution is recorded for it.
ALTER TABLE "Package" ADD CONSTRAINT "Package_clientContribution_check" CHECK (
  "clientContributionWeekly" IS NULL OR ("clientContributionWeekly" >= 0 AND NOT "s117Aftercare")
);
