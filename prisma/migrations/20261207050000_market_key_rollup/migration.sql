-- The dashboards' contract-type, service-type, CQC-rating and budget sections read from a rollup
-- instead of every placed service line in force, as the weekly trends do (the
-- market_weekly_rollup migration). "MarketKeyChange" holds, for each council and each day on
-- which anything changes, by how much the placed lines in force of one contract type, service
-- type or CQC rating change that day: carer-hours a week, weekly cost, and the number of packages
-- and of providers with a line in force of that kind. The figures for any day are the running sum
-- of the changes up to it. Like "MarketDayChange", each row is kept for the whole council ("scope"
-- = the council) and for the locality of the package ("scope" = the locality).
--
-- "dim" says what "key" is: 1 the line's contract type, 2 its service type, 3 its provider's CQC
-- rating ('' when the line has no provider). dim 0 (key '') counts providers with any line in
-- force; the hours, cost and packages of all lines are in "MarketDayChange".
--
-- Packages are counted from the spans in which a package has a line in force of a kind, worked
-- out from the package's own lines before and after each change. Providers are counted from the
-- spans kept in "MarketProviderSpan": a line added widens them; a line taken away (or changed)
-- only shortens them where no other line of the provider covers its days, and only then are the
-- provider's lines of that kind read again. Triggers do all of this in the statement that changes
-- the lines; the application never writes either table.

CREATE TABLE "MarketKeyChange" (
  "councilId" UUID NOT NULL,
  "scope" UUID NOT NULL,
  "dim" SMALLINT NOT NULL,
  "key" TEXT NOT NULL,
  "day" DATE NOT NULL,
  "hours" DECIMAL(16,2) NOT NULL DEFAULT 0,
  "cost" DECIMAL(20,4) NOT NULL DEFAULT 0,
  "packages" INTEGER NOT NULL DEFAULT 0,
  "providers" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "MarketKeyChange_pkey" PRIMARY KEY ("councilId", "scope", "dim", "key", "day")
);

CREATE TABLE "MarketProviderSpan" (
  "councilId" UUID NOT NULL,
  "providerId" UUID NOT NULL,
  "dim" SMALLINT NOT NULL,
  "key" TEXT NOT NULL,
  "scope" UUID NOT NULL,
  "start" DATE NOT NULL,
  "end" DATE NOT NULL,
  CONSTRAINT "MarketProviderSpan_pkey" PRIMARY KEY ("councilId", "providerId", "dim", "key", "scope", "start")
);

-- The open lines in package order served the sections' package counts, now read from the rollup.
DROP INDEX "ServiceLine_open_by_package_idx";

-- A provider's placed lines in start order, with what the rollup groups them by, so its lines of
-- a kind are read from the index alone.
CREATE INDEX "ServiceLine_placed_by_provider_idx" ON "ServiceLine" ("councilId", "providerId", "startDate")
  INCLUDE ("endDate", "packageLocalityId", "contractType", "type", "providerCqcRating")
  WHERE "contractId" IS NOT NULL;

-- The kinds a placed line counts under: (0, '') all lines, then its contract type, service type
-- and provider's CQC rating. (Stable, as an enum's text is: so both functions are inlined.)
CREATE FUNCTION "market_line_keys"(contract_type "ContractType", service_type "ServiceType", rating "CqcRating")
RETURNS TABLE ("dim" SMALLINT, "key" TEXT) LANGUAGE sql STABLE AS $$
  VALUES (0::smallint, ''), (1::smallint, coalesce(contract_type::text, '')), (2::smallint, service_type::text), (3::smallint, coalesce(rating::text, ''))
$$;

-- Whether a line is one of a kind (dim, key) in a scope of its council.
CREATE FUNCTION "market_line_is"(l_council UUID, l_locality UUID, contract_type "ContractType", service_type "ServiceType", rating "CqcRating",
                                 scope UUID, dim SMALLINT, key TEXT)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (scope = l_council OR scope = l_locality)
     AND CASE dim WHEN 0 THEN true WHEN 1 THEN coalesce(contract_type::text, '') = key WHEN 2 THEN service_type::text = key
                  ELSE coalesce(rating::text, '') = key END
$$;

