// `npm run bench:load`: mixed signed-in traffic on the production server, served by two app
// processes on one database, as the architecture scales (stateless app instances on PostgreSQL).
// It starts `scripts/start.ts` (a fresh embedded PostgreSQL on port 54510 with data in
// .data/bench-load, the seed, the job worker and the first server on port 3310, built into
// .next-bench) and a second server (scripts/serve.ts) on port 3311 on the same database; signs in
// 30 browser sessions (brokers, the duty team, a provider) and makes a provider API token. Fifty
// people (or systems), half on each process, ask for the broker's waiting list and a package page,
// the duty board, the provider's inbox, the market overview and GET /api/v1/offers, in two ways,
// each for 60 s (BENCH_SECONDS changes it), after a 15 s warm-up:
//   - closed loop: 50 connections each asking again as soon as an answer comes (no pause at all);
//   - sessions: 50 signed-in sessions each asking, then reading for 1 to 3 s (uniformly at
//     random) before asking again, as a person at a screen does.
// Prints, for each, requests a second, p50/p95/p99 (also per screen) and errors; and each app
// process's memory after the warm-up, after the closed loop and at the end: its resident size
// and its heap in use after a full garbage collection (scripts/bench-support/heap-probe.mjs).
// Targets: p95 under 300 ms, no errors, memory flat (the heap in use at the end within 20% of
// the heap in use after the warm-up).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { percentile } from './bench-claim/load';
import { startBenchServer } from './bench-support/server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARM_UP_SECONDS = 15;
const CONNECTIONS = 50;
const SESSIONS_PER_ROLE = 10;
const P95_TARGET = 300;
/** A session's pause between answers, in ms: uniform between these. */
const THINK_MS = [1_000, 3_000] as const;
const root = process.cwd();
const say = (line: string) => console.log(`[bench] ${line}`);

type TRequest = { method: 'GET'; path: string; headers: Record<string, string> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GET on a kept-open connection, its body read whole; the status, or a rejection after 10 s. */
function get(agent: http.Agent, base: URL, request: TRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(request.path, base), { agent, headers: request.headers, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

/** Signs in through next-auth's credentials flow, as the sign-in page does; the session cookie. */
async function signIn(base: URL, email: string, password: string): Promise<string> {
  const csrf = await fetch(new URL('/api/auth/csrf', base));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const answer = await fetch(new URL('/api/auth/callback/credentials', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base.toString(), json: 'true' }),
  });
  const session = answer.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`Signing in as ${email} failed (${answer.status}).`);
  return session.split(';')[0];
}

/**
 * The app server process serving a port: among the processes running scripts/serve.ts with that
 * PORT in their environment (tsx's launcher and the node process it starts), the largest.
 */
function serverProcess(port: number): number {
  const matches = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
        const environ = fs.readFileSync(`/proc/${d}/environ`, 'utf8').split('\0');
        return cmdline.includes('scripts/serve.ts') && environ.includes(`PORT=${port}`) ? [Number(d)] : [];
      } catch {
        return []; // gone, or not ours to read
      }
    });
  if (matches.length === 0) throw new Error(`No app server is running on port ${port}.`);
  return matches.reduce((a, b) => (rssMiB(b) > rssMiB(a) ? b : a));
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Where the app processes' heap probe writes, and the options that load it into them. */
const probeDir = path.join(root, '.data', 'bench-load-heap');
const probeOptions = `--import ${pathToFileURL(path.join(root, 'scripts', 'bench-support', 'heap-probe.mjs')).href}`;

/** The process's CPU time so far, in clock ticks (user and system). */
const cpuTicks = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

/** Waits (at most 2 minutes) until the process has used under 3% of a core for a second: no request of a phase is still being answered. */
async function settled(pid: number) {
  for (let waited = 0; waited < 120; waited++) {
    const before = cpuTicks(pid);
    await new Promise((r) => setTimeout(r, 1_000));
    if (cpuTicks(pid) - before < 3) return;
  }
}

/** The process's heap in use, in MiB, once it is idle and has collected all its garbage (asked by SIGUSR2). */
async function liveHeapMiB(pid: number): Promise<number> {
  await settled(pid);
  const file = path.join(probeDir, `${pid}.json`);
  fs.rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { heapUsed: number }).heapUsed / 1024 / 1024;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`App process ${pid} did not report its heap within 30 s.`);
}

