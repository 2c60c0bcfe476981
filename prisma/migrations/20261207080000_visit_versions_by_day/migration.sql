-- The visits that continue an earlier version, by the day they start: the dashboards find the
-- step-downs of a period (double-handed visits made single-handed) without reading every visit.
CREATE INDEX "Visit_versions_by_day_idx" ON "Visit" ("councilId", "startDate") WHERE "supersedesId" IS NOT NULL;
