// `npm run bench:payments`: a year of Bradford-sized delivered care (about 10,000 visits a week,
// 520,000 actuals) reconciled and paid in thirteen four-weekly payment runs, each made, checked
// and locked; before each run after the first, providers correct about 80 calls of the period
// before (15 carer-minutes more each), which the run pays as adjustments. In a database of its own (embedded PostgreSQL on port 54483, data in
// .data/bench-payments; BENCH_PG_PORT changes the port). Rows are made in bulk with
// generate_series, deterministically. Prints the time of each step and the total. Target: < 60 s.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// lib/ files are server-only: a server loads them under the react-server condition.
if (!process.env.BENCH_PAYMENTS_CHILD) {
  const tsx = path.resolve('node_modules', '.bin', 'tsx');
  const child = spawnSync(tsx, ['--conditions=react-server', __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PAYMENTS_CHILD: '1' },
  });
  process.exit(child.status ?? 1);
}

const PACKAGES = 3_334; // three visits a week each: about 10,000 visits a week
const PROVIDERS = 80;
const START = '2026-04-06'; // a Monday
const RUNS = 13;

async function main() {
  const pg = (await import('pg')).default;
  const { startEmbedded } = await import('@/lib/database/server');
  const { migrateDeploy } = await import('@/lib/database/migrate');
  const { createPrismaClient } = await import('@/lib/database/client');
  const { reconcile } = await import('@/lib/money/reconcile');
  const { createPaymentRun, checkPaymentRun, lockPaymentRun } = await import('@/lib/money/payment-run');
  const { periodEnd } = await import('@/lib/domain/money');

  const port = Number(process.env.BENCH_PG_PORT ?? 54483);
  const server = await startEmbedded({ dir: path.resolve('.data', 'bench-payments'), port, database: 'postgres', disposable: true });
  const url = new URL(server.url);
  url.pathname = '/homefirst_bench_payments';
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS homefirst_bench_payments WITH (FORCE)');
  await admin.query('CREATE DATABASE homefirst_bench_payments');
  await admin.end();
  console.log('Migrating…');
  await migrateDeploy(url.toString());
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();

  console.log('Building a year of delivered care…');
  const built = Date.now();
  const [{ id: councilId }] = (await db.query(`INSERT INTO "Council" ("id", "code", "name") VALUES (gen_random_uuid(), 'BEN', 'Bench Council') RETURNING "id"`))
    .rows;
  await db.query(`INSERT INTO "CouncilSetting" ("councilId", "updatedAt") VALUES ($1, now())`, [councilId]);
  const [{ id: userId }] = (
    await db.query(
      `INSERT INTO "User" ("id", "email", "name", "role", "councilId") VALUES (gen_random_uuid(), 'fin@ben.example', 'Fin', 'ADMIN', $1) RETURNING "id"`,
      [councilId],
    )
  ).rows;
  await db.query(`INSERT INTO "Locality" ("councilId", "id", "code", "name") VALUES ($1, gen_random_uuid(), 'BEN-L1', 'Bench L1')`, [councilId]);
  const sql = `
    WITH pr AS (
      INSERT INTO "Provider" ("id", "name", "cqcLocationId", "cqcRating")
      SELECT gen_random_uuid(), 'Bench Care ' || g, 'BEN-' || g, 'GOOD' FROM generate_series(1, ${PROVIDERS}) g RETURNING "id", "cqcLocationId"
    )
    INSERT INTO "Contract" ("councilId", "id", "reference", "providerId", "type", "hourlyRate", "validFrom")
    SELECT $1, gen_random_uuid(), 'BEN-C-' || pr."cqcLocationId", pr."id", 'LOCALITY', 21.50, '2025-04-01' FROM pr`;
  await db.query(sql, [councilId]);
  await db.query(
    `INSERT INTO "ContractRate" ("councilId", "contractId", "validFrom", "hourlyRate") SELECT "councilId", "id", '2026-10-05', 22.40 FROM "Contract" WHERE "councilId" = $1`,
    [councilId],
  );
  await db.query(
    `WITH c AS (SELECT "id", "providerId", row_number() OVER (ORDER BY "reference") AS n FROM "Contract" WHERE "councilId" = $1),
     loc AS (SELECT "id" FROM "Locality" WHERE "councilId" = $1),
     pe AS (
       INSERT INTO "Person" ("councilId", "id", "givenName", "familyName", "dateOfBirth", "nhsNumber", "addressLine1", "town", "postcode", "localityId")
       SELECT $1, gen_random_uuid(), 'P', 'Bench ' || g, '1940-01-01', (9000000000 + g)::text, g || ' Street', 'Bradford', 'BD1 1HY', (SELECT "id" FROM loc)
       FROM generate_series(1, ${PACKAGES}) g RETURNING "id", "familyName"
     ),
     pk AS (
       INSERT INTO "Package" ("councilId", "id", "reference", "personId", "localityId", "pathway", "status", "updatedAt")
       SELECT $1, gen_random_uuid(), 'BEN-' || lpad(substr(pe."familyName", 7), 6, '0'), pe."id", (SELECT "id" FROM loc), 'LONG_TERM', 'PLACED', now() FROM pe
       RETURNING "id", "reference"
     ),
     v AS (
       INSERT INTO "Visit" ("councilId", "id", "packageId", "days", "start", "minutes", "carers")
       SELECT $1, gen_random_uuid(), pk."id", '{MON,WED,FRI}', '08:00', 60, 1 FROM pk RETURNING "packageId"
     )
     INSERT INTO "ServiceLine" ("councilId", "id", "packageId", "type", "hoursPerWeek", "startDate", "providerId", "contractId", "hourlyRate")
     SELECT $1, gen_random_uuid(), pk."id", 'PERSONAL_CARE', 3, '2026-01-01', c."providerId", c."id", 21.50
     FROM pk JOIN c ON c.n = (substr(pk."reference", 5)::int % ${PROVIDERS}) + 1`,
    [councilId],
  );
  await db.query(
    `INSERT INTO "ActualsSubmission" ("councilId", "id", "providerId", "source", "contentHash", "status", "rowCount", "errors")
     SELECT $1, gen_random_uuid(), p."id", 'API', 'bench-' || p."id", 'APPLIED', 0, '[]' FROM "Provider" p`,
    [councilId],
  );
  // Every due visit of the year, mostly as planned: 1 in 20 short by 15 minutes, 1 in 40 an hour late, 1 in 100 missed.
  await db.query(
    `INSERT INTO "Actual" ("councilId", "id", "submissionId", "providerId", "packageId", "serviceLineId", "kind", "day", "slot",
       "plannedStart", "plannedEnd", "actualStart", "actualEnd", "carers", "missed", "carerMinutes")
     SELECT $1, gen_random_uuid(), s."id", l."providerId", l."packageId", l."id", 'VISIT', d::date, '08:00', '08:00', '09:00',
       CASE WHEN h % 100 = 0 THEN NULL WHEN h % 40 = 1 THEN '09:00' ELSE '08:00' END,
       CASE WHEN h % 100 = 0 THEN NULL WHEN h % 40 = 1 THEN '10:00' WHEN h % 20 = 2 THEN '08:45' ELSE '09:00' END,
       1, h % 100 = 0, CASE WHEN h % 100 = 0 THEN 0 WHEN h % 20 = 2 THEN 45 ELSE 60 END
     FROM "ServiceLine" l
     JOIN "ActualsSubmission" s ON s."councilId" = l."councilId" AND s."providerId" = l."providerId"
     CROSS JOIN generate_series('${START}'::date, '${START}'::date + ${RUNS * 28 - 1}, interval '1 day') d
     CROSS JOIN LATERAL (SELECT abs(hashtext(l."id"::text || d::text)) AS h) x
     WHERE l."councilId" = $1 AND extract(isodow FROM d) IN (1, 3, 5)`,
    [councilId],
  );
  await db.query('ANALYZE');
  const count = (await db.query(`SELECT count(*)::int AS n FROM "Actual"`)).rows[0].n;
  console.log(
    `Built ${count.toLocaleString('en-GB')} actuals for ${PACKAGES.toLocaleString('en-GB')} packages in ${((Date.now() - built) / 1000).toFixed(1)} s`,
  );
  await db.end();

  const prisma = createPrismaClient(url.toString());
  const actor = {
    userId,
    email: 'fin@ben.example',
    name: 'Fin',
    role: 'ADMIN' as const,
    councilId,
    providerId: null,
    providerManager: false as const,
    mfaEnabled: true,
  };
  const t0 = Date.now();
  let start = START;
  let reconcileMs = 0;
  let payMs = 0;
  let paid = 0;
  let corrected = 0;
  let prev: string | null = null;
  for (let i = 0; i < RUNS; i++) {
    const end = periodEnd(start, 'FOUR_WEEKLY');
    // Late corrections to the locked period before, as a provider's re-sent file would make them.
    const fixed = prev
      ? await prisma.$executeRawUnsafe(
          `UPDATE "Actual" SET "carerMinutes" = "carerMinutes" + 15, "updatedAt" = now()
           WHERE "councilId" = $1::uuid AND "day" >= $2::date AND "day" < $3::date AND NOT "missed" AND abs(hashtext("id"::text)) % 500 = 0`,
          councilId,
          prev,
          start,
        )
      : 0;
    corrected += fixed;
    const r0 = Date.now();
    const found = await reconcile(prisma, actor, { from: start, to: end });
    const r1 = Date.now();
    const run = await createPaymentRun(prisma, actor, { periodStart: start, cycle: 'FOUR_WEEKLY' });
    await checkPaymentRun(prisma, actor, { runId: run.runId });
    await lockPaymentRun(prisma, actor, { runId: run.runId });
    const r2 = Date.now();
    reconcileMs += r1 - r0;
    payMs += r2 - r1;
    paid += Math.round(Number(run.total) * 100);
    const adjusted = await prisma.paymentLine.aggregate({ where: { councilId, runId: run.runId, kind: 'ADJUSTMENT' }, _count: true, _sum: { amount: true } });
    console.log(
      `${start}: ${found.found.toLocaleString('en-GB')} variances in ${r1 - r0} ms; run of £${run.total} made, checked and locked in ${r2 - r1} ms` +
        ` (${fixed} calls corrected before it: ${adjusted._count} adjustments, £${(adjusted._sum.amount ?? 0).toString()})`,
    );
    prev = start;
    start = end;
  }
  const total = (Date.now() - t0) / 1000;
  console.log(
    `A year (${RUNS} four-weekly runs): reconciled in ${(reconcileMs / 1000).toFixed(1)} s, paid in ${(payMs / 1000).toFixed(1)} s, total ${total.toFixed(1)} s (target < 60 s); £${(paid / 100).toFixed(2)} paid, with ${corrected} late corrections paid as adjustments`,
  );
  await prisma.$disconnect();
  await server.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
