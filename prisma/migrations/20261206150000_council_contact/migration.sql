-- The council's brokerage team contact, shown to a provider with every awarded package.
ALTER TABLE "CouncilSetting" ADD COLUMN "contactPhone" TEXT, ADD COLUMN "contactEmail" TEXT;