async function main() {
  fs.mkdirSync(probeDir, { recursive: true });
  process.env.HEAP_PROBE_DIR = probeDir;
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, probeOptions].filter(Boolean).join(' ');
  const server = await startBenchServer({
    name: 'bench-load',
    port: 3310,
    pgPort: 54510,
    say,
    ready: (base) =>
      fetch(new URL('/api/auth/csrf', base)).then(
        (r) => r.ok,
        () => false,
      ),
  });
  const second = new URL(server.base);
  second.port = String(Number(server.base.port) + 1);
  const stopping: (() => Promise<void>)[] = [server.stop];
  try {
    if (!server.dataDir) throw new Error('bench:load starts its own servers: unset BENCH_URL.');
    const secret = fs.readFileSync(path.join(server.dataDir, 'auth-secret'), 'utf8').trim();
    const { password } = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'demo-logins.json'), 'utf8')) as { password: string };
    say(`Starting a second app process on ${second.host}, on the same database…`);
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/serve.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: second.port,
        DATABASE_URL: server.databaseUrl,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: server.base.toString().replace(/\/$/, ''),
        HOMEFIRST_DIST_DIR: server.distDir,
        HOMEFIRST_DATA_DIR: server.dataDir,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    stopping.push(
      () =>
        new Promise((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    while (
      !(await fetch(new URL('/api/auth/csrf', second)).then(
        (r) => r.ok,
        () => false,
      ))
    )
      await new Promise((r) => setTimeout(r, 500));

    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const { rows: waiting } = await db.query<{ reference: string }>(
      `SELECT p.reference FROM "Package" p JOIN "Council" c ON c.id = p."councilId" WHERE c.code = 'BDC' AND p.status = 'OFFERING' ORDER BY p."postedAt" LIMIT 5`,
    );
    const { rows: providers } = await db.query<{ providerId: string }>(`SELECT "providerId" FROM "User" WHERE email = 'provider@homefirst.example'`);
    const token = `hf_${randomBytes(32).toString('base64url')}`;
    await db.query(
      `INSERT INTO "ApiToken" (id, name, prefix, "tokenHash", role, "providerId", scopes, "expiresAt")
       VALUES (gen_random_uuid(), 'load bench', left($1, 10), $2, 'PROVIDER', $3, ARRAY['offer:read-own'], now() + interval '1 day')`,
      [token, createHash('sha256').update(token).digest('hex'), providers[0].providerId],
    );
    await db.end();

    say(`Signing in ${SESSIONS_PER_ROLE * 3} sessions…`);
    const users = {
      broker: 'broker@bradford.example',
      duty: 'best@bradford.example',
      provider: 'provider@homefirst.example',
      market: 'commissioner@bradford.example',
    };
    const sessions = Object.fromEntries(
      await Promise.all(
        Object.entries(users).map(async ([role, email]) => {
          const cookies: string[] = [];
          for (let i = 0; i < SESSIONS_PER_ROLE; i++) cookies.push(await signIn(server.base, email, password));
          return [role, cookies] as const;
        }),
      ),
    ) as Record<keyof typeof users, string[]>;

    // Each connection is one person (or system) asking for their own screens in turn.
    const screens = ['waiting list and package page (broker)', 'duty board', 'provider inbox', 'GET /api/v1/offers', 'market overview (broker)'];
    const mixes: ((n: number) => TRequest[])[] = [
      (n) => [
        { method: 'GET', path: '/broker', headers: { cookie: sessions.broker[n % SESSIONS_PER_ROLE] } },
        { method: 'GET', path: `/packages/${waiting[n % waiting.length].reference}`, headers: { cookie: sessions.broker[n % SESSIONS_PER_ROLE] } },
      ],
      (n) => [{ method: 'GET', path: '/duty', headers: { cookie: sessions.duty[n % SESSIONS_PER_ROLE] } }],
      (n) => [{ method: 'GET', path: '/provider', headers: { cookie: sessions.provider[n % SESSIONS_PER_ROLE] } }],
      () => [{ method: 'GET', path: '/api/v1/offers', headers: { authorization: `Bearer ${token}` } }],
      (n) => [{ method: 'GET', path: '/market', headers: { cookie: sessions.broker[n % SESSIONS_PER_ROLE] } }],
    ];

    type TFigures = { latencies: number[]; byScreen: number[][]; statuses: Map<number, number>; errors: number };
    const figures = (): TFigures => ({ latencies: [], byScreen: screens.map(() => []), statuses: new Map(), errors: 0 });
    const note = (f: TFigures, screen: number, status: number | null, ms: number) => {
      if (status === null) {
        f.errors++;
        return;
      }
      f.latencies.push(ms);
      f.byScreen[screen].push(ms);
      f.statuses.set(status, (f.statuses.get(status) ?? 0) + 1);
      if (status >= 400) f.errors++;
    };
    /** Each of the 50 people (or systems), numbered in turn, half on each process. */
    const people = Array.from({ length: CONNECTIONS }, (_, n) => ({
      base: n % 2 === 0 ? server.base : second,
      screen: Math.floor(n / 2) % mixes.length,
      requests: mixes[Math.floor(n / 2) % mixes.length](Math.floor(n / 2 / mixes.length)),
    }));

    /** The closed loop for `seconds`: each connection asks again as soon as its answer comes; `into` keeps what it measures. */
    const closedLoop = (seconds: number, into: TFigures | null) =>
      Promise.all(
        [server.base, second].map(
          (base) =>
            new Promise<void>((resolve, reject) => {
              const mine = people.filter((p) => p.base === base);
              const screenOf = new WeakMap<object, number>();
              let next = 0;
              const instance = autocannon(
                {
                  url: base.toString(),
                  connections: mine.length,
                  duration: seconds,
                  timeout: 10,
                  // Each client gets its person's requests; the default list is only a placeholder.
                  requests: [{ method: 'GET', path: '/api/auth/csrf' }],
                  setupClient: (client) => {
                    const person = mine[next++ % mine.length];
                    screenOf.set(client, person.screen);
                    client.setRequests(person.requests);
                  },
                },
                (error) => (error ? reject(error) : resolve()),
              );
              if (!into) return;
              instance.on('response', (client, status, _bytes, ms) => note(into, screenOf.get(client) ?? 0, status, ms));
              instance.on('reqError', () => note(into, 0, null, 0));
            }),
        ),
      );

    /** Sessions for `seconds`: each asks for its next screen, reads it for 1 to 3 s, and asks again. */
    const sessionsWithThinkTime = (seconds: number, into: TFigures) => {
      const agents = new Map([server.base, second].map((base) => [base, new http.Agent({ keepAlive: true })]));
      const until = performance.now() + seconds * 1000;
      return Promise.all(
        people.map(async (person, n) => {
          // Sessions start spread over the first pause, as people arriving do, not all at once.
          await sleep(Math.random() * THINK_MS[1]);
          for (let i = n; performance.now() < until; i++) {
            const request = person.requests[i % person.requests.length];
            const started = performance.now();
            const status = await get(agents.get(person.base)!, person.base, request).catch(() => null);
            note(into, person.screen, status, performance.now() - started);
            await sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));
          }
        }),
      ).finally(() => agents.forEach((agent) => agent.destroy()));
    };

    // A warm-up first, so each process has loaded and compiled every screen before its memory is taken.
    say(`Warming up for ${WARM_UP_SECONDS} s…`);
    await closedLoop(WARM_UP_SECONDS, null);
    const pids = [serverProcess(Number(server.base.port)), serverProcess(Number(second.port))];
    const reading = async (pid: number) => ({ heap: await liveHeapMiB(pid), rss: rssMiB(pid) });
    const memory = await Promise.all(
      pids.map(async (pid) => {
        const start = await reading(pid);
        return { start, peak: start.rss, afterClosed: start, end: start };
      }),
    );
    const sample = () => pids.forEach((pid, i) => (memory[i].peak = Math.max(memory[i].peak, rssMiB(pid))));
    const sampler = setInterval(sample, 2_000);

    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return (performance.now() - started) / 1000;
    };
    say(`Closed loop: ${CONNECTIONS} connections, half on each process, no pause, for ${SECONDS} s…`);
    const closed = figures();
    const closedSeconds = await timed(() => closedLoop(SECONDS, closed));
    sample();
    for (const [i, pid] of pids.entries()) memory[i].afterClosed = await reading(pid);
    say(
      `Sessions: ${CONNECTIONS} sessions, half on each process, each pausing ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s between answers, for ${SECONDS} s…`,
    );
    const paced = figures();
    const sessionSeconds = await timed(() => sessionsWithThinkTime(SECONDS, paced));
    clearInterval(sampler);
    sample();
    for (const [i, pid] of pids.entries()) memory[i].end = await reading(pid);

    const report = (title: string, f: TFigures, seconds: number) => {
      const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(f.latencies, p));
      console.log('');
      console.log(title);
      console.log(`  Requests: ${f.latencies.length} in ${seconds.toFixed(0)} s, ${(f.latencies.length / seconds).toFixed(1)} a second over two app processes`);
      console.log(
        `  Latency: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (p95 target under ${P95_TARGET} ms: ${p95 < P95_TARGET ? 'met' : 'MISS'})`,
      );
      console.log(`  Answers: ${[...f.statuses].map(([s, n]) => `${n} × ${s}`).join(', ')}; errors ${f.errors} (target 0: ${f.errors === 0 ? 'met' : 'MISS'})`);
      screens.forEach((screen, i) =>
        console.log(
          `    ${screen}: ${f.byScreen[i].length} answers, p50 ${percentile(f.byScreen[i], 50).toFixed(0)} ms, p95 ${percentile(f.byScreen[i], 95).toFixed(0)} ms`,
        ),
      );
    };
    report(`Closed loop (${CONNECTIONS} connections, no pause between requests):`, closed, closedSeconds);
    report(`Sessions (${CONNECTIONS} signed-in sessions, each pausing ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s between answers):`, paced, sessionSeconds);
    console.log('');
    const mib = (r: { rss: number; heap: number }) => `${r.heap.toFixed(0)} MiB in use (${r.rss.toFixed(0)} MiB resident)`;
    memory.forEach((m, i) =>
      console.log(
        `App process ${i + 1} heap after a full collection: ${mib(m.start)} after the warm-up, ${mib(m.afterClosed)} after the closed loop, ${mib(m.end)} at the end (peak resident ${m.peak.toFixed(0)} MiB)`,
      ),
    );
    const flat = memory.every((m) => m.end.heap <= m.start.heap * 1.2);
    console.log(`Memory flat (heap in use at the end within 20% of after the warm-up): ${flat ? 'met' : 'MISS'}`);
  } finally {
    for (const stop of stopping.reverse()) await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
