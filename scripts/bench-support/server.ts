// The production server a benchmark measures: `scripts/start.ts` (a fresh embedded PostgreSQL, the
// job worker, the seed and the production server, scripts/serve.ts, built into its own folder), its
// output kept in a log file; or a server already running when BENCH_URL and DATABASE_URL are both
// set. BENCH_PORT, BENCH_PG_PORT, HOMEFIRST_DATA_DIR and HOMEFIRST_DIST_DIR change where it runs.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type TBenchServer = {
  base: URL;
  databaseUrl: string;
  /** The server's data folder (its auth secret and demo logins are there), or null for a server already running. */
  dataDir: string | null;
  /** The build folder it serves from. */
  distDir: string;
  stop: () => Promise<void>;
};

const root = process.cwd();

export async function startBenchServer(options: {
  name: string;
  port: number;
  pgPort: number;
  say: (line: string) => void;
  ready: (base: URL) => Promise<boolean>;
}): Promise<TBenchServer> {
  const { say } = options;
  const distDir = process.env.HOMEFIRST_DIST_DIR ?? '.next-bench';
  if (process.env.BENCH_URL && process.env.DATABASE_URL) {
    say(`Using the server at ${process.env.BENCH_URL} and the database in DATABASE_URL.`);
    return { base: new URL(process.env.BENCH_URL), databaseUrl: process.env.DATABASE_URL, dataDir: null, distDir, stop: async () => undefined };
  }
  const port = Number(process.env.BENCH_PORT ?? options.port);
  const pgPort = Number(process.env.BENCH_PG_PORT ?? options.pgPort);
  const dataDir = path.resolve(process.env.HOMEFIRST_DATA_DIR ?? path.join('.data', options.name));
  // A fresh database every run, so that no run inherits an earlier one's rows or its queue of
  // emails for the worker to work through.
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.createWriteStream(logFile);
  // The server's own embedded database and a development start (it seeds; `next start` still serves the production build).
  const { DATABASE_URL: _url, NODE_ENV: _mode, ...inherited } = process.env;
  const env: Record<string, string | undefined> = {
    ...inherited,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    HOMEFIRST_DATA_DIR: dataDir,
    HOMEFIRST_DIST_DIR: distDir,
  };
  say(`Starting the production server on 127.0.0.1:${port} (database on ${pgPort}; output in ${path.relative(root, logFile)})…`);
  const child: ChildProcess = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  let ready = false;
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      // Until it is up, say what it is doing (a build takes a minute or two).
      if (!ready)
        for (const line of chunk.toString('utf8').split('\n')) if (/^\[homefirst\] (Build|Embedded|Seeded|Database)/.test(line)) say(`  ${line.slice(12)}`);
    });
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(killer);
    }
    log.end();
  };
  const base = new URL(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + 10 * 60_000;
  while (!ready) {
    if (exited) throw new Error(`The server stopped while starting: see ${path.relative(root, logFile)}.`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error('The server did not start within ten minutes.');
    }
    ready = await options.ready(base);
    if (!ready) await new Promise((r) => setTimeout(r, 500));
  }
  return { base, databaseUrl: `postgresql://homefirst:homefirst-local@127.0.0.1:${pgPort}/homefirst`, dataDir, distDir, stop };
}
