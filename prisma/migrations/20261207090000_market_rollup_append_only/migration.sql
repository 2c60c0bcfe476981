-- The two rollups of the market (market_weekly_rollup and market_key_rollup) become append-only.
-- Each change to the placed lines used to add itself into the one row of its council (and of its
-- locality) for the day, by INSERT ... ON CONFLICT DO UPDATE: every acceptance of an offer starting
-- on the same day updated the same rows, and each held them locked until it committed, so
-- acceptances queued behind one another. Now each change inserts rows of its own, which nothing
-- else locks. The readers already sum the rows of a day, so they read the same figures; the worker
-- folds each council's rows of a day back into one every few minutes (market_rollup_compact), so
-- the tables stay as small as before.

ALTER TABLE "MarketDayChange" DROP CONSTRAINT "MarketDayChange_pkey";
ALTER TABLE "MarketDayChange" ADD COLUMN "id" BIGSERIAL NOT NULL;
ALTER TABLE "MarketDayChange" ADD CONSTRAINT "MarketDayChange_pkey" PRIMARY KEY ("id");
CREATE INDEX "MarketDayChange_councilId_scope_day_idx" ON "MarketDayChange" ("councilId", "scope", "day");

ALTER TABLE "MarketKeyChange" DROP CONSTRAINT "MarketKeyChange_pkey";
ALTER TABLE "MarketKeyChange" ADD COLUMN "id" BIGSERIAL NOT NULL;
ALTER TABLE "MarketKeyChange" ADD CONSTRAINT "MarketKeyChange_pkey" PRIMARY KEY ("id");
CREATE INDEX "MarketKeyChange_councilId_scope_dim_key_day_idx" ON "MarketKeyChange" ("councilId", "scope", "dim", "key", "day");

-- A package's and its person's spans are read from their own lines, package by package.
CREATE OR REPLACE FUNCTION "market_spans"(council UUID, packages UUID[], people UUID[])
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
    FROM (
      SELECT p."councilId", p."id", p."personId" FROM "Package" p WHERE p."councilId" = council AND p."id" = ANY (packages)
      UNION
      SELECT p."councilId", p."id", p."personId" FROM "Package" p WHERE p."councilId" = council AND p."personId" = ANY (people)
    ) p
    -- OFFSET 0 keeps this a lookup by package (an index scan for each), which the planner would
    -- otherwise turn into a scan of every placed line of the council.
    CROSS JOIN LATERAL (
      SELECT l."packageLocalityId", l."startDate", l."endDate" FROM "ServiceLine" l
      WHERE l."councilId" = p."councilId" AND l."packageId" = p."id" AND l."contractId" IS NOT NULL OFFSET 0
    ) l
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

CREATE OR REPLACE FUNCTION "market_rollup_refresh"(council UUID, packages UUID[]) RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
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
  INSERT INTO "MarketDayChange" ("councilId", "scope", "day", "packages", "people")
  SELECT council, scope, day, coalesce(sum(d) FILTER (WHERE kind = 0), 0), coalesce(sum(d) FILTER (WHERE kind = 1), 0)
  FROM ev GROUP BY scope, day
  HAVING sum(d) FILTER (WHERE kind = 0) IS DISTINCT FROM 0 OR sum(d) FILTER (WHERE kind = 1) IS DISTINCT FROM 0;
END
$$;

CREATE OR REPLACE FUNCTION "market_rollup_apply"(old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  r RECORD;
BEGIN
  -- A statement that changed no line the rollups count (a losing acceptance, a status copied onto
  -- the lines) has nothing to add.
  IF cardinality(old_lines) = 0 AND cardinality(new_lines) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO "MarketDayChange" ("councilId", "scope", "day", "hours", "cost", "localityHours", "isfHours", "spotHours")
  SELECT l."councilId", sc.scope, ev.day, sum(ev.d * l."hoursPerWeek"), coalesce(sum(ev.d * l."hoursPerWeek" * l."hourlyRate"), 0),
         coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'LOCALITY'), 0),
         coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'ISF'), 0),
         coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'SPOT'), 0)
  FROM (SELECT -1 AS dir, * FROM unnest(old_lines) UNION ALL SELECT 1, * FROM unnest(new_lines)) l
  CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
  CROSS JOIN LATERAL (VALUES (l."startDate", l.dir), (l."endDate", -l.dir)) ev(day, d)
  WHERE l."contractId" IS NOT NULL AND sc.scope IS NOT NULL AND ev.day IS NOT NULL
  GROUP BY 1, 2, 3
  HAVING sum(ev.d * l."hoursPerWeek") <> 0 OR coalesce(sum(ev.d * l."hoursPerWeek" * l."hourlyRate"), 0) <> 0
      OR coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'LOCALITY'), 0) <> 0
      OR coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'ISF'), 0) <> 0
      OR coalesce(sum(ev.d * l."hoursPerWeek") FILTER (WHERE l."contractType" = 'SPOT'), 0) <> 0;

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

