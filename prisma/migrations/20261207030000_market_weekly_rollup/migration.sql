-- The market week by week (the dashboards' weekly trends) read from a rollup instead of every
-- placed service line of two years. The rollup holds, for each council and each day on which
-- anything changes, how much the placed lines in force change that day: carer-hours a week,
-- weekly cost and the hours under locality, ISF and spot contracts, and the number of packages
-- and of people with a line in force. The figures for any day are the running sum of the changes
-- up to it. Each row is kept for the whole council ("scope" = the council) and for the locality
-- of the package ("scope" = the locality), so the locality filter reads its own rows.
--
-- Packages and people are counted from the spans in which they have a line in force (their
-- overlapping lines merged), kept in "MarketSpan"; a change to a line works out its package's and
-- its person's spans again and moves the day changes by the difference. Triggers do all of this
-- in the statement that changes the lines, so the rollup is right at every moment; the
-- application never writes it.

CREATE TABLE "MarketDayChange" (
  "councilId" UUID NOT NULL,
  "scope" UUID NOT NULL,
  "day" DATE NOT NULL,
  "hours" DECIMAL(16,2) NOT NULL DEFAULT 0,
  "cost" DECIMAL(20,4) NOT NULL DEFAULT 0,
  "localityHours" DECIMAL(16,2) NOT NULL DEFAULT 0,
  "isfHours" DECIMAL(16,2) NOT NULL DEFAULT 0,
  "spotHours" DECIMAL(16,2) NOT NULL DEFAULT 0,
  "packages" INTEGER NOT NULL DEFAULT 0,
  "people" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "MarketDayChange_pkey" PRIMARY KEY ("councilId", "scope", "day")
);

-- kind 0: a package (owner = the package, personId = its person); kind 1: a person.
CREATE TABLE "MarketSpan" (
  "councilId" UUID NOT NULL,
  "scope" UUID NOT NULL,
  "kind" SMALLINT NOT NULL,
  "owner" UUID NOT NULL,
  "personId" UUID,
  "start" DATE NOT NULL,
  "end" DATE NOT NULL,
  CONSTRAINT "MarketSpan_pkey" PRIMARY KEY ("councilId", "kind", "owner", "scope", "start")
);

-- The spans of placed lines in force, by owner and scope: lines in start order, a new span
-- wherever a line starts after every earlier one has ended. Only the given packages (kind 0) and
-- people (kind 1) of one council, or (all three null) every one.
CREATE FUNCTION "market_spans"(council UUID, packages UUID[], people UUID[])
RETURNS TABLE ("councilId" UUID, "scope" UUID, "kind" SMALLINT, "owner" UUID, "personId" UUID, "start" DATE, "end" DATE)
LANGUAGE sql STABLE AS $$
  -- Every line, or (read by index) the lines of the given packages and of the people's packages.
  WITH lines AS (
    SELECT l."councilId" AS c, l."packageId" AS pkg, p."personId" AS person, l."packageLocalityId" AS loc,
           l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e
    FROM "ServiceLine" l
    JOIN "Package" p ON p."councilId" = l."councilId" AND p."id" = l."packageId"
    WHERE council IS NULL AND l."contractId" IS NOT NULL
    UNION ALL
    SELECT p."councilId", p."id", p."personId", l."packageLocalityId", l."startDate", coalesce(l."endDate", 'infinity'::date)
    FROM "Package" p
    CROSS JOIN LATERAL (
      SELECT * FROM "ServiceLine" l WHERE l."councilId" = p."councilId" AND l."packageId" = p."id" AND l."contractId" IS NOT NULL
    ) l
    WHERE p."councilId" = council AND (p."id" = ANY (packages) OR p."personId" = ANY (people))
  ),
  owned AS (
    SELECT c, sc.scope, 0::smallint AS kind, pkg AS owner, person, s, e
    FROM lines CROSS JOIN LATERAL (VALUES (c), (loc)) sc(scope)
    WHERE sc.scope IS NOT NULL AND (council IS NULL OR pkg = ANY (packages))
    UNION ALL
    SELECT c, sc.scope, 1::smallint, person, NULL::uuid, s, e
    FROM lines CROSS JOIN LATERAL (VALUES (c), (loc)) sc(scope)
    WHERE sc.scope IS NOT NULL AND (council IS NULL OR person = ANY (people))
  ),
  marked AS (
    SELECT *, CASE WHEN s <= max(e) OVER (PARTITION BY c, scope, kind, owner ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                   THEN 0 ELSE 1 END AS starts
    FROM owned
  )
  SELECT c, scope, kind, owner, max(person::text)::uuid, min(s), max(e)
  FROM (SELECT *, sum(starts) OVER (PARTITION BY c, scope, kind, owner ORDER BY s, e) AS span FROM marked) m
  GROUP BY c, scope, kind, owner, span
$$;

-- Works out again the spans of these packages of one council and of their people (those they
-- belong to now, and those the rollup last counted them under), and moves the day changes from
-- the old spans to the new. Two changes to the same person wait for each other.
CREATE FUNCTION "market_rollup_refresh"(council UUID, packages UUID[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  people UUID[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}') INTO people FROM (
    SELECT p."personId" AS x FROM "Package" p WHERE p."councilId" = council AND p."id" = ANY (packages)
    UNION ALL
    SELECT ms."personId" FROM "MarketSpan" ms WHERE ms."councilId" = council AND ms."kind" = 0 AND ms."owner" = ANY (packages)
  ) o WHERE x IS NOT NULL;
  PERFORM pg_advisory_xact_lock(hashtextextended('market_rollup:' || x::text, 0)) FROM unnest(people) x ORDER BY x;

  WITH gone AS (
    DELETE FROM "MarketSpan" ms
    WHERE ms."councilId" = council AND ((ms."kind" = 0 AND ms."owner" = ANY (packages)) OR (ms."kind" = 1 AND ms."owner" = ANY (people)))
    RETURNING ms."scope", ms."kind", ms."start", ms."end", -1 AS dir
  ),
  added AS (
    INSERT INTO "MarketSpan" ("councilId", "scope", "kind", "owner", "personId", "start", "end")
    SELECT * FROM "market_spans"(council, packages, people)
    RETURNING "scope", "kind", "start", "end", 1 AS dir
  ),
  ev AS (
    SELECT scope, kind, "start" AS day, dir AS d FROM gone UNION ALL SELECT scope, kind, "end", -dir FROM gone WHERE "end" < 'infinity'
    UNION ALL
    SELECT scope, kind, "start", dir FROM added UNION ALL SELECT scope, kind, "end", -dir FROM added WHERE "end" < 'infinity'
  )
  INSERT INTO "MarketDayChange" AS t ("councilId", "scope", "day", "packages", "people")
  SELECT council, scope, day, coalesce(sum(d) FILTER (WHERE kind = 0), 0), coalesce(sum(d) FILTER (WHERE kind = 1), 0)
  FROM ev GROUP BY scope, day
  HAVING sum(d) FILTER (WHERE kind = 0) IS DISTINCT FROM 0 OR sum(d) FILTER (WHERE kind = 1) IS DISTINCT FROM 0
  ORDER BY scope, day
  ON CONFLICT ("councilId", "scope", "day") DO UPDATE
    SET "packages" = t."packages" + excluded."packages", "people" = t."people" + excluded."people";
END
$$;

-- Lines as they were (taken away) and as they are (added): their hours and cost on the days they
-- start and end, then their packages' and people's spans.
CREATE FUNCTION "market_rollup_apply"(old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  INSERT INTO "MarketDayChange" AS t ("councilId", "scope", "day", "hours", "cost", "localityHours", "isfHours", "spotHours")
  SELECT l."councilId", sc.scope, ev.day, sum(ev.d * l."hoursPerWeek"), coalesce(sum(ev.d * l."hoursPerWeek" * l."hourlyRate"), 0),
         coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'LOCALITY'), 0),
         coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'ISF'), 0),
         coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'SPOT'), 0)
  FROM (SELECT -1 AS dir, * FROM unnest(old_lines) UNION ALL SELECT 1, * FROM unnest(new_lines)) l
  CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
  CROSS JOIN LATERAL (VALUES (l."startDate", l.dir), (l."endDate", -l.dir)) ev(day, d)
  WHERE l."contractId" IS NOT NULL AND sc.scope IS NOT NULL AND ev.day IS NOT NULL
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT ("councilId", "scope", "day") DO UPDATE
    SET "hours" = t."hours" + excluded."hours", "cost" = t."cost" + excluded."cost", "localityHours" = t."localityHours" + excluded."localityHours",
        "isfHours" = t."isfHours" + excluded."isfHours", "spotHours" = t."spotHours" + excluded."spotHours";

  FOR r IN
    SELECT l."councilId" AS council, array_agg(DISTINCT l."packageId" ORDER BY l."packageId") AS packages
    FROM (SELECT * FROM unnest(old_lines) UNION ALL SELECT * FROM unnest(new_lines)) l
    WHERE l."contractId" IS NOT NULL
    GROUP BY 1 ORDER BY 1
  LOOP
    PERFORM "market_rollup_refresh"(r.council, r.packages);
  END LOOP;
