// `npm run bench:dashboards`: the commissioners' dashboard queries on a market of 1,000,000
// service lines, in a database of their own (embedded PostgreSQL on port 54399, data in
// .data/bench-dashboards; BENCH_PG_PORT changes the port). Rows are made in bulk with
// generate_series, deterministically (hash-based, no random()). Prints each query's time: the
// median of five runs after a warm-up. Target: under 300 ms each.
//
//   npm run bench:dashboards            build the market if it is not there, then time
//   npm run bench:dashboards -- --fresh  rebuild the market first
//   npm run bench:dashboards -- --only=pick-up-times,waiting   time only these sections
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// lib/ files are server-only: a server loads them under the react-server condition.
if (!process.env.BENCH_DASHBOARDS_CHILD) {
  const tsx = path.resolve('node_modules', '.bin', 'tsx');
  const child = spawnSync(tsx, ['--conditions=react-server', __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_DASHBOARDS_CHILD: '1' },
  });
  process.exit(child.status ?? 1);
}

const LINES_TARGET = 1_000_000;
const PACKAGES = Math.ceil(LINES_TARGET / 3);
const PEOPLE = 200_000;
const LOCALITIES = 35;
const PROVIDERS = 82;
const NOW = new Date();

async function main() {
  const pg = (await import('pg')).default;
  const { startEmbedded } = await import('@/lib/database/server');
  const { migrateDeploy } = await import('@/lib/database/migrate');
  const { createPrismaClient } = await import('@/lib/database/client');
  const { dashboardFilters } = await import('@/lib/dashboard/filters');
  const { SECTIONS } = await import('@/lib/dashboard/sections');

  const port = Number(process.env.BENCH_PG_PORT ?? 54399);
  const server = await startEmbedded({ dir: path.resolve('.data', 'bench-dashboards'), port, database: 'postgres', disposable: true });
  const adminUrl = server.url;
  const url = new URL(adminUrl);
  url.pathname = '/homefirst_bench';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // The build marks the database when it finishes, so a half-built one is rebuilt.
  const exists =
    (await admin.query(`SELECT 1 FROM pg_database d WHERE datname = 'homefirst_bench' AND shobj_description(d.oid, 'pg_database') = 'built'`)).rowCount === 1;
  const fresh = process.argv.includes('--fresh') || !exists;
  if (fresh) {
    await admin.query('DROP DATABASE IF EXISTS homefirst_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE homefirst_bench');
  }
  await admin.end();

  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  // Every run brings the market up to the latest migrations (indexes, rollups), then builds it
  // if it is new, so a change to the schema is timed on the same rows.
  console.log('Migrating…');
  await migrateDeploy(url.toString());
  if (fresh) {
    await build(db);
    await db.query(`COMMENT ON DATABASE homefirst_bench IS 'built'`);
  }
  await db.query('VACUUM (ANALYZE) "ServiceLine", "Package", "Visit", "Placement", "Budget", "PackageFundingSpan"');
  const councilId = (await db.query<{ id: string }>(`SELECT id FROM "Council" WHERE code = 'BENCH'`)).rows[0].id;
  const lines = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "ServiceLine"`)).rows[0].n);
  const localityId = (await db.query<{ id: string }>(`SELECT id FROM "Locality" WHERE "councilId" = $1 ORDER BY code LIMIT 1`, [councilId])).rows[0].id;
  await db.end();

  const prisma = createPrismaClient(url.toString(), { max: 4 });
  console.log(`\n${lines.toLocaleString('en-GB')} service lines. Median of 5 runs after a warm-up:\n`);
  const runs: [string, ReturnType<typeof dashboardFilters>][] = [
    ['all localities', dashboardFilters({}, NOW)],
    ['one locality', dashboardFilters({ locality: localityId }, NOW)],
  ];
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  let slow = 0;
  for (const [label, filters] of runs) {
    console.log(`  ${label}`);
    for (const section of SECTIONS.filter((s) => !only || only.includes(s.slug))) {
      const times: number[] = [];
      try {
        await section.load(prisma, councilId, filters);
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          await section.load(prisma, councilId, filters);
          times.push(performance.now() - t);
        }
      } catch (error) {
        slow++;
        console.log(`    ${section.slug.padEnd(16)}   FAILED: ${(error as Error).message.split('\n').filter(Boolean).at(-1)}`);
        continue;
      }
      const median = times.sort((a, b) => a - b)[2];
      if (median >= 300) slow++;
      console.log(`    ${section.slug.padEnd(16)} ${median.toFixed(1).padStart(8)} ms ${median >= 300 ? '  OVER 300 ms' : ''}`);
    }
  }
  await prisma.$disconnect();
  await server.stop();
  console.log(slow ? `\n${slow} over the 300 ms target.` : '\nAll under 300 ms.');
}

async function build(db: import('pg').Client) {
  const step = async (label: string, sql: string) => {
    const t = performance.now();
    const r = await db.query(sql);
    console.log(`  ${label.padEnd(22)} ${String(r.rowCount ?? '').padStart(9)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  };
  console.log('Building the market…');
  // Bulk rows go in with triggers off (session_replication_role); the copies the triggers keep
  // (the dashboard_facts migration) are then filled in once, as that migration does.
  await db.query('SET session_replication_role = replica');
  const now = `'${NOW.toISOString()}'::timestamptz AT TIME ZONE 'UTC'`;
  // u(key): a uniform number in [0, 1) from a key, the same on every run.
  await db.query(
    `CREATE FUNCTION bench_u(t text) RETURNS float8 IMMUTABLE LANGUAGE sql AS $$ SELECT ('x' || substr(md5(t), 1, 8))::bit(32)::bigint / 4294967296.0 $$`,
  );
  await db.query(`CREATE FUNCTION bench_id(t text) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$ SELECT md5(t)::uuid $$`);
  await step(
    'council',
    `INSERT INTO "Council" (id, code, name) VALUES (bench_id('council'), 'BENCH', 'Bench District'), (bench_id('other'), 'OTHER', 'Other council')`,
  );
  await step(
    'hospital',
    `INSERT INTO "Hospital" ("councilId", id, code, name) VALUES (bench_id('council'), bench_id('hospital'), 'BRI', 'Bradford Royal Infirmary')`,
  );
  await step(
    'localities',
    `INSERT INTO "Locality" ("councilId", id, code, name, rural)
    SELECT bench_id('council'), bench_id('loc' || j), 'L' || lpad(j::text, 2, '0'), 'Locality ' || j, j > 28 FROM generate_series(1, ${LOCALITIES}) j`,
  );
  await step(
    'providers',
    `INSERT INTO "Provider" (id, name, "cqcLocationId", "cqcRating")
    SELECT bench_id('prov' || p), 'Provider ' || p, '1-bench-' || p,
      (ARRAY['OUTSTANDING','GOOD','GOOD','GOOD','GOOD','GOOD','GOOD','REQUIRES_IMPROVEMENT','INADEQUATE','NOT_RATED'])[1 + p % 10]::"CqcRating"
    FROM generate_series(1, ${PROVIDERS}) p`,
  );
  await step(
    'council providers',
    `INSERT INTO "CouncilProvider" ("councilId", "providerId") SELECT bench_id('council'), bench_id('prov' || p) FROM generate_series(1, ${PROVIDERS}) p`,
  );
  // Providers 1–16 hold locality contracts, 17–21 STEP, 22–23 discharge, 24–50 ISF, 51–60 ICB, the rest spot.
  await step(
    'contracts',
    `INSERT INTO "Contract" ("councilId", id, reference, "providerId", type, "hospitalId", "hourlyRate", "validFrom")
    SELECT bench_id('council'), bench_id('con' || p), 'C-' || p, bench_id('prov' || p), t.type::"ContractType", CASE WHEN t.type = 'DISCHARGE' THEN bench_id('hospital') END,
           18 + (p % 10) * 0.5, DATE '2019-04-01'
    FROM generate_series(1, ${PROVIDERS}) p,
    LATERAL (SELECT CASE WHEN p <= 16 THEN 'LOCALITY' WHEN p <= 21 THEN 'STEP' WHEN p <= 23 THEN 'DISCHARGE' WHEN p <= 50 THEN 'ISF' WHEN p <= 60 THEN 'ICB' ELSE 'SPOT' END AS type) t`,
  );
  await step(
    'contract localities',
    `INSERT INTO "ContractLocality" ("councilId", "contractId", "localityId")
    SELECT bench_id('council'), bench_id('con' || (1 + j % 16)), bench_id('loc' || j) FROM generate_series(1, ${LOCALITIES}) j`,
  );
  await step(
    'people',
    `INSERT INTO "Person" ("councilId", id, "givenName", "familyName", "dateOfBirth", "nhsNumber", "addressLine1", town, postcode, "localityId")
    SELECT bench_id('council'), bench_id('person' || i), 'Given', 'Family ' || i, DATE '1940-01-01' + (i % 9000), lpad(i::text, 10, '0'), i || ' Street', 'Town', 'BD1 1AA',
           bench_id('loc' || (1 + i % ${LOCALITIES}))
    FROM generate_series(1, ${PEOPLE}) i`,
  );
  // Packages: 30% placed, 60% ended, 4% cancelled, 1% waiting, 5% drafts, posted over five years.
  await step(
    'packages',
    `INSERT INTO "Package" ("councilId", id, reference, "personId", "localityId", pathway, "hospitalId", status, "postedAt", "placedAt", "endedAt", "cancelledAt", "updatedAt")
    SELECT bench_id('council'), bench_id('pkg' || i), 'B-' || i, bench_id('person' || (1 + i % ${PEOPLE})), bench_id('loc' || (1 + (1 + i % ${PEOPLE}) % ${LOCALITIES})),
           s.pathway::"Pathway", CASE WHEN s.pathway = 'HOSPITAL_DISCHARGE' THEN bench_id('hospital') END, s.status::"PackageStatus",
           CASE WHEN s.status <> 'DRAFT' THEN s.posted END,
           CASE WHEN s.status IN ('PLACED', 'ENDED', 'CANCELLED') THEN s.posted + make_interval(secs => -ln(1 - bench_u('pick' || i)) * 86400) END,
           CASE WHEN s.status = 'ENDED' THEN least(s.posted + make_interval(days => 7 + (bench_u('end' || i) * 700)::int), ${now} - interval '1 day') END,
           CASE WHEN s.status = 'CANCELLED' THEN s.posted + interval '3 days' END,
           ${now}
    FROM generate_series(1, ${PACKAGES}) i,
    LATERAL (SELECT CASE WHEN bench_u('st' || i) < 0.30 THEN 'PLACED' WHEN bench_u('st' || i) < 0.90 THEN 'ENDED' WHEN bench_u('st' || i) < 0.94 THEN 'CANCELLED'
                         WHEN bench_u('st' || i) < 0.945 THEN 'OFFERING' WHEN bench_u('st' || i) < 0.95 THEN 'OPEN_MARKET' ELSE 'DRAFT' END AS status,
                    CASE WHEN bench_u('pw' || i) < 0.9 THEN 'LONG_TERM' WHEN bench_u('pw' || i) < 0.97 THEN 'REABLEMENT' ELSE 'HOSPITAL_DISCHARGE' END AS pathway,
                    CASE WHEN bench_u('st' || i) >= 0.94 AND bench_u('st' || i) < 0.95 THEN ${now} - make_interval(hours => (bench_u('age' || i) * 500)::int)
                         ELSE ${now} - make_interval(days => 10 + (bench_u('age' || i) * 1800)::int) END AS posted) s`,
  );
  // Who pays, in about the shares a council sees: 6% continuing health care, 4% split with the ICB,
  // 2% Section 117 aftercare; three in five of the rest pay a contribution from their financial
  // assessment; half the reablement packages had their review at five and a half weeks.
  await step(
    'who pays',
    `UPDATE "Package" p SET funding = CASE WHEN f.u < 0.06 THEN 'ICB' ELSE 'COUNCIL' END::"Funding",
      "icbSharePercent" = CASE WHEN f.u >= 0.06 AND f.u < 0.10 THEN 20 + round(bench_u('share' || p.id) * 60) END,
      "s117Aftercare" = f.u >= 0.10 AND f.u < 0.12,
      "clientContributionWeekly" = CASE WHEN f.paying THEN round((bench_u('amount' || p.id) * 150)::numeric, 2) END,
      "financialAssessmentOn" = CASE WHEN f.paying THEN p."postedAt"::date END,
      "reablementReviewedOn" = CASE WHEN p.pathway = 'REABLEMENT' AND bench_u('review' || p.id) < 0.5 THEN p."postedAt"::date + 40 END
    FROM (SELECT id, bench_u('fund' || id) AS u, bench_u('fund' || id) >= 0.12 AND bench_u('pays' || id) < 0.6 AS paying FROM "Package") f
    WHERE f.id = p.id AND p."councilId" = bench_id('council') AND p."postedAt" IS NOT NULL`,
  );
  await step(
    'visits',
    `INSERT INTO "Visit" ("councilId", id, "packageId", days, start, minutes, carers)
    SELECT bench_id('council'), bench_id('visit' || i || '-' || k), bench_id('pkg' || i),
           CASE WHEN bench_u('vd' || i || k) < 0.6 THEN ARRAY['MON','TUE','WED','THU','FRI','SAT','SUN'] ELSE ARRAY['MON','WED','FRI'] END::"Weekday"[],
           (ARRAY['06:30','07:30','08:00','12:00','13:00','15:00','17:30','21:00','22:30','23:00'])[1 + floor(bench_u('vs' || i || k) * 10)::int],
           (ARRAY[30, 45, 60])[1 + floor(bench_u('vm' || i || k) * 3)::int],
           CASE WHEN bench_u('vc' || i) < 0.45 THEN 2 ELSE 1 END
    FROM generate_series(1, ${PACKAGES}) i, generate_series(1, 2) k`,
  );
  // Three lines a package: personal care and domestic, and an earlier version that ended. 3% of
  // ended packages' lines and 5% of cancelled ones were never ended; 2% of placed packages were
  // placed twice and their first provider's line never ended.
  await step(
    'service lines',
    `INSERT INTO "ServiceLine" ("councilId", id, "packageId", type, "hoursPerWeek", "doubleHanded", "startDate", "endDate", "providerId", "contractId", "hourlyRate")
    SELECT bench_id('council'), bench_id('line' || pk.i || '-' || k), pk.id,
           (ARRAY['PERSONAL_CARE','DOMESTIC','PERSONAL_CARE'])[k]::"ServiceType",
           round((1 + bench_u('h' || pk.i || k) * 12)::numeric, 2), bench_u('vc' || pk.i) < 0.45,
           CASE WHEN k = 3 THEN coalesce(pk."placedAt", pk."postedAt", ${now})::date - 120 ELSE coalesce(pk."placedAt", pk."postedAt", ${now})::date END,
           CASE WHEN k = 3 AND NOT pk.twice THEN coalesce(pk."placedAt", pk."postedAt", ${now})::date
                WHEN k = 3 THEN NULL
                WHEN pk.status = 'ENDED' AND bench_u('ue' || pk.i) >= 0.03 THEN greatest(pk."endedAt"::date, pk."placedAt"::date)
                WHEN pk.status = 'CANCELLED' AND bench_u('ue' || pk.i) >= 0.05 THEN greatest(pk."cancelledAt"::date, pk."placedAt"::date)
                ELSE NULL END,
           CASE WHEN pk.placed THEN bench_id('prov' || CASE WHEN k = 3 AND pk.twice THEN pk.p2 ELSE pk.p END) END,
           CASE WHEN pk.placed THEN bench_id('con' || CASE WHEN k = 3 AND pk.twice THEN pk.p2 ELSE pk.p END) END,
           CASE WHEN pk.placed THEN 18 + ((CASE WHEN k = 3 AND pk.twice THEN pk.p2 ELSE pk.p END) % 10) * 0.5 END
    FROM (SELECT p.*, substr(p.reference, 3)::int AS i,
                 p.status IN ('PLACED', 'ENDED', 'CANCELLED') AS placed,
                 1 + floor(${PROVIDERS} * power(bench_u('p' || substr(p.reference, 3)), 2))::int AS p,
                 1 + floor(${PROVIDERS} * bench_u('p2' || substr(p.reference, 3)))::int AS p2,
                 p.status = 'PLACED' AND bench_u('tw' || substr(p.reference, 3)) < 0.02 AS twice
          FROM "Package" p WHERE p."councilId" = bench_id('council')) pk,
         generate_series(1, 3) k`,
  );
  await step(
    'placements',
    `INSERT INTO "Placement" ("councilId", id, "packageId", "providerId", "contractId", "startedAt", "endedAt")
    SELECT bench_id('council'), bench_id('pl' || l."packageId" || l."providerId"), l."packageId", l."providerId", l."contractId", pk."placedAt",
           CASE WHEN l."endDate" IS NULL AND pk.status = 'PLACED' AND l.type = 'PERSONAL_CARE' AND l."startDate" < pk."placedAt"::date THEN pk."placedAt" - interval '1 day'
                ELSE coalesce(pk."endedAt", pk."cancelledAt") END
    FROM (SELECT DISTINCT ON ("packageId", "providerId") * FROM "ServiceLine" WHERE "providerId" IS NOT NULL ORDER BY "packageId", "providerId", "startDate") l
    JOIN "Package" pk ON pk."councilId" = l."councilId" AND pk.id = l."packageId"`,
  );
  // The other council: a tenth of the size, so every query has to find its own council's rows.
  await step('other council lines', `INSERT INTO "Locality" ("councilId", id, code, name) VALUES (bench_id('other'), bench_id('other-loc'), 'O1', 'Other')`);
  await step(
    '',
    `INSERT INTO "Person" ("councilId", id, "givenName", "familyName", "dateOfBirth", "nhsNumber", "addressLine1", town, postcode, "localityId")
    SELECT bench_id('other'), bench_id('o-person' || i), 'G', 'F', DATE '1940-01-01', lpad(i::text, 10, '0'), 'x', 'x', 'x', bench_id('other-loc') FROM generate_series(1, 30000) i`,
  );
  await step(
    '',
    `INSERT INTO "Package" ("councilId", id, reference, "personId", "localityId", pathway, status, "postedAt", "placedAt", "updatedAt")
    SELECT bench_id('other'), bench_id('o-pkg' || i), 'O-' || i, bench_id('o-person' || i), bench_id('other-loc'), 'LONG_TERM', 'PLACED', ${now} - interval '30 days', ${now} - interval '29 days', ${now}
    FROM generate_series(1, 30000) i`,
  );
  await step(
    '',
    `INSERT INTO "Contract" ("councilId", id, reference, "providerId", type, "hourlyRate", "validFrom") VALUES (bench_id('other'), bench_id('o-con'), 'O-C', bench_id('prov1'), 'SPOT', 20, DATE '2020-01-01')`,
  );
  await step(
    '',
    `INSERT INTO "ServiceLine" ("councilId", id, "packageId", type, "hoursPerWeek", "startDate", "providerId", "contractId", "hourlyRate")
    SELECT bench_id('other'), bench_id('o-line' || i || k), bench_id('o-pkg' || i), 'PERSONAL_CARE', 5, DATE '2020-01-01', bench_id('prov1'), bench_id('o-con'), 20
    FROM generate_series(1, 30000) i, generate_series(1, 3) k`,
  );
  // Budgets for the two financial years the default period touches; none for spot purchases.
  await step(
    'budgets',
    `INSERT INTO "Budget" ("councilId", "financialYear", "contractType", amount, "updatedAt")
    SELECT bench_id('council'), fy, t, 4000000 + 100000 * (fy % 7), ${now}
    FROM generate_series(extract(year FROM ${now})::int - 2, extract(year FROM ${now})::int + 1) fy, unnest(enum_range(NULL::"ContractType")) t
    WHERE t <> 'SPOT'`,
  );
  await step(
    'line package facts',
    `UPDATE "ServiceLine" l SET "packageLocalityId" = p."localityId", "packageStatus" = p.status,
      "packageClosedAt" = CASE p.status WHEN 'ENDED' THEN p."endedAt" WHEN 'CANCELLED' THEN p."cancelledAt" END,
      "contractType" = (SELECT c.type FROM "Contract" c WHERE c."councilId" = l."councilId" AND c.id = l."contractId"),
      "providerCqcRating" = (SELECT pr."cqcRating" FROM "Provider" pr WHERE pr.id = l."providerId"),
      "providerPlacementsEndedAt" = (SELECT CASE WHEN bool_and(pl."endedAt" IS NOT NULL) THEN max(pl."endedAt") END FROM "Placement" pl
                                     WHERE pl."councilId" = l."councilId" AND pl."packageId" = l."packageId" AND pl."providerId" = l."providerId")
    FROM "Package" p WHERE p."councilId" = l."councilId" AND p.id = l."packageId"`,
  );
  await step(
    'first visit starts',
    `UPDATE "Package" p SET "firstVisitStart" = v.first_start
    FROM (SELECT "councilId", "packageId", min(start) AS first_start FROM "Visit" GROUP BY 1, 2) v
    WHERE p."councilId" = v."councilId" AND p.id = v."packageId"`,
  );
  // The weekly rollup from the lines, as the market_weekly_rollup migration's backfill does.
  await step('weekly rollup', 'SELECT market_rollup_rebuild()');
  // The rollup by contract type, service type and CQC rating, as the market_key_rollup migration's backfill does.
  await step('rollup by kind', 'SELECT market_keys_rebuild()');
  // Each package's week by who pays it, as the package_funding_spans migration's backfill does.
  await step('funding spans', 'SELECT package_funding_rebuild()');
  // Each package went to market when it was posted (the package_market_entries migration's backfill).
  await step(
    'market entries',
    `INSERT INTO "PackageMarketEntry" ("councilId", id, "packageId", "enteredAt", reason)
    SELECT "councilId", md5(id::text || '@' || "postedAt"::text)::uuid, id, "postedAt", 'POSTED' FROM "Package" WHERE "postedAt" IS NOT NULL`,
  );
  await step('', `UPDATE "Package" SET "marketEnteredAt" = "postedAt" WHERE "postedAt" IS NOT NULL`);
  await db.query('RESET session_replication_role');
  // With the triggers back on, each placement works out the market entry it was picked up from.
  await step('placement entries', 'UPDATE "Placement" SET "marketEnteredAt" = NULL');
  // Those updates wrote every line and package twice: rebuild their indexes as a market grown
  // row by row (with the triggers on) would have them.
  await step('reindex', 'REINDEX TABLE "ServiceLine"');
  await step('', 'REINDEX TABLE "Package"');
  await step('vacuum', 'VACUUM "ServiceLine", "Package"');
  await step('analyse', 'ANALYZE');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
