-- No two payment runs of a council cover the same day, and a line is never paid twice for the same
-- day, funder and kind (adjustments aside): the same rules as before, kept by triggers instead of
-- exclusion constraints, which Prisma's schema engine cannot read (its introspection of a gist
-- exclusion constraint fails, so the migrations could no longer be checked against the schema).
-- Each check waits for a lock per council (held to the end of the transaction), then looks for an
-- overlap among committed rows and the statement's own; a clash fails as an exclusion constraint
-- would (SQLSTATE 23P01, naming the rule).
ALTER TABLE "PaymentRun" DROP CONSTRAINT "PaymentRun_no_overlap";
ALTER TABLE "PaymentLine" DROP CONSTRAINT "PaymentLine_paid_once";

CREATE FUNCTION "payment_run_no_overlap"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('PaymentRun:' || NEW."councilId"::text, 0));
  IF EXISTS (
    SELECT 1 FROM "PaymentRun" r
    WHERE r."councilId" = NEW."councilId" AND r."id" <> NEW."id"
      AND daterange(r."periodStart", r."periodEnd") && daterange(NEW."periodStart", NEW."periodEnd")
  ) THEN
    RAISE EXCEPTION 'conflicting key value violates exclusion constraint "PaymentRun_no_overlap"'
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'PaymentRun_no_overlap', TABLE = 'PaymentRun';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "PaymentRun_no_overlap" BEFORE INSERT OR UPDATE OF "councilId", "periodStart", "periodEnd" ON "PaymentRun"
  FOR EACH ROW EXECUTE FUNCTION "payment_run_no_overlap"();

-- After the statement's rows are all written, so two rows of one statement that overlap are caught too.
CREATE FUNCTION "payment_line_paid_once"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('PaymentLine:' || NEW."councilId"::text, 0));
  IF EXISTS (
    SELECT 1 FROM "PaymentLine" l
    WHERE l."councilId" = NEW."councilId" AND l."serviceLineId" = NEW."serviceLineId" AND l."id" <> NEW."id"
      AND l."funder" = NEW."funder" AND l."kind" = NEW."kind" AND l."kind" <> 'ADJUSTMENT'
      AND daterange(l."fromDate", l."toDate") && daterange(NEW."fromDate", NEW."toDate")
  ) THEN
    RAISE EXCEPTION 'conflicting key value violates exclusion constraint "PaymentLine_paid_once"'
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'PaymentLine_paid_once', TABLE = 'PaymentLine';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "PaymentLine_paid_once" AFTER INSERT OR UPDATE OF "councilId", "serviceLineId", "funder", "kind", "fromDate", "toDate" ON "PaymentLine"
  FOR EACH ROW WHEN (NEW."kind" <> 'ADJUSTMENT') EXECUTE FUNCTION "payment_line_paid_once"();
