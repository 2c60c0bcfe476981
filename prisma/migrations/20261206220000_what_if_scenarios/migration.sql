-- Commissioners' what-if scenarios: changes to a copy of the live market and the last run's figures.
CREATE TYPE "WhatIfStatus" AS ENUM ('DRAFT', 'QUEUED', 'RUNNING', 'DONE', 'FAILED');

CREATE TABLE "WhatIfScenario" (
    "councilId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "changes" JSONB NOT NULL,
    "status" "WhatIfStatus" NOT NULL DEFAULT 'DRAFT',
    "step" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "runAskedAt" TIMESTAMP(3),
    "ranAt" TIMESTAMP(3),

    CONSTRAINT "WhatIfScenario_pkey" PRIMARY KEY ("councilId", "id")
);

CREATE INDEX "WhatIfScenario_councilId_updatedAt_idx" ON "WhatIfScenario"("councilId", "updatedAt");

ALTER TABLE "WhatIfScenario" ADD CONSTRAINT "WhatIfScenario_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE CASCADE ON UPDATE CASCADE;
