-- A write's first answer, kept for a day under the key its sender gave it (an API Idempotency-Key,
-- or a form's one-time token), so that sending it again, even at the same moment, answers the same
-- and writes nothing twice. "owner" is the council or provider it was written for, "actor" the
-- user or API token that sent it; "status" is null while the first request is still running.
CREATE TABLE "IdempotencyKey" (
    "owner" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("owner", "actor", "key"),
    CONSTRAINT "IdempotencyKey_key_check" CHECK (char_length("key") BETWEEN 1 AND 300)
);

CREATE INDEX "IdempotencyKey_expiresAt_idx" ON "IdempotencyKey"("expiresAt");
