-- Signed webhooks: subscriptions, and the deliveries that are both the outbox and the log.
CREATE TABLE "WebhookSubscription" (
    "id" UUID NOT NULL,
    "councilId" UUID,
    "providerId" UUID,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id"),
    -- A council's or a provider's, never both.
    CONSTRAINT "WebhookSubscription_one_owner" CHECK (("councilId" IS NULL) <> ("providerId" IS NULL))
);
CREATE INDEX "WebhookSubscription_councilId_idx" ON "WebhookSubscription"("councilId");
CREATE INDEX "WebhookSubscription_providerId_idx" ON "WebhookSubscription"("providerId");

CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "councilId" UUID NOT NULL,
    "providerId" UUID,
    "entityId" UUID NOT NULL,
    "packageId" UUID,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body" JSONB,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WebhookDelivery_subscriptionId_occurredAt_idx" ON "WebhookDelivery"("subscriptionId", "occurredAt");
-- The worker's outbox poll: deliveries not yet queued.
CREATE INDEX "WebhookDelivery_unqueued_idx" ON "WebhookDelivery"("occurredAt") WHERE "queuedAt" IS NULL;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "WebhookSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox. Each state change a subscriber hears of is written by the one statement that makes
-- it, wherever in the code that is (an acceptance's single statement, a round, a re-tender), so
-- the events are written here, by triggers, in the same transaction: one delivery row per live
-- subscription that wants the event (a council's hears all its council's events, a provider's
-- only those naming it). Statement-level, so a statement that withdraws hundreds of offers costs
-- one INSERT; with no subscription it writes nothing.
CREATE FUNCTION "webhook_deliver"(event TEXT, rows JSONB) RETURNS VOID LANGUAGE sql AS $$
  INSERT INTO "WebhookDelivery" ("id", "subscriptionId", "event", "councilId", "providerId", "entityId", "packageId", "occurredAt")
  SELECT gen_random_uuid(), s."id", event, r."councilId", r."providerId", r."entityId", r."packageId", clock_timestamp()
  FROM jsonb_to_recordset(rows) AS r("councilId" UUID, "providerId" UUID, "entityId" UUID, "packageId" UUID)
  JOIN "WebhookSubscription" s ON s."disabledAt" IS NULL
    AND (s."councilId" = r."councilId" OR s."providerId" = r."providerId")
    AND (cardinality(s."events") = 0 OR s."events" IS NULL OR event = ANY (s."events"))
$$;

CREATE FUNCTION "webhook_offer_made"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "webhook_deliver"('offer.made', (
    SELECT jsonb_agg(jsonb_build_object('councilId', n."councilId", 'providerId', n."providerId", 'entityId', n."id", 'packageId', n."packageId"))
    FROM new_rows n));
  RETURN NULL;
END $$;

CREATE FUNCTION "webhook_offer_withdrawn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "webhook_deliver"('offer.withdrawn', (
    SELECT jsonb_agg(jsonb_build_object('councilId', n."councilId", 'providerId', n."providerId", 'entityId', n."id", 'packageId', n."packageId"))
    FROM new_rows n JOIN old_rows o ON o."councilId" = n."councilId" AND o."id" = n."id"
    WHERE o."status" = 'OFFERED' AND n."status" = 'WITHDRAWN'));
  RETURN NULL;
END $$;

CREATE FUNCTION "webhook_placement_awarded"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "webhook_deliver"('placement.awarded', (
    SELECT jsonb_agg(jsonb_build_object('councilId', n."councilId", 'providerId', n."providerId", 'entityId', n."id", 'packageId', n."packageId"))
    FROM new_rows n));
  RETURN NULL;
END $$;

CREATE FUNCTION "webhook_placement_ended"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "webhook_deliver"('placement.ended', (
    SELECT jsonb_agg(jsonb_build_object('councilId', n."councilId", 'providerId', n."providerId", 'entityId', n."id", 'packageId', n."packageId"))
    FROM new_rows n JOIN old_rows o ON o."councilId" = n."councilId" AND o."id" = n."id"
    WHERE o."endedAt" IS NULL AND n."endedAt" IS NOT NULL));
  RETURN NULL;
END $$;

-- A placed package changed (a new version of its care, into or out of hospital): its live placements' providers hear of it.
CREATE FUNCTION "webhook_placement_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "webhook_deliver"('placement.changed', (
    SELECT jsonb_agg(jsonb_build_object('councilId', n."councilId", 'providerId', pl."providerId", 'entityId', pl."id", 'packageId', n."id"))
    FROM new_rows n JOIN old_rows o ON o."councilId" = n."councilId" AND o."id" = n."id"
    JOIN "Placement" pl ON pl."councilId" = n."councilId" AND pl."packageId" = n."id" AND pl."endedAt" IS NULL
    WHERE (o."version" <> n."version" OR o."status" <> n."status")
      AND o."status" IN ('PLACED', 'IN_HOSPITAL') AND n."status" IN ('PLACED', 'IN_HOSPITAL')));
  RETURN NULL;
END $$;

-- A referral's triage decision: the council's subscriptions only (it names no provider).
CREATE FUNCTION "webhook_referral_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "webhook_deliver"('referral.status', (
    SELECT jsonb_agg(jsonb_build_object('councilId', n."councilId", 'providerId', NULL, 'entityId', n."id", 'packageId', n."packageId"))
    FROM new_rows n JOIN old_rows o ON o."councilId" = n."councilId" AND o."id" = n."id"
    WHERE o."status" <> n."status"));
  RETURN NULL;
END $$;

CREATE TRIGGER "Offer_webhook_made" AFTER INSERT ON "Offer" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_offer_made"();
CREATE TRIGGER "Offer_webhook_withdrawn" AFTER UPDATE ON "Offer" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_offer_withdrawn"();
CREATE TRIGGER "Placement_webhook_awarded" AFTER INSERT ON "Placement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_placement_awarded"();
CREATE TRIGGER "Placement_webhook_ended" AFTER UPDATE ON "Placement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_placement_ended"();
CREATE TRIGGER "Package_webhook_changed" AFTER UPDATE ON "Package" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_placement_changed"();
CREATE TRIGGER "Referral_webhook_status" AFTER UPDATE ON "Referral" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_referral_status"();