-- Packages by kind: the spans of these packages' lines before the change (the lines now, less the
-- changed ones as they are, plus them as they were) and after it (the lines now), and the day
-- changes from the one to the other.
CREATE FUNCTION "market_key_packages"(council UUID, packages UUID[], old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void
LANGUAGE sql AS $$
  WITH now_lines AS (
    SELECT l."id", l."packageId" AS pkg, l."packageLocalityId" AS loc, l."contractType" AS ct, l."type" AS st, l."providerCqcRating" AS r,
           l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e
    FROM unnest(packages) x(pkg)
    CROSS JOIN LATERAL (SELECT * FROM "ServiceLine" l WHERE l."councilId" = council AND l."packageId" = x.pkg AND l."contractId" IS NOT NULL) l
  ),
  lines AS (
    SELECT 1 AS dir, pkg, loc, ct, st, r, s, e FROM now_lines
    UNION ALL
    SELECT -1, pkg, loc, ct, st, r, s, e FROM now_lines
    WHERE "id" NOT IN (SELECT n."id" FROM unnest(new_lines) n WHERE n."councilId" = council)
    UNION ALL
    SELECT -1, o."packageId", o."packageLocalityId", o."contractType", o."type", o."providerCqcRating", o."startDate", coalesce(o."endDate", 'infinity'::date)
    FROM unnest(old_lines) o WHERE o."councilId" = council AND o."contractId" IS NOT NULL
  ),
  owned AS (
    SELECT dir, pkg, sc.scope, k.dim, k.key, s, e
    FROM lines
    CROSS JOIN LATERAL (VALUES (council), (loc)) sc(scope)
    CROSS JOIN LATERAL "market_line_keys"(ct, st, r) k
    WHERE sc.scope IS NOT NULL AND k.dim > 0
  ),
  marked AS (
    SELECT *, CASE WHEN s <= max(e) OVER (PARTITION BY dir, pkg, scope, dim, key ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                   THEN 0 ELSE 1 END AS starts
    FROM owned
  ),
  spans AS (
    SELECT dir, scope, dim, key, min(s) AS s, max(e) AS e
    FROM (SELECT *, sum(starts) OVER (PARTITION BY dir, pkg, scope, dim, key ORDER BY s, e) AS span FROM marked) m
    GROUP BY dir, pkg, scope, dim, key, span
  ),
  ev AS (
    SELECT scope, dim, key, s AS day, dir AS d FROM spans UNION ALL SELECT scope, dim, key, e, -dir FROM spans WHERE e < 'infinity'
  )
  INSERT INTO "MarketKeyChange" AS t ("councilId", "scope", "dim", "key", "day", "packages")
  SELECT council, scope, dim, key, day, sum(d) FROM ev GROUP BY scope, dim, key, day HAVING sum(d) <> 0 ORDER BY scope, dim, key, day
  ON CONFLICT ("councilId", "scope", "dim", "key", "day") DO UPDATE SET "packages" = t."packages" + excluded."packages";
$$;

-- Providers by kind, from their spans. For each (provider, kind, scope) the changed lines touch:
-- when a line as it was is not covered, day for day, by one line of the same kind there now (a
-- changed line as it is now, or else one read by index), the spans are worked out again from the
-- provider's lines of that kind; otherwise the spans that the lines as they are now meet are
-- merged with them (no line is read). The spans taken away and added move the day changes.
CREATE FUNCTION "market_key_providers"(council UUID, old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void
LANGUAGE sql AS $$
  WITH ch AS (
    SELECT l.dir, l."providerId" AS provider, sc.scope, k.dim, k.key, l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e
    FROM (SELECT -1 AS dir, * FROM unnest(old_lines) UNION ALL SELECT 1, * FROM unnest(new_lines)) l
    CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
    CROSS JOIN LATERAL "market_line_keys"(l."contractType", l."type", l."providerCqcRating") k
    WHERE l."councilId" = council AND l."contractId" IS NOT NULL AND l."providerId" IS NOT NULL AND sc.scope IS NOT NULL
  ),
  redo AS (
    SELECT DISTINCT provider, scope, dim, key FROM ch c
    WHERE c.dir = -1
      AND NOT EXISTS (
        SELECT 1 FROM ch a
        WHERE a.dir = 1 AND a.provider = c.provider AND a.scope = c.scope AND a.dim = c.dim AND a.key = c.key AND a.s <= c.s AND a.e >= c.e)
      AND NOT EXISTS (
        SELECT 1 FROM "ServiceLine" l
        WHERE l."councilId" = council AND l."providerId" = c.provider AND l."contractId" IS NOT NULL AND l."startDate" <= c.s
          AND coalesce(l."endDate", 'infinity'::date) >= c.e
          AND "market_line_is"(l."councilId", l."packageLocalityId", l."contractType", l."type", l."providerCqcRating", c.scope, c.dim, c.key))
  ),
  widen AS (
    SELECT c.provider, c.scope, c.dim, c.key, c.s, c.e FROM ch c
    WHERE c.dir = 1 AND (c.provider, c.scope, c.dim, c.key) NOT IN (SELECT * FROM redo)
  ),
  gone AS (
    DELETE FROM "MarketProviderSpan" ps
    USING (SELECT provider, scope, dim, key, '-infinity'::date AS s, 'infinity'::date AS e FROM redo UNION ALL SELECT * FROM widen) x
    WHERE ps."councilId" = council AND ps."providerId" = x.provider AND ps."dim" = x.dim AND ps."key" = x.key AND ps."scope" = x.scope
      AND ps."start" <= x.e AND ps."end" >= x.s
    RETURNING ps."providerId" AS provider, ps."scope", ps."dim", ps."key", ps."start" AS s, ps."end" AS e
  ),
  parts AS (
    SELECT r.provider, r.scope, r.dim, r.key, l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e
    FROM redo r
    CROSS JOIN LATERAL (
      SELECT * FROM "ServiceLine" l
      WHERE l."councilId" = council AND l."providerId" = r.provider AND l."contractId" IS NOT NULL
        AND "market_line_is"(l."councilId", l."packageLocalityId", l."contractType", l."type", l."providerCqcRating", r.scope, r.dim, r.key)
    ) l
    UNION ALL
    SELECT g.* FROM gone g WHERE (g.provider, g.scope, g.dim, g.key) NOT IN (SELECT * FROM redo)
    UNION ALL
    SELECT * FROM widen
  ),
  marked AS (
    SELECT *, CASE WHEN s <= max(e) OVER (PARTITION BY provider, scope, dim, key ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                   THEN 0 ELSE 1 END AS starts
    FROM parts
  ),
  added AS (
    INSERT INTO "MarketProviderSpan" ("councilId", "providerId", "dim", "key", "scope", "start", "end")
    SELECT council, provider, dim, key, scope, min(s), max(e)
    FROM (SELECT *, sum(starts) OVER (PARTITION BY provider, scope, dim, key ORDER BY s, e) AS span FROM marked) m
    GROUP BY provider, scope, dim, key, span
    RETURNING "scope", "dim", "key", "start" AS s, "end" AS e
  ),
  ev AS (
    SELECT scope, dim, key, s AS day, -1 AS d FROM gone UNION ALL SELECT scope, dim, key, e, 1 FROM gone WHERE e < 'infinity'
    UNION ALL
    SELECT scope, dim, key, s, 1 FROM added UNION ALL SELECT scope, dim, key, e, -1 FROM added WHERE e < 'infinity'
  )
  INSERT INTO "MarketKeyChange" AS t ("councilId", "scope", "dim", "key", "day", "providers")
  SELECT council, scope, dim, key, day, sum(d) FROM ev GROUP BY scope, dim, key, day HAVING sum(d) <> 0 ORDER BY scope, dim, key, day
  ON CONFLICT ("councilId", "scope", "dim", "key", "day") DO UPDATE SET "providers" = t."providers" + excluded."providers";
$$;

-- Lines as they were (taken away) and as they are (added): their hours and cost by kind on the
-- days they start and end, then their packages' and providers' spans. Two changes to the same
-- package or provider wait for each other; a change to many packages at once (a provider's new
-- rating) waits for every other change to the council's lines instead.
CREATE FUNCTION "market_keys_apply"(old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  INSERT INTO "MarketKeyChange" AS t ("councilId", "scope", "dim", "key", "day", "hours", "cost")
  SELECT l."councilId", sc.scope, k.dim, k.key, ev.day, sum(ev.d * l."hoursPerWeek"), coalesce(sum(ev.d * l."hoursPerWeek" * l."hourlyRate"), 0)
  FROM (SELECT -1 AS dir, * FROM unnest(old_lines) UNION ALL SELECT 1, * FROM unnest(new_lines)) l
  CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
  CROSS JOIN LATERAL "market_line_keys"(l."contractType", l."type", l."providerCqcRating") k
  CROSS JOIN LATERAL (VALUES (l."startDate", l.dir), (l."endDate", -l.dir)) ev(day, d)
  WHERE l."contractId" IS NOT NULL AND sc.scope IS NOT NULL AND ev.day IS NOT NULL AND k.dim > 0
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(ev.d * l."hoursPerWeek") <> 0 OR coalesce(sum(ev.d * l."hoursPerWeek" * l."hourlyRate"), 0) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("councilId", "scope", "dim", "key", "day") DO UPDATE
    SET "hours" = t."hours" + excluded."hours", "cost" = t."cost" + excluded."cost";

  FOR r IN
    SELECT l."councilId" AS council, array_agg(DISTINCT l."packageId" ORDER BY l."packageId") AS packages,
           coalesce(array_agg(DISTINCT l."providerId" ORDER BY l."providerId") FILTER (WHERE l."providerId" IS NOT NULL), '{}') AS providers
    FROM (SELECT * FROM unnest(old_lines) UNION ALL SELECT * FROM unnest(new_lines)) l
    WHERE l."contractId" IS NOT NULL
    GROUP BY 1 ORDER BY 1
  LOOP
    IF cardinality(r.packages) > 64 THEN
      PERFORM pg_advisory_xact_lock(hashtextextended('market_keys:' || r.council::text, 0));
    ELSE
      PERFORM pg_advisory_xact_lock_shared(hashtextextended('market_keys:' || r.council::text, 0));
      PERFORM pg_advisory_xact_lock(hashtextextended('market_keys:' || x::text, 0))
      FROM unnest(r.providers || r.packages) x ORDER BY x;
    END IF;
    PERFORM "market_key_packages"(r.council, r.packages, old_lines, new_lines);
    PERFORM "market_key_providers"(r.council, old_lines, new_lines);
  END LOOP;
END
$$;

-- The weekly rollup's trigger functions call this one too, for the lines changed in what it counts
-- (which takes in the line's service type, provider and provider's rating as well).
CREATE OR REPLACE FUNCTION "service_line_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added "ServiceLine"[] := ARRAY(SELECT n::"ServiceLine" FROM new_lines n WHERE n."contractId" IS NOT NULL);
BEGIN
  PERFORM "market_rollup_apply"('{}'::"ServiceLine"[], added);
  PERFORM "market_keys_apply"('{}'::"ServiceLine"[], added);
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "service_line_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  removed "ServiceLine"[] := ARRAY(SELECT o::"ServiceLine" FROM old_lines o WHERE o."contractId" IS NOT NULL);
BEGIN
  PERFORM "market_rollup_apply"(removed, '{}'::"ServiceLine"[]);
  PERFORM "market_keys_apply"(removed, '{}'::"ServiceLine"[]);
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "service_line_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "market_rollup_apply"(
    ARRAY(SELECT o::"ServiceLine" FROM old_lines o JOIN new_lines n ON n."councilId" = o."councilId" AND n."id" = o."id"
          WHERE (o."contractId" IS NOT NULL OR n."contractId" IS NOT NULL) AND (o."packageId", o."packageLocalityId", o."startDate", o."endDate", o."contractId" IS NULL, o."hoursPerWeek", o."hourlyRate", o."contractType")
                IS DISTINCT FROM (n."packageId", n."packageLocalityId", n."startDate", n."endDate", n."contractId" IS NULL, n."hoursPerWeek", n."hourlyRate", n."contractType")),
    ARRAY(SELECT n::"ServiceLine" FROM old_lines o JOIN new_lines n ON n."councilId" = o."councilId" AND n."id" = o."id"
          WHERE (o."contractId" IS NOT NULL OR n."contractId" IS NOT NULL) AND (o."packageId", o."packageLocalityId", o."startDate", o."endDate", o."contractId" IS NULL, o."hoursPerWeek", o."hourlyRate", o."contractType")
                IS DISTINCT FROM (n."packageId", n."packageLocalityId", n."startDate", n."endDate", n."contractId" IS NULL, n."hoursPerWeek", n."hourlyRate", n."contractType")));
  PERFORM "market_keys_apply"(
    ARRAY(SELECT o::"ServiceLine" FROM old_lines o JOIN new_lines n ON n."councilId" = o."councilId" AND n."id" = o."id"
          WHERE (o."contractId" IS NOT NULL OR n."contractId" IS NOT NULL)
            AND (o."packageId", o."packageLocalityId", o."startDate", o."endDate", o."contractId" IS NULL, o."hoursPerWeek", o."hourlyRate", o."contractType", o."type", o."providerId", o."providerCqcRating")
                IS DISTINCT FROM (n."packageId", n."packageLocalityId", n."startDate", n."endDate", n."contractId" IS NULL, n."hoursPerWeek", n."hourlyRate", n."contractType", n."type", n."providerId", n."providerCqcRating")),
    ARRAY(SELECT n::"ServiceLine" FROM old_lines o JOIN new_lines n ON n."councilId" = o."councilId" AND n."id" = o."id"
          WHERE (o."contractId" IS NOT NULL OR n."contractId" IS NOT NULL)
            AND (o."packageId", o."packageLocalityId", o."startDate", o."endDate", o."contractId" IS NULL, o."hoursPerWeek", o."hourlyRate", o."contractType", o."type", o."providerId", o."providerCqcRating")
                IS DISTINCT FROM (n."packageId", n."packageLocalityId", n."startDate", n."endDate", n."contractId" IS NULL, n."hoursPerWeek", n."hourlyRate", n."contractType", n."type", n."providerId", n."providerCqcRating")));
  RETURN NULL;
END
$$;

-- The whole rollup by kind from the lines, for rows written with triggers off (and the rows
-- already there).
CREATE FUNCTION "market_keys_rebuild"() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
BEGIN
  DELETE FROM "MarketProviderSpan";
  DELETE FROM "MarketKeyChange";
  INSERT INTO "MarketProviderSpan" ("councilId", "providerId", "dim", "key", "scope", "start", "end")
  SELECT c, owner, dim, key, scope, min(s), max(e)
  FROM (
    SELECT *, sum(starts) OVER (PARTITION BY c, owner, dim, key, scope ORDER BY s, e) AS span
    FROM (
      SELECT *, CASE WHEN s <= max(e) OVER (PARTITION BY c, owner, dim, key, scope ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                     THEN 0 ELSE 1 END AS starts
      FROM (
        SELECT l."councilId" AS c, l."providerId" AS owner, k.dim, k.key, sc.scope, l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e
        FROM "ServiceLine" l
        CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
        CROSS JOIN LATERAL "market_line_keys"(l."contractType", l."type", l."providerCqcRating") k
        WHERE l."contractId" IS NOT NULL AND l."providerId" IS NOT NULL AND sc.scope IS NOT NULL
      ) o
    ) m
  ) n
  GROUP BY c, owner, dim, key, scope, span;

  INSERT INTO "MarketKeyChange" ("councilId", "scope", "dim", "key", "day", "hours", "cost", "packages", "providers")
  SELECT c, scope, dim, key, day, sum(h), sum(cost), sum(pk), sum(pr)
  FROM (
    -- Hours and cost.
    SELECT l."councilId" AS c, sc.scope, k.dim, k.key, ev.day, ev.d * l."hoursPerWeek" AS h, coalesce(ev.d * l."hoursPerWeek" * l."hourlyRate", 0) AS cost,
           0 AS pk, 0 AS pr
    FROM "ServiceLine" l
    CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
    CROSS JOIN LATERAL "market_line_keys"(l."contractType", l."type", l."providerCqcRating") k
    CROSS JOIN LATERAL (VALUES (l."startDate", 1), (l."endDate", -1)) ev(day, d)
    WHERE l."contractId" IS NOT NULL AND sc.scope IS NOT NULL AND ev.day IS NOT NULL AND k.dim > 0
    UNION ALL
    -- Packages: the spans of each package's lines of a kind.
    SELECT c, scope, dim, key, ev.day, 0, 0, ev.d, 0
    FROM (
      SELECT c, scope, dim, key, min(s) AS s, max(e) AS e
      FROM (
        SELECT *, sum(starts) OVER (PARTITION BY c, owner, scope, dim, key ORDER BY s, e) AS span
        FROM (
          SELECT *, CASE WHEN s <= max(e) OVER (PARTITION BY c, owner, scope, dim, key ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                         THEN 0 ELSE 1 END AS starts
          FROM (
            SELECT l."councilId" AS c, l."packageId" AS owner, sc.scope, k.dim, k.key, l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e
            FROM "ServiceLine" l
            CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
            CROSS JOIN LATERAL "market_line_keys"(l."contractType", l."type", l."providerCqcRating") k
            WHERE l."contractId" IS NOT NULL AND sc.scope IS NOT NULL AND k.dim > 0
          ) o
        ) m
      ) n
      GROUP BY c, owner, scope, dim, key, span
    ) sp
    CROSS JOIN LATERAL (VALUES (sp.s, 1), (sp.e, -1)) ev(day, d)
    WHERE ev.day < 'infinity'
    UNION ALL
    -- Providers: their spans.
    SELECT ps."councilId", ps."scope", ps."dim", ps."key", ev.day, 0, 0, 0, ev.d
    FROM "MarketProviderSpan" ps
    CROSS JOIN LATERAL (VALUES (ps."start", 1), (ps."end", -1)) ev(day, d)
    WHERE ev.day < 'infinity'
  ) x
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(h) <> 0 OR sum(cost) <> 0 OR sum(pk) <> 0 OR sum(pr) <> 0;
END
$$;

SELECT "market_keys_rebuild"();
