// `npm run bench:claim`: how fast providers can claim offers through the production server, on
// loopback, in a few minutes. It starts `scripts/start.ts` (a fresh embedded PostgreSQL on port
// 54500 with data in .data/bench-claim, the job worker, and the production server, scripts/serve.ts,
// on port 3300, built into .next-bench; BENCH_PORT, BENCH_PG_PORT, HOMEFIRST_DATA_DIR and
// HOMEFIRST_DIST_DIR change them), or uses a
// server already running when BENCH_URL and DATABASE_URL are both set. It writes its own fixture
// (a fresh council each run), then measures POST /api/v1/offers/{id}/accept:
//   (a) closed loop, 50 clients accepting distinct offers for 10 s, beside (a') the same
//       conditional-update transaction sent as bare SQL through `pg` by 50 clients for 10 s:
//       throughput, p50/p99 and the ratio (target: at least 0.3 of bare SQL);
//   (b) open loop, 100 acceptances a second for 30 s: p99 under 50 ms; beside (b') the bare SQL
//       transaction at the same rate, which shows what the database alone answers in the same time;
//   (c) 200 providers accepting one package at the same moment: exactly one winner, p99 under 250 ms.
// Afterwards the database is checked: one open placement per accepted package, with its audit rows
// and notifications. A failed check exits non-zero; a missed speed target is printed as MISS.
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { startBenchServer, type TBenchServer } from './bench-support/server';
import { buildFixture, PROVIDERS, type TBenchOffer, type TFixture } from './bench-claim/fixture';
import { acceptOverHttp, burst, closedLoop, lateStretches, openLoop, percentile, type TRun } from './bench-claim/load';
import { OFFERING_STATUSES, statusListSql } from '@/lib/domain/package-status';
import { reablementEndsOn } from '@/lib/domain/reablement';

const CLIENTS = 50;
const CLOSED_SECONDS = Number(process.env.BENCH_CLOSED_SECONDS ?? 10);
const OPEN_RATE = 100;
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 30);
const RATIO_TARGET = 0.3;
const OPEN_P99_TARGET = 50;
const RACE_P99_TARGET = 250;
// The accept path's own words for a loser (lib/offer/accept-offer.ts).
const ALREADY_PLACED = 'This package has already been placed with another provider.';

// Enough packages for each set never to run out at the rates these machines reach.
const SIZES = { WARMAPP: 1500, APP: 12_000, WARMSQL: 2000, SQL: 40_000, OPEN: OPEN_RATE * OPEN_SECONDS, OPENSQL: OPEN_RATE * OPEN_SECONDS };

const say = (line: string) => console.log(`[bench] ${line}`);

/** The production server through scripts/start.ts (scripts/bench-support/server.ts), ready once a refused accept answers 403. */
const startServer = () =>
  startBenchServer({
    name: 'bench-claim',
    port: 3300,
    pgPort: 54500,
    say,
    // A POST without credentials is refused before any database work: the route is up and compiled.
    ready: (base) =>
      acceptOverHttp(new http.Agent(), base, '00000000-0000-0000-0000-000000000000', null).then(
        (r) => r.status === 403,
        () => false,
      ),
  });

/**
 * The bare-SQL side: the accept path's own conditional-update transaction, by hand. The package
 * moves only while it is still at the offer's version and round; the row count decides the winner.
 */
