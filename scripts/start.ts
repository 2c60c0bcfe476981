// `npm start`: database (embedded unless DATABASE_URL), migrations, seed when empty, job queues and
// the app role's grants (all as the owner), build when the sources changed, then the app on PORT
// (3000) and the worker, both as the app role (lib/database/roles.ts). `npm run dev` serves with
// `next dev` instead.
// Ctrl-C stops everything, the embedded database included.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '../lib/database/data-dir';
import { migrateDeploy } from '../lib/database/migrate';
import { grantAppAccess } from '../lib/database/roles';
import { DatabaseConfigError, startDatabase, type DatabaseServer } from '../lib/database/server';
import { prepareJobQueues } from '../lib/worker/job-queues';
import { demoLoginsFile, seedDatabase } from '../prisma/seed/seed-database';

const dev = process.argv.includes('--dev');
const production = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT ?? 3000);
const root = process.cwd();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const say = (line: string) => console.log(`[homefirst] ${line}`);

const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'proxy.ts',
  'prisma/schema.prisma',
  'public',
  'next.config.js',
  'postcss.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

/** A build into another directory rewrites tsconfig.json's layout and includes; only its options matter to a build. */
const compilerOptions = (file: string) => JSON.stringify((JSON.parse(fs.readFileSync(file, 'utf8')) as { compilerOptions?: unknown }).compilerOptions ?? null);

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    else hash.update(p).update(p.endsWith('tsconfig.json') ? compilerOptions(p) : fs.readFileSync(p));
  };
  for (const input of BUILD_INPUTS) walk(path.join(root, input));
  return hash.digest('hex');
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { stdio: 'inherit', env });
}

async function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const distDir = process.env.HOMEFIRST_DIST_DIR ?? '.next';
  const stamp = path.join(root, distDir, 'homefirst-source-hash');
  const current = sourceHash();
  if (fs.existsSync(path.join(root, distDir, 'BUILD_ID')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === current) {
    say('Build is up to date.');
    return;
  }
  say('Building the app (first start or sources changed)…');
  const child = run(['build'], { ...env, NODE_ENV: 'production' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  fs.writeFileSync(stamp, current);
}

class StartupError extends Error {}

/** Inside the checkout: relative to it; elsewhere (the data moved out of a private folder): in full. */
function shownPath(p: string): string {
  const relative = path.relative(root, p);
  return relative.startsWith('..') || path.isAbsolute(relative) ? p : relative;
}

/** Sessions are signed with NEXTAUTH_SECRET: required in production, made once and kept locally otherwise. */
function authEnv(): Record<string, string> {
  let secret = process.env.NEXTAUTH_SECRET;
  if (!secret) {
    if (production) throw new StartupError('NEXTAUTH_SECRET must be set in production (e.g. `openssl rand -base64 32`).');
    const file = path.join(dataDir(), 'auth-secret');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir(), { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    secret = fs.readFileSync(file, 'utf8').trim();
  }
  return { NEXTAUTH_SECRET: secret, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
}

function printLogins() {
  const file = demoLoginsFile();
  if (production || !fs.existsSync(file)) return;
  const { password, users } = JSON.parse(fs.readFileSync(file, 'utf8')) as { password: string; users: { email: string; role: string }[] };
  say('Demo sign-ins (development only), all with the password below:');
  for (const u of users) console.log(`    ${u.role.padEnd(15)} ${u.email}`);
  console.log(`    password        ${password}`);
}

/** The job worker (offer deadlines, escalation): its own process, restarted if it dies; jobs are durable. */
function startWorker(env: NodeJS.ProcessEnv, stopping: () => boolean): { current: () => ChildProcess } {
  let child: ChildProcess;
  const launch = () => {
    child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    });
    child.on('exit', (code) => {
      if (stopping()) return;
      say(`Job worker exited (${code}); restarting it.`);
      setTimeout(launch, 2000);
    });
  };
  launch();
  return { current: () => child };
}

async function stopChild(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

async function main() {
  let db: DatabaseServer | undefined;
  let app: ChildProcess | undefined;
  let worker: { current: () => ChildProcess } | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    await Promise.all([stopChild(app), stopChild(worker?.current())]);
    await db?.stop().catch(() => undefined);
    process.exit(code);
  };
  // A program that cannot be run (a binary under a folder its user cannot enter) is said in one
  // line, not as a stack trace.
  process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
    const unrunnable = error.code === 'EACCES' && error.syscall?.startsWith('spawn');
    console.error(
      unrunnable ? `[homefirst] Cannot run ${error.path}: permission denied; move the checkout to a folder every user can enter, or set DATABASE_URL.` : error,
    );
    void stop(1);
  });
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  try {
    db = await startDatabase((line) => say(`postgres: ${line.trim()}`));
    for (const note of db.notes ?? []) say(note);
    say(
      db.embedded
        ? `Embedded PostgreSQL running (data in ${shownPath(db.dataDir ?? path.join(dataDir(), 'postgres'))}).`
        : 'Using the PostgreSQL named by DATABASE_URL.',
    );
    // As the owner: migrations, the seed, the job queues, then the app role's grants.
    await migrateDeploy(db.url);
    say('Database schema is up to date.');
    if (!production) {
      const result = await seedDatabase(db.url);
      say(result.seeded ? 'Seeded the synthetic Bradford District market.' : 'Database already holds data: not seeding.');
    }
    await prepareJobQueues(db.url);
    await grantAppAccess(db.url, db.appUrl);
    // The app and the worker connect as the app role, and are not told the owner's password.
    const { DATABASE_OWNER_URL: _owner, ...inherited } = process.env;
    const env = { ...inherited, ...authEnv(), DATABASE_URL: db.appUrl, PORT: String(port) };
    if (!dev) await buildIfNeeded(env);
    worker = startWorker(env, () => stopping);
    app = dev
      ? run(['dev', '-p', String(port)], { ...env, NODE_ENV: 'development' })
      : spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/serve.ts'], {
          stdio: 'inherit',
          env: { ...env, NODE_ENV: 'production' },
        });
    app.on('exit', (code) => void stop(code ?? 0));
    say(`HomeFirst Brokerage: http://localhost:${port}`);
    printLogins();
  } catch (error) {
    console.error(error instanceof DatabaseConfigError || error instanceof StartupError ? `[homefirst] ${error.message}` : error);
    await stop(1);
  }
}

void main();
