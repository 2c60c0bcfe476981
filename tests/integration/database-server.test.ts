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