async function acceptBySql(pool: pg.Pool, councilId: string, o: TBenchOffer): Promise<{ status: number; message?: string }> {
  const client = await pool.connect();
  try {
    const now = new Date().toISOString().slice(0, 23);
    await client.query('BEGIN');
    const won = await client.query(
      `UPDATE "Package" SET "status" = 'PLACED', "version" = "version" + 1, "placedAt" = $1, "roundDeadline" = NULL, "updatedAt" = $1,
         "reablementEndsOn" = CASE WHEN "pathway" = 'REABLEMENT' THEN $6::date END
       WHERE "councilId" = $2 AND "id" = $3 AND "status" IN ${statusListSql(OFFERING_STATUSES)} AND "version" = $4 AND "offerRound" = $5`,
      [now, councilId, o.packageId, 1, 1, reablementEndsOn(new Date())],
    );
    if (won.rowCount === 0) {
      await client.query('ROLLBACK');
      return { status: 409, message: ALREADY_PLACED };
    }
    const accepted = await client.query(
      `UPDATE "Offer" SET "status" = 'ACCEPTED', "respondedAt" = $1, "respondedById" = $2
       WHERE "councilId" = $3 AND "id" = $4 AND "providerId" = $5 AND "status" = 'OFFERED' AND "deadline" > $1`,
      [now, o.tokenId, councilId, o.offerId, o.providerId],
    );
    if (accepted.rowCount === 0) {
      await client.query('ROLLBACK');
      return { status: 409, message: 'offer closed' };
    }
    await client.query(
      `INSERT INTO "Placement" ("councilId", "id", "packageId", "providerId", "contractId", "offerId", "startedAt") VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6) RETURNING "id"`,
      [councilId, o.packageId, o.providerId, o.contractId, o.offerId, now],
    );
    await client.query(
      `UPDATE "ServiceLine" SET "providerId" = $1, "contractId" = $2, "hourlyRate" = $3 WHERE "councilId" = $4 AND "packageId" = $5 AND "providerId" IS NULL`,
      [o.providerId, o.contractId, o.hourlyRate, councilId, o.packageId],
    );
    await client.query('COMMIT');
    return { status: 200 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A correctness check fails the run; a `speed` one is only reported. */
type TCheck = { name: string; ok: boolean; detail: string; speed?: boolean };

/** Each package whose acceptance answered 200 holds exactly one open placement, its audit rows and its notifications; none other is placed. */
async function checkSet(db: pg.Client, fx: TFixture, label: string, offers: readonly TBenchOffer[], run: TRun, app: boolean): Promise<TCheck[]> {
  const won = new Set<string>();
  for (const s of run.samples) if (s.status === 200) won.add(offers[s.index].packageId);
  const tried = run.samples.map((s) => offers[s.index].packageId);
  const { rows } = await db.query<{ placed: string; open: string; multi: string; audits: string; awarded: string }>(
    `WITH p AS (SELECT unnest($2::uuid[]) AS id)
     SELECT (SELECT count(*) FROM "Package" k JOIN p USING (id) WHERE k."councilId" = $1 AND k.status = 'PLACED') AS placed,
            (SELECT count(*) FROM "Placement" l JOIN p ON p.id = l."packageId" WHERE l."councilId" = $1 AND l."endedAt" IS NULL) AS open,
            (SELECT count(*) FROM (SELECT 1 FROM "Placement" l JOIN p ON p.id = l."packageId" WHERE l."councilId" = $1 AND l."endedAt" IS NULL GROUP BY l."packageId" HAVING count(*) <> 1) x) AS multi,
            (SELECT count(*) FROM "AuditEvent" a JOIN p ON p.id::text = a."entityId" WHERE a."councilId" = $1 AND a.action = 'package.placed') AS audits,
            (SELECT count(*) FROM "Notification" n WHERE n."councilId" = $1 AND n.kind = 'PACKAGE_AWARDED' AND n.title LIKE ANY (
               SELECT k.reference || ' %' FROM "Package" k JOIN p USING (id) WHERE k."councilId" = $1)) AS awarded`,
    [fx.councilId, tried],
  );
  const r = rows[0];
  const n = won.size;
  const checks: TCheck[] = [
    // An overloaded server may refuse some (no connection within the wait): a miss, not a wrong answer,
    // as long as none of them left a placement behind (the next check).
    { name: `${label}: every acceptance answered 200`, ok: n === run.samples.length, detail: `${n} of ${run.samples.length}`, speed: true },
    {
      name: `${label}: one open placement per accepted package, none for the rest`,
      ok: Number(r.placed) === n && Number(r.open) === n && Number(r.multi) === 0,
      detail: `${r.placed} placed, ${r.open} open placements`,
    },
  ];
  if (app)
    checks.push({
      name: `${label}: audit row and award notice for each`,
      ok: Number(r.audits) === n && Number(r.awarded) === n,
      detail: `${r.audits} audit rows, ${r.awarded} notices`,
    });
  return checks;
}

async function checkRace(db: pg.Client, fx: TFixture, offers: readonly TBenchOffer[], run: TRun): Promise<TCheck[]> {
  const winners = run.samples.filter((s) => s.status === 200).length;
  const losers = run.samples.filter((s) => s.status === 409 && s.message === ALREADY_PLACED).length;
  const { rows } = await db.query<{ open: string; accepted: string; withdrawn: string; audits: string; withdrawnNotes: string }>(
    `SELECT (SELECT count(*) FROM "Placement" WHERE "councilId" = $1 AND "packageId" = $2 AND "endedAt" IS NULL) AS open,
            (SELECT count(*) FROM "Offer" WHERE "councilId" = $1 AND "packageId" = $2 AND status = 'ACCEPTED') AS accepted,
            (SELECT count(*) FROM "Offer" WHERE "councilId" = $1 AND "packageId" = $2 AND status = 'WITHDRAWN') AS withdrawn,
            (SELECT count(*) FROM "AuditEvent" WHERE "councilId" = $1 AND "entityId" = $2::text AND action = 'package.placed') AS audits,
            (SELECT count(*) FROM "Notification" WHERE "councilId" = $1 AND kind = 'OFFER_WITHDRAWN') AS "withdrawnNotes"`,
    [fx.councilId, offers[0].packageId],
  );
  const r = rows[0];
  return [
    { name: '(c) exactly one winner', ok: winners === 1, detail: `${winners} answered 200` },
    { name: '(c) every loser told "already placed" (409)', ok: losers === PROVIDERS - 1, detail: `${losers} of ${PROVIDERS - 1}` },
    {
      name: '(c) one placement; the other offers withdrawn and told',
      ok:
        Number(r.open) === 1 &&
        Number(r.accepted) === 1 &&
        Number(r.withdrawn) === PROVIDERS - 1 &&
        Number(r.audits) === 1 &&
        Number(r.withdrawnNotes) === PROVIDERS - 1,
      detail: `${r.open} open placement, ${r.accepted} accepted, ${r.withdrawn} withdrawn, ${r.withdrawnNotes} notices`,
    },
  ];
}

const throughput = (run: TRun) => run.samples.filter((s) => s.status === 200).length / run.seconds;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const p = (run: TRun, q: number) =>
  percentile(
    run.samples.map((s) => s.ms),
    q,
  );

function statusSummary(run: TRun): string {
  const counts = new Map<string, number>();
  for (const s of run.samples) {
    const key = s.status === 200 ? '200' : `${s.status} ${s.message ?? ''}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} × ${k}`).join('; ');
}

/**
 * Between phases, as pgbench does before a run: vacuum and analyze the tables the last phase (or
 * the fixture) wrote and write a checkpoint, so that neither lands in the middle of the next
 * phase's measurements; and let the job worker's email backlog drain (briefly), if any.
 */
async function settle(db: pg.Client) {
  await db.query(`VACUUM (ANALYZE) "Package", "Offer", "ServiceLine", "Placement", "Notification", "AuditEvent", "ApiToken"`);
  await db.query('CHECKPOINT').catch(() => undefined);
  const waiting = async () =>
    Number(
      (
        await db
          .query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'notification-email' AND state IN ('created', 'retry', 'active')`)
          .catch(() => ({ rows: [{ n: '0' }] }))
      ).rows[0].n,
    );
  const start = Date.now();
  let n = await waiting();
  while (n > 0 && Date.now() - start < 20_000) {
    await new Promise((r) => setTimeout(r, 1000));
    n = await waiting();
  }
  if (n > 0) say(`  (${n} notification emails still queued for the worker)`);
}

async function main() {
  const cpus = os.cpus().length;
  say(
    `${cpus} cores; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} before starting.`,
  );
  let server: TBenchServer | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await server?.stop().catch(() => undefined);
    process.exit(code);
  };
  const interrupted = (code: number) => {
    say('Interrupted: stopping the server, the worker and the database…');
    void shutdown(code);
  };
  process.on('SIGINT', () => interrupted(130));
  process.on('SIGTERM', () => interrupted(143));

  try {
    server = await startServer();
    // When the run is interrupted the database goes away under these connections: that is expected.
    const db = new pg.Client({ connectionString: server.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    const loadBefore = os.loadavg()[0];
    say('Writing the fixture…');
    const t0 = performance.now();
    const fx = await buildFixture(db, SIZES, 'RACE');
    say(
      `  council ${fx.code}: ${Object.values(SIZES)
        .reduce((a, b) => a + b, 1)
        .toLocaleString('en-GB')} packages, ${PROVIDERS} providers with tokens (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );

    const { base } = server;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });
    const viaHttp = (o: TBenchOffer) => acceptOverHttp(agent, base, o.offerId, o.token);
    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: CLIENTS });
    pool.on('error', () => undefined);
    const viaSql = (o: TBenchOffer) => acceptBySql(pool, fx.councilId, o);

    await settle(db);
    say(`(a') bare SQL through pg: ${CLIENTS} clients, ${CLOSED_SECONDS} s (after a 2 s warm-up)…`);
    await closedLoop(CLIENTS, 2, fx.sets.WARMSQL, viaSql);
    const sql = await closedLoop(CLIENTS, CLOSED_SECONDS, fx.sets.SQL, viaSql);
    await settle(db);

    say(`(b') bare SQL open loop: ${OPEN_RATE} transactions a second for ${OPEN_SECONDS} s…`);
    const openSql = await openLoop(OPEN_RATE, OPEN_SECONDS, fx.sets.OPENSQL, viaSql);
    await pool.end();
    await settle(db);

    say(`(a) HTTP: ${CLIENTS} clients, ${CLOSED_SECONDS} s (after a 3 s warm-up)…`);
    await closedLoop(CLIENTS, 3, fx.sets.WARMAPP, viaHttp);
    await settle(db);
    const app = await closedLoop(CLIENTS, CLOSED_SECONDS, fx.sets.APP, viaHttp);
    await settle(db);

    say(`(b) HTTP open loop: ${OPEN_RATE} acceptances a second for ${OPEN_SECONDS} s…`);
    const open = await openLoop(OPEN_RATE, OPEN_SECONDS, fx.sets.OPEN, viaHttp);
    await settle(db);

    say(`(c) ${PROVIDERS} acceptances of one package at once…`);
    // One keep-alive connection per provider first (refused before any database work), so the
    // race measures acceptances rather than TCP handshakes.
    await Promise.all(fx.sets.RACE.map((o) => acceptOverHttp(agent, base, o.offerId, null)));
    const race = await burst(fx.sets.RACE, viaHttp);
    const loadAfter = os.loadavg()[0];

    const checks = [
      ...(await checkSet(db, fx, "(a')", fx.sets.SQL, sql, false)),
      ...(await checkSet(db, fx, '(a)', fx.sets.APP, app, true)),
      ...(await checkSet(db, fx, "(b')", fx.sets.OPENSQL, openSql, false)),
      ...(await checkSet(db, fx, '(b)', fx.sets.OPEN, open, true)),
      ...(await checkRace(db, fx, fx.sets.RACE, race)),
    ];
    await db.end();
    agent.destroy();

    const ratio = throughput(app) / throughput(sql);
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    const rows: [string, string, string, string, string, string][] = [
      ['', 'accepted/s', 'p50', 'p99', 'target', ''],
      ["(a') bare SQL, 50 clients", throughput(sql).toFixed(0), ms(p(sql, 50)), ms(p(sql, 99)), '', sql.ranOut ? 'ran out of packages' : ''],
      [
        '(a) HTTP, 50 clients',
        throughput(app).toFixed(0),
        ms(p(app, 50)),
        ms(p(app, 99)),
        `ratio ${ratio.toFixed(2)} ≥ ${RATIO_TARGET}`,
        verdict(ratio >= RATIO_TARGET),
      ],
      ["(b') bare SQL, 100/s open loop", throughput(openSql).toFixed(0), ms(p(openSql, 50)), ms(p(openSql, 99)), '', ''],
      [
        '(b) HTTP, 100/s open loop',
        throughput(open).toFixed(0),
        ms(p(open, 50)),
        ms(p(open, 99)),
        `p99 < ${OPEN_P99_TARGET} ms`,
        verdict(p(open, 99) < OPEN_P99_TARGET),
      ],
      [`(c) ${PROVIDERS} at once, one package`, '', ms(p(race, 50)), ms(p(race, 99)), `p99 < ${RACE_P99_TARGET} ms`, verdict(p(race, 99) < RACE_P99_TARGET)],
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log('');
    for (const r of rows)
      console.log(
        `  ${r[0].padEnd(widths[0])}  ${r
          .slice(1, 4)
          .map((c, i) => c.padStart(widths[i + 1]))
          .join('  ')}  ${r[4].padEnd(widths[4])}  ${r[5]}`,
      );
    console.log(
      `\n  (a') ${sql.samples.length} transactions in ${sql.seconds.toFixed(1)} s; (a) ${app.samples.length} requests in ${app.seconds.toFixed(1)} s: ${statusSummary(app)}`,
    );
    console.log(`  (b) ${open.samples.length} requests in ${open.seconds.toFixed(1)} s, latency from when each was due: ${statusSummary(open)}`);
    for (const [label, run] of [
      ["(b')", openSql],
      ['(b)', open],
    ] as const) {
      const stretches = lateStretches(run, OPEN_RATE, OPEN_P99_TARGET);
      const seconds = (t: number) => t.toFixed(2);
      const where = (s: (typeof stretches)[number]) =>
        `${s.late} due at ${s.from === s.to ? seconds(s.from) : `${seconds(s.from)}–${seconds(s.to)}`} s (up to ${ms(s.longestMs)})`;
      if (stretches.length > 0) console.log(`  ${label} answers over ${OPEN_P99_TARGET} ms: ${stretches.map(where).join('; ')}`);
    }
    console.log(`  (c) ${statusSummary(race)}; slowest ${ms(p(race, 100))}`);
    console.log(
      `  Load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${cpus} cores shared by the server, the worker, PostgreSQL and this client.\n`,
    );
    for (const c of checks) console.log(`  ${c.ok ? 'PASS' : c.speed ? 'MISS' : 'FAIL'}  ${c.name} (${c.detail})`);
    const failed = checks.filter((c) => !c.ok && !c.speed).length;
    console.log(failed ? `\n${failed} correctness check(s) failed.` : '\nAll correctness checks passed.');
    await shutdown(failed ? 1 : 0);
  } catch (error) {
    console.error(error);
    await shutdown(1);
  }
}

void main();
