import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDeploy } from '@/lib/database/migrate';
import { ensureLocalAppRole, grantAppAccess } from '@/lib/database/roles';
import { parseDatabaseUrl, startEmbedded, type DatabaseServer } from '@/lib/database/server';
import { prepareJobQueues } from '@/lib/worker/job-queues';
import { assertLocal } from './support/local-only';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The owner's URL of each worker's database: migrations, the seed, emptying tables. */
    databaseUrls: string[];
    /** The app role's URL of each worker's database: what the app and the worker connect as. */
    appDatabaseUrls: string[];
  }
}

// Integration tests run against a real PostgreSQL: an embedded server of their own (port 54339,
// data in .data/postgres-test-54339) unless TEST_DATABASE_URL names a local one. The test database is
// dropped and migrated afresh for every run, with the job queues and the app role's grants, as
// `npm start` does; each worker then gets a copy of it (CREATE DATABASE … TEMPLATE), so two files
// running at once never share rows.
let server: DatabaseServer | undefined;

export async function setup(project: TestProject) {
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    const url = parseDatabaseUrl(process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL');
    assertLocal(url);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    // TEST_PG_PORT lets two runs on one machine use two servers (each with its own data folder).
    const port = Number(process.env.TEST_PG_PORT ?? 54339);
    server = await startEmbedded({
      dir: path.resolve('.data', `postgres-test-${port}`),
      port,
      database: 'postgres',
      disposable: true,
    });
    adminUrl = server.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // One copy per worker (the project's maxWorkers, vitest.config.ts).
  const copies = Array.from({ length: project.config.maxWorkers }, (_, i) => `homefirst_test_${i + 1}`);
  for (const name of ['homefirst_test', ...copies]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query('CREATE DATABASE homefirst_test');
  const url = new URL(adminUrl);
  url.pathname = '/homefirst_test';
  await migrateDeploy(url.toString());
  await prepareJobQueues(url.toString());
  const appUrl = await ensureLocalAppRole(adminUrl, url.toString());
  await grantAppAccess(url.toString(), appUrl);
  for (const name of copies) await admin.query(`CREATE DATABASE ${name} TEMPLATE homefirst_test`);
  await admin.end();
  const inCopy = (base: string, name: string) => {
    const copy = new URL(base);
    copy.pathname = `/${name}`;
    return copy.toString();
  };
  project.provide(
    'databaseUrls',
    copies.map((name) => inCopy(url.toString(), name)),
  );
  project.provide(
    'appDatabaseUrls',
    copies.map((name) => inCopy(appUrl, name)),
  );
}

export async function teardown() {
  await server?.stop();
}