CREATE OR REPLACE FUNCTION "market_key_packages"(council UUID, packages UUID[], old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
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
    INSERT INTO "MarketKeyChange" ("councilId", "scope", "dim", "key", "day", "packages")
    SELECT council, scope, dim, key, day, sum(d) FROM ev GROUP BY scope, dim, key, day HAVING sum(d) <> 0;
END
$$;

CREATE OR REPLACE FUNCTION "market_key_providers"(council UUID, old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
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
    INSERT INTO "MarketKeyChange" ("councilId", "scope", "dim", "key", "day", "providers")
    SELECT council, scope, dim, key, day, sum(d) FROM ev GROUP BY scope, dim, key, day HAVING sum(d) <> 0;
END
$$;

CREATE OR REPLACE FUNCTION "market_keys_apply"(old_lines "ServiceLine"[], new_lines "ServiceLine"[]) RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  r RECORD;
BEGIN
  -- A statement that changed no line the rollups count (a losing acceptance, a status copied onto
  -- the lines) has nothing to add.
  IF cardinality(old_lines) = 0 AND cardinality(new_lines) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO "MarketKeyChange" ("councilId", "scope", "dim", "key", "day", "hours", "cost")
  SELECT l."councilId", sc.scope, k.dim, k.key, ev.day, sum(ev.d * l."hoursPerWeek"), coalesce(sum(ev.d * l."hoursPerWeek" * l."hourlyRate"), 0)
  FROM (SELECT -1 AS dir, * FROM unnest(old_lines) UNION ALL SELECT 1, * FROM unnest(new_lines)) l
  CROSS JOIN LATERAL (VALUES (l."councilId"), (l."packageLocalityId")) sc(scope)
  CROSS JOIN LATERAL "market_line_keys"(l."contractType", l."type", l."providerCqcRating") k
  CROSS JOIN LATERAL (VALUES (l."startDate", l.dir), (l."endDate", -l.dir)) ev(day, d)
  WHERE l."contractId" IS NOT NULL AND sc.scope IS NOT NULL AND ev.day IS NOT NULL AND k.dim > 0
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(ev.d * l."hoursPerWeek") <> 0 OR coalesce(sum(ev.d * l."hoursPerWeek" * l."hourlyRate"), 0) <> 0;

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

-- Folds a council's rows of the same scope and day (and kind) into one, dropping those that sum to
-- nothing. One statement per table, so a reader sees the rows before or after, never between; rows
-- inserted while it runs are not in its snapshot, and are left for the next time.
CREATE FUNCTION "market_rollup_compact"(council UUID) RETURNS TABLE ("dayRows" BIGINT, "keyRows" BIGINT) LANGUAGE plpgsql AS $$
DECLARE
  day_rows BIGINT;
  key_rows BIGINT;
BEGIN
  WITH many AS (
    SELECT "scope", "day" FROM "MarketDayChange" WHERE "councilId" = council GROUP BY 1, 2 HAVING count(*) > 1
  ),
  gone AS (
    DELETE FROM "MarketDayChange" c USING many m
    WHERE c."councilId" = council AND c."scope" = m."scope" AND c."day" = m."day"
    RETURNING c.*
  ),
  folded AS (
    INSERT INTO "MarketDayChange" ("councilId", "scope", "day", "hours", "cost", "localityHours", "isfHours", "spotHours", "packages", "people")
    SELECT council, "scope", "day", sum("hours"), sum("cost"), sum("localityHours"), sum("isfHours"), sum("spotHours"), sum("packages"), sum("people")
    FROM gone GROUP BY "scope", "day"
    HAVING sum("hours") <> 0 OR sum("cost") <> 0 OR sum("localityHours") <> 0 OR sum("isfHours") <> 0 OR sum("spotHours") <> 0
        OR sum("packages") <> 0 OR sum("people") <> 0
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM folded) INTO day_rows;

  WITH many AS (
    SELECT "scope", "dim", "key", "day" FROM "MarketKeyChange" WHERE "councilId" = council GROUP BY 1, 2, 3, 4 HAVING count(*) > 1
  ),
  gone AS (
    DELETE FROM "MarketKeyChange" c USING many m
    WHERE c."councilId" = council AND c."scope" = m."scope" AND c."dim" = m."dim" AND c."key" = m."key" AND c."day" = m."day"
    RETURNING c.*
  ),
  folded AS (
    INSERT INTO "MarketKeyChange" ("councilId", "scope", "dim", "key", "day", "hours", "cost", "packages", "providers")
    SELECT council, "scope", "dim", "key", "day", sum("hours"), sum("cost"), sum("packages"), sum("providers")
    FROM gone GROUP BY "scope", "dim", "key", "day"
    HAVING sum("hours") <> 0 OR sum("cost") <> 0 OR sum("packages") <> 0 OR sum("providers") <> 0
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM folded) INTO key_rows;

  RETURN QUERY SELECT day_rows, key_rows;
END
$$;
