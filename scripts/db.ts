// Database chores: `tsx scripts/db.ts migrate|seed|url|create-migration <name>`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { migrateDeploy } from '../lib/database/migrate';
import { grantAppAccess } from '../lib/database/roles';
import { DatabaseConfigError, startDatabase, type DatabaseServer } from '../lib/database/server';
import { prepareJobQueues } from '../lib/worker/job-queues';

/** Migrations, the job queues and the app role's grants, as the owner. */
async function migrate(db: DatabaseServer) {
  await migrateDeploy(db.url);
  await prepareJobQueues(db.url);
  await grantAppAccess(db.url, db.appUrl);
}

// A new migration is the difference between what the committed migrations build (replayed in a
// shadow database on the same server) and the working schema; review it and add any SQL Prisma's
// schema language cannot state.
function createMigration(name: string, url: string) {
  const sql = execFileSync(
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
    ],
    { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } },
  );
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join('prisma', 'migrations', `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  console.log(`Wrote ${dir}/migration.sql`);
}

async function main() {
  const [command, name] = process.argv.slice(2);
  const db = await startDatabase();
  try {
    for (const note of db.notes ?? []) console.warn(note);
    if (command === 'migrate') {
      await migrate(db);
      console.log('Migrations applied.');
    } else if (command === 'create-migration') {
      if (!name) throw new DatabaseConfigError('Usage: tsx scripts/db.ts create-migration <name>');
      createMigration(name, db.url);
    } else if (command === 'seed') {
      await migrate(db);
      const { seedDatabase } = await import('../prisma/seed/seed-database');
      const summary = await seedDatabase(db.url, { force: process.argv.includes('--force') });
      console.log(summary);
    } else if (command === 'url') {
      console.log(db.url);
    } else {
      throw new DatabaseConfigError('Usage: tsx scripts/db.ts migrate|seed [--force]|url|create-migration <name>');
    }
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof DatabaseConfigError ? error.message : error);
  process.exit(1);
});
