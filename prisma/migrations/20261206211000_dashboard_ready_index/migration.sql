-- The 2-hour and 4-hour targets from ready time: short-term packages whose person was ready in a window.
CREATE INDEX "Package_ready_idx" ON "Package" ("councilId", "readyAt") WHERE "readyAt" IS NOT NULL AND "pathway" IN ('HOSPITAL_DISCHARGE', 'REABLEMENT');
