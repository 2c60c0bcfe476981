import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import type { Prisma } from '@prisma/client';
import { createPrismaClient } from '../../lib/database/client';
import { dataDir } from '../../lib/database/data-dir';
import { importCouncilData } from '../../lib/import/import-council-data';
import { sourceFromPath } from '../../lib/import/read-sources';
import { buildSeedMarket, DEFAULT_SEED, kirkholmeId, type MarketRows } from './build-market';
import { KIRKHOLME_DIR, KIRKHOLME_FILES } from './kirkholme-files';

export type SeedOptions = {
  seed?: number;
  /** The moment the market is seeded "as of"; defaults to the current hour. */
  now?: Date;
  /** Reseed a database that already holds data. */
  force?: boolean;
  /** Demo sign-in password; a random one is made when absent. */
  demoPassword?: string;
};

export type SeedResult = { seeded: boolean; demoPassword?: string; users: { email: string; role: string }[] };

/**
 * Empties every table the migrations made (all but the migrations' own record), so a forced reseed
 * starts from nothing: the tables the database keeps from others (rollups, market entries, the
 * record of lines changed since a payment run) as well as those the seed writes.
 */
async function emptyTables(tx: Prisma.TransactionClient) {
  const tables = await tx.$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`;
  await tx.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

// Insert order follows the foreign keys.
const INSERT_ORDER: (keyof MarketRows)[] = [
  'councils',
  'wards',
  'localities',
  'localityWards',
  'localityNeighbours',
  'hospitals',
  'providers',
  'councilProviders',
  'contracts',
  'contractLocalities',
  'capacity',
  'people',
  'packages',
  'visits',
  'serviceLines',
  'placements',
  'offers',
  'users',
];

const TABLE_OF: Record<keyof MarketRows, string> = {
  councils: 'Council',
  wards: 'Ward',
  localities: 'Locality',
  localityWards: 'LocalityWard',
  localityNeighbours: 'LocalityNeighbour',
  hospitals: 'Hospital',
  providers: 'Provider',
  councilProviders: 'CouncilProvider',
  contracts: 'Contract',
  contractLocalities: 'ContractLocality',
  capacity: 'CapacityDeclaration',
  people: 'Person',
  packages: 'Package',
  visits: 'Visit',
  serviceLines: 'ServiceLine',
  placements: 'Placement',
  offers: 'Offer',
  users: 'User',
};

/**
 * Inserts rows in one statement: PostgreSQL reads them from a JSON array (json_populate_recordset
 * against the table's own row type), which for the seed's tens of thousands of rows is many times
 * quicker than building the insert in the client. Columns a row leaves out take their defaults;
 * ids and update stamps, which the schema defaults in the client, are filled here.
 */
async function insertRows(tx: Prisma.TransactionClient, table: string, rows: readonly object[]) {
  if (rows.length === 0) return;
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = await tx.$queryRaw<{ name: string; fallback: string | null }[]>`
    SELECT column_name::text AS name, column_default::text AS fallback FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`;
  const filled: Record<string, string> = { id: 'gen_random_uuid()', updatedAt: 'now()' };
  const chosen = columns.filter((c) => given.has(c.name) || c.name in filled);
  // A column some rows leave out takes its default in those rows, as it would in an insert per row.
  const value = ({ name, fallback }: { name: string; fallback: string | null }) => {
    const alone = filled[name] ?? fallback;
    if (!given.has(name)) return alone!;
    const everyRow = rows.every((row) => name in row && (row as Record<string, unknown>)[name] !== undefined);
    return everyRow || !alone ? `r."${name}"` : `COALESCE(r."${name}", ${alone})`;
  };
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${chosen.map((c) => `"${c.name}"`).join(', ')})
     SELECT ${chosen.map(value).join(', ')} FROM json_populate_recordset(NULL::"${table}", $1::json) AS r`,
    JSON.stringify(rows),
  );
}

// Kirkholme is loaded from the CSV files kept in prisma/seed/kirkholme/ through the council
// importer (docs/import.md), as a council admin's upload is: checked first (the dry run must be
// clean), then applied. Its geography, providers (three locality and five spot providers are
// Bradford's too: the importer matches them on their CQC location id and only registers them),
// contracts, the people it supports and their live long-term packages come from the files; the
// importer is handed name-based ids, so the rows keep the ids the builder gave them and what is
// generated refers to them. Generated as of the seed's moment, because the importer has no sheet
// for it or it must stay recent: ward populations, ended packages with their offers, the
// short-term services running now, packages waiting for a provider, a draft, capacity and users.
const KIRKHOLME_CODE = 'KHC';
const IMPORT_BEFORE: keyof MarketRows = 'capacity';

