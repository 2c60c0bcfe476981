-- Refused requests, counted per actor, request and address each minute; the first of each writes
-- an "access.refused" audit event naming its key.
CREATE TABLE "AccessRefusal" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessRefusal_pkey" PRIMARY KEY ("key")
);
