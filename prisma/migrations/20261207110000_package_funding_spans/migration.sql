-- Spend by funder (the dashboards) read every placed line in force on the day with its package,
-- a few hundred thousand rows, and split each package's week in the application: seconds on a
-- market of a million lines. Who pays a package's week is not a plain sum of its lines (the
-- person's contribution is at most the council's part of the whole package), so it cannot come
-- from the day changes of the other rollups.
-- Instead the database keeps, for each package, the spans of days in which the same placed lines
-- are in force, with that week's money already split (weekOfCare in lib/domain/funding.ts): the
-- whole and the ICB's part exact, and the person's contribution in pence. A day's figures are one
-- narrow row per package in force, summed from one covering index and rounded once (inPounds), so
-- the whole equals the market's spend in the other sections. What depends on the day itself
-- (whether a reablement week is chargeable) is worked out when read.
-- Triggers keep the spans in the statement that changes a line or a package's funding; the
-- application never writes them.

-- The ICB's share of a line's cost in percent (icbShareOf in lib/domain/funding.ts): the line's own
-- share, else the package's stated share, else all of it when the ICB funds the package.
CREATE FUNCTION "icb_share"(line_share NUMERIC, package_share NUMERIC, funding "Funding") RETURNS NUMERIC
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(line_share, package_share, CASE funding WHEN 'ICB' THEN 100 ELSE 0 END)
$$;

CREATE TABLE "PackageFundingSpan" (
  "councilId" UUID NOT NULL,
  "packageId" UUID NOT NULL,
  "localityId" UUID,
  "start" DATE NOT NULL,
  "end" DATE NOT NULL,
  "arrangement" TEXT NOT NULL,
  "total" DECIMAL(20,4) NOT NULL,
  "icb" DECIMAL(24,8) NOT NULL,
  "contribution" DECIMAL(14,2) NOT NULL,
  "careStart" DATE,
  "reviewedOn" DATE,
  CONSTRAINT "PackageFundingSpan_pkey" PRIMARY KEY ("councilId", "packageId", "start")
);

-- A day's spans, for the council and for one locality, with every figure the dashboard sums, read
-- from the index alone. Every span ends after it starts: the predicate only keeps Prisma, which
-- cannot state INCLUDE columns, from managing these indexes (as with the other covering indexes).
CREATE INDEX "PackageFundingSpan_day_idx" ON "PackageFundingSpan" ("councilId", "end", "start")
  INCLUDE ("arrangement", "total", "icb", "contribution", "careStart", "reviewedOn") WHERE "end" > "start";
CREATE INDEX "PackageFundingSpan_locality_day_idx" ON "PackageFundingSpan" ("councilId", "localityId", "end", "start")
  INCLUDE ("arrangement", "total", "icb", "contribution", "careStart", "reviewedOn") WHERE "end" > "start";

