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

const TABLES = [
  'AuditEvent',
  'Placement',
  'Offer',
  'ServiceLine',
  'Visit',
  'Package',
  'Person',
  'CapacityDeclaration',
  'ContractRate',
  'ContractLocality',
  'Contract',
  'ProviderStatusChange',
  'CouncilProvider',
  'User',
  'ProviderRating',
  'Provider',
  'Hospital',
  'StepAreaLocality',
  'StepArea',
  'PostcodeDistrict',
  'LocalityNeighbour',
  'LocalityWard',
  'Locality',
  'Ward',
  'Council',
];

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

const DELEGATE: Record<keyof MarketRows, string> = {
  councils: 'council',
  wards: 'ward',
  localities: 'locality',
  localityWards: 'localityWard',
  localityNeighbours: 'localityNeighbour',
  hospitals: 'hospital',
  providers: 'provider',
  councilProviders: 'councilProvider',
  contracts: 'contract',
  contractLocalities: 'contractLocality',
  capacity: 'capacityDeclaration',
  people: 'person',
  packages: 'package',
  visits: 'visit',
  serviceLines: 'serviceLine',
  placements: 'placement',
  offers: 'offer',
  users: 'user',
};

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
        await tx.$executeRawUnsafe(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
        const kirkholme = rows.councils.find((c) => c.code === KIRKHOLME_CODE)!.id!;
        for (const key of INSERT_ORDER) {
          // After Bradford's providers and contracts, before what is generated for Kirkholme.
          if (key === IMPORT_BEFORE) await importKirkholme(tx, kirkholme, now);
          const data = key === 'users' ? rows.users.map((u) => ({ ...u, passwordHash })) : rows[key];
          const delegate = (tx as unknown as Record<string, { createMany(args: { data: unknown[] }): Promise<unknown> }>)[DELEGATE[key]];
          if (key === 'visits') await tx.$executeRawUnsafe(`ALTER TABLE "Visit" DISABLE TRIGGER "Visit_first_start_to_package"`);
          for (let i = 0; i < data.length; i += 5000) await delegate.createMany({ data: data.slice(i, i + 5000) });
          if (key === 'visits') await fillFirstVisitStarts(tx);
        }
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
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
