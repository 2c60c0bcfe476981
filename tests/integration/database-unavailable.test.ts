import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFastPath } from '@/lib/api/fast-path';
import { V1_ROUTES } from '@/lib/api/v1-routes';
import { databaseIsDown, reportUnavailable, setAvailabilityLog, unavailabilityOf } from '@/lib/database/availability';
import { createPrismaClient } from '@/lib/database/client';
import { refuseWhileDatabaseDown, sendDatabaseFailuresAs503 } from '@/lib/database/refuse-while-down';
import { prisma as appPrisma } from '@/lib/db';
import { insertApiToken } from './support/api-tokens';
import { buildCouncil } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// The database stops answering while the app runs: frozen (every PostgreSQL process of the test
// server stopped with SIGSTOP, so connections open but nothing answers), a table locked by another
// session, or its connections cut. Requests are answered 503 with Retry-After within 5 s, those
// after the first at once, with one log line per burst, and the app recovers by itself.
// The server is the production server's composition (scripts/serve.ts): the database gate, then
// the API path; a stand-in answers for Next.js.

let prisma: PrismaClient;
let server: http.Server;
let base: string;
let token: string;
let admin: pg.Client;
const logged: string[] = [];
let frozen: number[] = [];

/** The test server's postmaster and every process it started. */
async function postgresProcesses(): Promise<number[]> {
  const { rows } = await admin.query<{ dir: string }>('SELECT current_setting($1) AS dir', ['data_directory']);
  const postmaster = Number(fs.readFileSync(path.join(rows[0].dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
  return [postmaster, ...children];
}

function freeze(pids: number[]) {
  frozen = pids;
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
}

function thaw() {
  for (const pid of frozen.slice().reverse()) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // gone already
    }
  }
  frozen = [];
}

async function get(url: string) {
  const started = performance.now();
  const response = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text, ms: performance.now() - started };
}

async function waitForStatus(url: string, status: number, withinMs: number) {
  const until = Date.now() + withinMs;
  let last = await get(url);
  while (last.status !== status && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await get(url);
  }
  return last;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  process.env.DATABASE_URL = testDatabaseUrl();
  const fx = await buildCouncil(prisma, { code: 'DBU', localityProviders: 1 });
  token = (
    await insertApiToken(prisma, { name: 'case system', role: 'BROKER', scopes: ['package:read'], createdById: fx.broker.userId, councilId: fx.councilId })
  ).token;
  admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  setAvailabilityLog((line) => logged.push(line));
  const api = createApiFastPath(V1_ROUTES, { production: true });
  server = http.createServer((req, res) => {
    if (refuseWhileDatabaseDown(req, res)) return;
    sendDatabaseFailuresAs503(res);
    if (api(req, res)) return;
    if (req.url?.startsWith('/_next/static/')) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end('// asset');
    // Next.js rendering a page whose query failed on the database: instrumentation.ts reports
    // the error, and the page is sent as a 500.
    appPrisma.$queryRaw`SELECT 1`
      .then(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('page'))
      .catch((error: unknown) => {
        reportUnavailable('connection', error);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('error page');
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  thaw();
  if (server) await new Promise((resolve) => server.close(resolve));
  await admin?.end();
  await prisma?.$disconnect();
});

describe('when the database stops answering', () => {
  it('answers a frozen database with 503 and Retry-After within 5 s, at once after that, logs one line, and recovers by itself', async () => {
    expect((await get('/api/v1/packages?limit=5')).status).toBe(200);
    const pids = await postgresProcesses();
    expect(pids.length).toBeGreaterThan(3);
    logged.length = 0;
    freeze(pids);
    try {
      const first = await get('/api/v1/packages?limit=5');
      expect(first.status).toBe(503);
      expect(first.retryAfter).toBe('5');
      expect(JSON.parse(first.text).error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/Try again in a few seconds/) });
      expect(first.ms).toBeLessThan(5000);
      expect(databaseIsDown()).toBe(true);

      const burst = await Promise.all(Array.from({ length: 50 }, () => get('/api/v1/packages?limit=5')));
      for (const response of burst) {
        expect(response.status).toBe(503);
        expect(response.retryAfter).toBe('5');
        expect(response.ms).toBeLessThan(1000);
      }
      const page = await get('/packages');
      expect([page.status, page.retryAfter]).toEqual([503, '5']);
      expect(page.text).toContain('Try again in a few seconds');
      // Build assets need no database and are still served.
      expect((await get('/_next/static/chunk.js')).status).toBe(200);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^\[database\] not answering \(.+\): answering 503 until it is back$/);
    } finally {
      thaw();
    }
    const back = await waitForStatus('/api/v1/packages?limit=5', 200, 15_000);
    expect(back.status).toBe(200);
    expect(databaseIsDown()).toBe(false);
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatch(/^\[database\] answering again after \d+ s; \d+ requests were answered 503$/);
  });

  it('answers a page that failed on a frozen database with 503, not 500', async () => {
    expect((await get('/packages')).status).toBe(200);
    freeze(await postgresProcesses());
    try {
      const page = await get('/packages');
      expect([page.status, page.retryAfter]).toEqual([503, '5']);
      expect(page.ms).toBeLessThan(5000);
    } finally {
      thaw();
    }
    expect((await waitForStatus('/packages', 200, 15_000)).status).toBe(200);
  });

  it('answers 503 within 5 s while another session holds the table locked, and serves again once it lets go', async () => {
    logged.length = 0;
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE "Package" IN ACCESS EXCLUSIVE MODE');
    try {
      const locked = await get('/api/v1/packages?limit=5');
      expect([locked.status, locked.retryAfter]).toEqual([503, '5']);
      expect(JSON.parse(locked.text).error.code).toBe('UNAVAILABLE');
      expect(locked.ms).toBeLessThan(5000);
      const again = await get('/api/v1/packages?limit=5');
      expect(again.status).toBe(503);
    } finally {
      await admin.query('ROLLBACK');
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^\[database\] statements timing out/);
    expect((await get('/api/v1/packages?limit=5')).status).toBe(200);
  });

  it('never answers 500 when its connections are cut (a restart), and reconnects by itself', async () => {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    const cut = await get('/api/v1/packages?limit=5');
    expect([200, 503]).toContain(cut.status);
    expect((await waitForStatus('/api/v1/packages?limit=5', 200, 15_000)).status).toBe(200);
  });

  it('knows a stopped database (connection refused) for one that is not answering', async () => {
    const probe = new pg.Client({ connectionString: testDatabaseUrl() });
    await probe.connect();
    const { rows } = await probe.query<{ port: number }>('SELECT 1 AS port');
    await probe.end();
    expect(rows).toHaveLength(1);
    const closed = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const stopped = createPrismaClient(`postgresql://homefirst:x@127.0.0.1:${closed}/homefirst_test`, { connectTimeoutMs: 1000, statementTimeoutMs: 1000 });
    const error = await stopped.$queryRaw`SELECT 1`.then(
      () => null,
      (e: unknown) => e,
    );
    await stopped.$disconnect();
    expect(error).not.toBeNull();
    expect(unavailabilityOf(error)).toBe('connection');
    // Logged once, naming the cause in words; the probe then finds the (running) test database.
    logged.length = 0;
    reportUnavailable('connection', error);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      new RegExp(`^\\[database\\] not answering \\(.*Can't reach database server at 127\\.0\\.0\\.1:${closed}.*\\): answering 503 until it is back$`),
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(databaseIsDown()).toBe(false);
  });
});