-- The spans of the given packages of one council, or (both null) of every package. A span runs
-- from one day on which a placed line of the package starts or ends to the next, and is kept when
-- any line is in force in it ("end" is infinity for the last, open one). Its figures are a week of
-- the lines in force, as weekOfCare gives them: the lines' cost (hours a week × rate) and the ICB's
-- part of it by each line's share, exact; the contribution the person pays when they are charged
-- (as entered, at most the council's part in pence: the whole rounded half up less the ICB's part
-- rounded down; nothing for Section 117 aftercare). A reablement package carries the first day of
-- its care and the day of its review, for the charging rule by day.
CREATE FUNCTION "package_funding_spans"(council_id UUID, package_ids UUID[])
RETURNS SETOF "PackageFundingSpan" LANGUAGE sql STABLE AS $$
  WITH pkg AS (
    SELECT p."councilId", p."id", p."localityId", p."funding", p."icbSharePercent", p."s117Aftercare", p."clientContributionWeekly",
           p."pathway", p."reablementReviewedOn"
    FROM "Package" p WHERE council_id IS NULL
    UNION ALL
    SELECT p."councilId", p."id", p."localityId", p."funding", p."icbSharePercent", p."s117Aftercare", p."clientContributionWeekly",
           p."pathway", p."reablementReviewedOn"
    FROM "Package" p WHERE p."councilId" = council_id AND p."id" = ANY (package_ids)
  ),
  lines AS (
    SELECT p."councilId" AS c, p."id" AS pkg, l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e,
           l."hoursPerWeek" * l."hourlyRate" AS cost,
           l."hoursPerWeek" * l."hourlyRate" * "icb_share"(l."icbSharePercent", p."icbSharePercent", p."funding") * 0.01 AS icb
    FROM pkg p
    -- OFFSET 0 keeps this a lookup by package (an index scan for each) when there are a few.
    CROSS JOIN LATERAL (
      SELECT * FROM "ServiceLine" l WHERE l."councilId" = p."councilId" AND l."packageId" = p."id" AND l."contractId" IS NOT NULL OFFSET 0
    ) l
  ),
  bounds AS (
    SELECT DISTINCT c, pkg, d FROM lines CROSS JOIN LATERAL (VALUES (s), (e)) v(d)
  ),
  spans AS (
    SELECT c, pkg, d AS s, lead(d) OVER (PARTITION BY c, pkg ORDER BY d) AS e FROM bounds
  ),
  week AS (
    SELECT sp.c, sp.pkg, sp.s, sp.e, sum(l.cost) AS total, sum(l.icb) AS icb,
           round(sum(l.cost), 2) - floor(sum(l.icb) * 100) / 100 AS council_pence
    FROM spans sp
    JOIN lines l ON l.c = sp.c AND l.pkg = sp.pkg AND l.s <= sp.s AND l.e >= sp.e
    WHERE sp.e IS NOT NULL
    GROUP BY sp.c, sp.pkg, sp.s, sp.e
  )
  SELECT w.c, w.pkg, p."localityId", w.s, w.e,
         CASE WHEN p."s117Aftercare" THEN 'S117'
              WHEN "icb_share"(NULL, p."icbSharePercent", p."funding") >= 100 THEN 'ICB'
              WHEN "icb_share"(NULL, p."icbSharePercent", p."funding") <= 0 THEN 'COUNCIL'
              ELSE 'SPLIT' END,
         w.total, w.icb,
         CASE WHEN p."s117Aftercare" THEN 0 ELSE least(coalesce(p."clientContributionWeekly", 0), w.council_pence) END,
         CASE WHEN p."pathway" = 'REABLEMENT' THEN (
           SELECT min(f."startDate") FROM "ServiceLine" f WHERE f."councilId" = w.c AND f."packageId" = w.pkg
         ) END,
         CASE WHEN p."pathway" = 'REABLEMENT' THEN p."reablementReviewedOn" END
  FROM week w
  JOIN pkg p ON p."councilId" = w.c AND p."id" = w.pkg
$$;

-- Works out the given packages' spans again. A lock on each package keeps two statements that
-- change the same package from writing its spans from different views of its lines; a statement
-- that changes many packages (an import) takes one lock on the council instead, which the others
-- hold shared.
CREATE FUNCTION "package_funding_refresh"(council_id UUID, package_ids UUID[]) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF cardinality(package_ids) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(package_ids) > 64 THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('package_funding:' || council_id::text, 0));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('package_funding:' || council_id::text, 0));
    PERFORM pg_advisory_xact_lock(hashtextextended('package_funding:' || x::text, 0)) FROM unnest(package_ids) x ORDER BY x;
  END IF;
  DELETE FROM "PackageFundingSpan" s WHERE s."councilId" = council_id AND s."packageId" = ANY (package_ids);
  INSERT INTO "PackageFundingSpan" SELECT * FROM "package_funding_spans"(council_id, package_ids);
END
$$;