END
$$;

CREATE FUNCTION "service_line_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "market_rollup_apply"('{}'::"ServiceLine"[], ARRAY(SELECT n::"ServiceLine" FROM new_lines n WHERE n."contractId" IS NOT NULL));
  RETURN NULL;
END
$$;

CREATE FUNCTION "service_line_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "market_rollup_apply"(ARRAY(SELECT o::"ServiceLine" FROM old_lines o WHERE o."contractId" IS NOT NULL), '{}'::"ServiceLine"[]);
  RETURN NULL;
END
$$;

-- Only lines changed in what the rollup counts (most updates copy a package's status onto its lines).
CREATE FUNCTION "service_line_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "market_rollup_apply"(
    ARRAY(SELECT o::"ServiceLine" FROM old_lines o JOIN new_lines n ON n."councilId" = o."councilId" AND n."id" = o."id"
          WHERE (o."contractId" IS NOT NULL OR n."contractId" IS NOT NULL) AND (o."packageId", o."packageLocalityId", o."startDate", o."endDate", o."contractId" IS NULL, o."hoursPerWeek", o."hourlyRate", o."contractType")
                IS DISTINCT FROM (n."packageId", n."packageLocalityId", n."startDate", n."endDate", n."contractId" IS NULL, n."hoursPerWeek", n."hourlyRate", n."contractType")),
    ARRAY(SELECT n::"ServiceLine" FROM old_lines o JOIN new_lines n ON n."councilId" = o."councilId" AND n."id" = o."id"
          WHERE (o."contractId" IS NOT NULL OR n."contractId" IS NOT NULL) AND (o."packageId", o."packageLocalityId", o."startDate", o."endDate", o."contractId" IS NULL, o."hoursPerWeek", o."hourlyRate", o."contractType")
                IS DISTINCT FROM (n."packageId", n."packageLocalityId", n."startDate", n."endDate", n."contractId" IS NULL, n."hoursPerWeek", n."hourlyRate", n."contractType")));
  RETURN NULL;