async function importKirkholme(tx: Prisma.TransactionClient, councilId: string, now: Date) {
  const sources = KIRKHOLME_FILES.map((f) => sourceFromPath(path.join(KIRKHOLME_DIR, `${f}.csv`)));
  const options = { councilId, inTransaction: true, now, newId: kirkholmeId };
  for (const apply of [false, true]) {
    const report = await importCouncilData(tx, sources, { ...options, apply });
    if (report.errors.length > 0) throw new Error(`Kirkholme's seed files do not import: ${JSON.stringify(report.errors.slice(0, 5))}`);
  }
}

/**
 * The database keeps each package's earliest visit start (firstVisitStart) with a trigger on every
 * visit row, which costs an update of the package per visit: for the seed's tens of thousands of
 * visits it is paused (inside the seed's transaction) and the column is filled in one statement.
 */
async function fillFirstVisitStarts(tx: Prisma.TransactionClient) {
  await tx.$executeRawUnsafe(`ALTER TABLE "Visit" ENABLE TRIGGER "Visit_first_start_to_package"`);
  await tx.$executeRawUnsafe(`
    UPDATE "Package" p SET "firstVisitStart" = v.first
    FROM (SELECT "councilId", "packageId", min("start") AS first FROM "Visit" GROUP BY 1, 2) v
    WHERE p."councilId" = v."councilId" AND p."id" = v."packageId" AND p."firstVisitStart" IS DISTINCT FROM v.first`);
}

export function currentHour(): Date {
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  return now;
}

/** Seeds the synthetic market unless the database already holds one (or `force`). */
export async function seedDatabase(url: string, options: SeedOptions = {}): Promise<SeedResult> {
  const prisma = createPrismaClient(url);
  try {
    if (!options.force && (await prisma.council.count()) > 0) return { seeded: false, users: [] };
    const now = options.now ?? currentHour();
    const { generated: rows } = buildSeedMarket({ seed: options.seed ?? DEFAULT_SEED, now });
    const demoPassword = options.demoPassword ?? randomBytes(9).toString('base64url');
    const passwordHash = await hash(demoPassword);
    await prisma.$transaction(
      async (tx) => {
        await emptyTables(tx);
        const kirkholme = rows.councils.find((c) => c.code === KIRKHOLME_CODE)!.id!;
        for (const key of INSERT_ORDER) {
          // After Bradford's providers and contracts, before what is generated for Kirkholme.
          if (key === IMPORT_BEFORE) await importKirkholme(tx, kirkholme, now);
          const data = key === 'users' ? rows.users.map((u) => ({ ...u, passwordHash })) : rows[key];
          if (key === 'visits') await tx.$executeRawUnsafe(`ALTER TABLE "Visit" DISABLE TRIGGER "Visit_first_start_to_package"`);
          await insertRows(tx, TABLE_OF[key], data);
          if (key === 'visits') await fillFirstVisitStarts(tx);
        }
        // A seeded market has never been paid, so no payment run needs the record of lines changed
        // since it read them (which the database stamps with the clock, and would differ between seeds).
        await tx.$executeRawUnsafe(`DELETE FROM "PaymentLineChange"`);
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
    // Planner statistics for the tables just filled: until autovacuum reaches them (a minute or
    // more after start), PostgreSQL plans as if they were empty, and a large provider's register
    // page runs past the statement timeout.
    await prisma.$executeRawUnsafe('ANALYZE');
    const users = rows.users.map((u) => ({ email: u.email, role: u.role }));
    writeDemoLogins(demoPassword, users);
    return { seeded: true, demoPassword, users };
  } finally {
    await prisma.$disconnect();
  }
}

export const demoLoginsFile = () => path.join(dataDir(), 'demo-logins.json');

function writeDemoLogins(password: string, users: { email: string; role: string }[]) {
  fs.mkdirSync(path.dirname(demoLoginsFile()), { recursive: true });
  fs.writeFileSync(demoLoginsFile(), JSON.stringify({ password, users }, null, 2), { mode: 0o600 });
}