-- The packages (each beside its council) whose lines a statement changed, council by council. The
-- first day of care counts every line, placed or not, so any line's package is worked out again.
CREATE FUNCTION "package_funding_apply"(council_ids UUID[], package_ids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  FOR r IN
    SELECT c.council_id, array_agg(DISTINCT c.package_id ORDER BY c.package_id) AS package_ids
    FROM unnest(council_ids, package_ids) c(council_id, package_id)
    GROUP BY 1 ORDER BY 1
  LOOP
    PERFORM "package_funding_refresh"(r.council_id, r.package_ids);
  END LOOP;
END
$$;

CREATE FUNCTION "service_line_funding_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "package_funding_apply"(coalesce(array_agg(n."councilId"), '{}'), coalesce(array_agg(n."packageId"), '{}')) FROM new_lines n;
  RETURN NULL;
END
$$;

CREATE FUNCTION "service_line_funding_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "package_funding_apply"(coalesce(array_agg(o."councilId"), '{}'), coalesce(array_agg(o."packageId"), '{}')) FROM old_lines o;
  RETURN NULL;
END
$$;

-- Only lines changed in what the spans take in (most updates copy a package's status onto its
-- lines); a line moved to another package changes both.
CREATE FUNCTION "service_line_funding_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  council_ids UUID[];
  package_ids UUID[];
BEGIN
  SELECT coalesce(array_agg(x.c), '{}'), coalesce(array_agg(x.pkg), '{}') INTO council_ids, package_ids
  FROM old_lines o
  JOIN new_lines n ON n."councilId" = o."councilId" AND n."id" = o."id"
  CROSS JOIN LATERAL (VALUES (o."councilId", o."packageId"), (n."councilId", n."packageId")) x(c, pkg)
  WHERE (o."packageId", o."startDate", o."endDate", o."contractId" IS NULL, o."hoursPerWeek", o."hourlyRate", o."icbSharePercent")
        IS DISTINCT FROM (n."packageId", n."startDate", n."endDate", n."contractId" IS NULL, n."hoursPerWeek", n."hourlyRate", n."icbSharePercent");
  PERFORM "package_funding_apply"(council_ids, package_ids);
  RETURN NULL;
END
$$;

CREATE TRIGGER "ServiceLine_funding_insert" AFTER INSERT ON "ServiceLine"
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION "service_line_funding_insert"();
CREATE TRIGGER "ServiceLine_funding_delete" AFTER DELETE ON "ServiceLine"
  REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION "service_line_funding_delete"();
CREATE TRIGGER "ServiceLine_funding_update" AFTER UPDATE ON "ServiceLine"
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION "service_line_funding_update"();

-- A package's funding, charging, pathway or locality changed: its spans are worked out again.
CREATE FUNCTION "package_funding_facts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "package_funding_refresh"(NEW."councilId", ARRAY[NEW."id"]);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Package_funding_facts" AFTER UPDATE OF "funding", "icbSharePercent", "s117Aftercare", "clientContributionWeekly",
  "reablementReviewedOn", "pathway", "localityId" ON "Package"
  FOR EACH ROW
  WHEN ((OLD."funding", OLD."icbSharePercent", OLD."s117Aftercare", OLD."clientContributionWeekly", OLD."reablementReviewedOn", OLD."pathway", OLD."localityId")
        IS DISTINCT FROM (NEW."funding", NEW."icbSharePercent", NEW."s117Aftercare", NEW."clientContributionWeekly", NEW."reablementReviewedOn", NEW."pathway", NEW."localityId"))
  EXECUTE FUNCTION "package_funding_facts"();

-- Every package's spans from its lines, for rows written with triggers off (and the rows already there).
CREATE FUNCTION "package_funding_rebuild"() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
BEGIN
  DELETE FROM "PackageFundingSpan";
  INSERT INTO "PackageFundingSpan" SELECT * FROM "package_funding_spans"(NULL, NULL);
END
$$;

SELECT "package_funding_rebuild"();
-- Planner statistics for the rows just written, so the first reads use the indexes.
ANALYZE "PackageFundingSpan";
