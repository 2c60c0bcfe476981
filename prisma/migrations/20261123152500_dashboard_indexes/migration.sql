-- Indexes for the commissioners' dashboards (measured with npm run bench:dashboards).

-- Visits by package, in start order: the band of a package's earliest visit.
DROP INDEX "Visit_councilId_packageId_idx";
CREATE INDEX "Visit_councilId_packageId_start_idx" ON "Visit"("councilId", "packageId", "start");

-- Placed lines in force on a day, read from the index alone: one range on coalesce(endDate, infinity).
CREATE INDEX "ServiceLine_in_force_idx" ON "ServiceLine" ("councilId", (coalesce("endDate", 'infinity'::date)))
  INCLUDE ("startDate", "endDate", "packageId", "providerId", "contractId", "hoursPerWeek", "hourlyRate") WHERE "contractId" IS NOT NULL;

-- Pick-up times: packages placed in a window.
CREATE INDEX "Package_placed_idx" ON "Package" ("councilId", "placedAt");

-- Placements still open on a day.
CREATE INDEX "Placement_open_idx" ON "Placement" ("councilId", (coalesce("endedAt", 'infinity'::timestamp))) INCLUDE ("packageId", "providerId", "endedAt");