END
$$;

CREATE TRIGGER "ServiceLine_rollup_insert" AFTER INSERT ON "ServiceLine"
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION "service_line_rollup_insert"();
CREATE TRIGGER "ServiceLine_rollup_delete" AFTER DELETE ON "ServiceLine"
  REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION "service_line_rollup_delete"();
CREATE TRIGGER "ServiceLine_rollup_update" AFTER UPDATE ON "ServiceLine"
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION "service_line_rollup_update"();

-- A package moved to another person: both people's spans are worked out again.
CREATE FUNCTION "package_person_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "market_rollup_refresh"(NEW."councilId", ARRAY[NEW."id"]);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Package_person_rollup" AFTER UPDATE OF "personId" ON "Package"
  FOR EACH ROW WHEN (OLD."personId" IS DISTINCT FROM NEW."personId") EXECUTE FUNCTION "package_person_rollup"();

-- The whole rollup from the lines, for rows written with triggers off (and the rows already there).
CREATE FUNCTION "market_rollup_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "MarketSpan";
  DELETE FROM "MarketDayChange";
  INSERT INTO "MarketSpan" ("councilId", "scope", "kind", "owner", "personId", "start", "end") SELECT * FROM "market_spans"(NULL, NULL, NULL);
  INSERT INTO "MarketDayChange" ("councilId", "scope", "day", "hours", "cost", "localityHours", "isfHours", "spotHours", "packages", "people")
  SELECT c, scope, day, sum(h), sum(cost), sum(loc), sum(isf), sum(spot), sum(pk), sum(pp)
  FROM (
    SELECT l."councilId" AS c, sc.scope, ev.day, ev.d * l."hoursPerWeek" AS h, coalesce(ev.d * l."hoursPerWeek" * l."hourlyRate", 0) AS cost,
           CASE WHEN l."contractType" = 'LOCALITY' THEN ev.d * l."hoursPerWeek" ELSE 0 END AS loc,
           CASE WHEN l."contractType" = 'ISF' THEN ev.d * l."hoursPerWeek" ELSE 0 END AS isf,
           CASE WHEN l."contractType" = 'SPOT' THEN ev.d * l."hoursPerWeek" ELSE 0 END AS spot, 0 AS pk, 0 AS pp
    FROM "ServiceLine" l
    CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
    CROSS JOIN LATERAL (VALUES (l."startDate", 1), (l."endDate", -1)) ev(day, d)
    WHERE l."contractId" IS NOT NULL AND sc.scope IS NOT NULL AND ev.day IS NOT NULL
    UNION ALL
    SELECT ms."councilId", ms."scope", ev.day, 0, 0, 0, 0, 0, CASE WHEN ms."kind" = 0 THEN ev.d ELSE 0 END, CASE WHEN ms."kind" = 1 THEN ev.d ELSE 0 END
    FROM "MarketSpan" ms
    CROSS JOIN LATERAL (VALUES (ms."start", 1), (ms."end", -1)) ev(day, d)
    WHERE ev.day < 'infinity'
  ) x
  GROUP BY 1, 2, 3;
END
$$;

SELECT "market_rollup_rebuild"();
