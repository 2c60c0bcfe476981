-- Incremental adjustments (docs/money.md "Adjustments"): the database notes each service line whose
-- payment could have changed (its delivered care, a decision on one of its variances, the line,
-- its package's funding or uplift, a hospital stay, its contract's rates, how its contract type is
-- paid), with when. A new payment run recomputes the locked periods only for lines noted since the
-- last locked run was worked out ("inputsAsOf": the start of the oldest transaction then running,
-- so a change committed after that run read the data is never missed).
CREATE TABLE "PaymentLineChange" (
    "councilId" UUID NOT NULL,
    "serviceLineId" UUID NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "PaymentLineChange_pkey" PRIMARY KEY ("councilId", "serviceLineId")
);
CREATE INDEX "PaymentLineChange_councilId_changedAt_idx" ON "PaymentLineChange"("councilId", "changedAt");

ALTER TABLE "PaymentRun" ADD COLUMN "inputsAsOf" TIMESTAMPTZ(3);

-- Each table's changed rows, as (council, line) pairs. Statement-level, with transition tables:
-- one insert of 500,000 actuals notes each line once.
CREATE FUNCTION payment_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sel text;
BEGIN
  sel := CASE TG_TABLE_NAME
    WHEN 'Actual' THEN 'SELECT t."councilId" AS c, t."serviceLineId" AS l FROM %s t'
    WHEN 'ServiceLine' THEN 'SELECT t."councilId" AS c, t."id" AS l FROM %s t'
    -- Only a decided variance (queried or rejected) changes what is paid.
    WHEN 'Variance' THEN 'SELECT l."councilId" AS c, l."id" AS l FROM %s t JOIN "ServiceLine" l ON l."councilId" = t."councilId" AND l."packageId" = t."packageId"
      WHERE t."status" IN (''QUERIED'', ''REJECTED'')'
    WHEN 'Package' THEN 'SELECT l."councilId" AS c, l."id" AS l FROM %s t JOIN "ServiceLine" l ON l."councilId" = t."councilId" AND l."packageId" = t."id"'
    WHEN 'HospitalStay' THEN 'SELECT l."councilId" AS c, l."id" AS l FROM %s t JOIN "ServiceLine" l ON l."councilId" = t."councilId" AND l."packageId" = t."packageId"'
    WHEN 'Contract' THEN 'SELECT l."councilId" AS c, l."id" AS l FROM %s t JOIN "ServiceLine" l ON l."councilId" = t."councilId" AND l."contractId" = t."id"'
    WHEN 'ContractRate' THEN 'SELECT l."councilId" AS c, l."id" AS l FROM %s t JOIN "ServiceLine" l ON l."councilId" = t."councilId" AND l."contractId" = t."contractId"'
    WHEN 'PaymentBasisSetting' THEN 'SELECT l."councilId" AS c, l."id" AS l FROM %s t JOIN "Contract" k ON k."councilId" = t."councilId" AND k."type" = t."contractType"
      JOIN "ServiceLine" l ON l."councilId" = k."councilId" AND l."contractId" = k."id"'
  END;
  -- Noted as changed now (the transaction's start), keeping the later of two notes.
  sel := 'INSERT INTO "PaymentLineChange" ("councilId", "serviceLineId", "changedAt")
    SELECT DISTINCT x.c, x.l, now() FROM (' || sel || ') x WHERE x.l IS NOT NULL ORDER BY 1, 2
    ON CONFLICT ("councilId", "serviceLineId") DO UPDATE SET "changedAt" = greatest("PaymentLineChange"."changedAt", EXCLUDED."changedAt")';
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format(sel, 'new_rows');
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format(sel, 'old_rows');
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Actual', 'ServiceLine', 'Variance', 'Package', 'HospitalStay', 'Contract', 'ContractRate', 'PaymentBasisSetting'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payment_inputs_changed()', t || '_payment_inputs_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payment_inputs_changed()', t || '_payment_inputs_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION payment_inputs_changed()', t || '_payment_inputs_del', t);
  END LOOP;
END;
$$;
