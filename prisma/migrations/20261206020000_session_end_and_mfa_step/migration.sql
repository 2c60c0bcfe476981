-- A code signs in once: the step of the last code that did.
ALTER TABLE "User" ADD COLUMN "mfaLastStep" INTEGER;

-- Sessions signed out before their cookie expired.
CREATE TABLE "EndedSession" (
    "sid" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndedSession_pkey" PRIMARY KEY ("sid")
);

CREATE INDEX "EndedSession_expiresAt_idx" ON "EndedSession"("expiresAt");
