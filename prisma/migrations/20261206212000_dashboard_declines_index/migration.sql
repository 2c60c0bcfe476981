-- Why providers decline: offers declined in a window, by when the provider answered.
CREATE INDEX "Offer_declined_idx" ON "Offer" ("councilId", "respondedAt") WHERE "status" = 'DECLINED';
