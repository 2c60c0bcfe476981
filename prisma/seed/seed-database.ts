import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import type { Prisma } from '@prisma/client';
import { createPrismaClient } from '../../lib/database/client';
import { dataDir } from '../../lib/database/data-dir';
import { importCouncilData } from '../../lib/import/import-council-data';
import { sourceFromPath } from '../../lib/import/read-sources';
import { buildMarket, DEFAULT_SEED, type MarketRows } from './build-market';

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

// Kirkholme's localities, their neighbours, postcode districts, STEP area and hospital are loaded
// from the CSV files kept beside this file, through the importer a council uses (docs/import.md),
// so the importer runs on every fresh start. The rest of Kirkholme's market is generated, and
// refers to these rows by the ids the generator gave them: the importer is handed those ids by
// code, and a name-based id for what the generator does not make.
const KIRKHOLME_CODE = 'KHC';
const KIRKHOLME_FROM_FILES: (keyof MarketRows)[] = ['localities', 'localityWards', 'localityNeighbours', 'hospitals'];
const KIRKHOLME_FILES = ['localities', 'locality_neighbours', 'postcode_districts', 'step_areas', 'hospitals'];

async function importKirkholme(tx: Prisma.TransactionClient, rows: MarketRows, councilId: string, now: Date) {
  const ids = new Map<string, string>();
  for (const l of rows.localities) if (l.councilId === councilId) ids.set(`locality|${l.code}`, l.id!);
  for (const h of rows.hospitals) if (h.councilId === councilId) ids.set(`hospital|${h.code}`, h.id!);
  for (const w of rows.wards) if (w.councilId === councilId) ids.set(`ward|${w.name}`, w.id!);
  const dir = path.join(process.cwd(), 'prisma', 'seed', 'kirkholme');
  const report = await importCouncilData(
    tx,
    KIRKHOLME_FILES.map((f) => sourceFromPath(path.join(dir, `${f}.csv`))),
    { councilId, apply: true, inTransaction: true, now, newId: (entity, key) => ids.get(`${entity}|${key}`) ?? nameUuid(councilId, entity, key) },
  );
  if (report.errors.length > 0) throw new Error(`Kirkholme's seed files do not import: ${JSON.stringify(report.errors.slice(0, 5))}`);
}

/** A name-based (version 5 style) uuid: the same council, entity and key always give the same id. */
function nameUuid(councilId: string, entity: string, key: string): string {
  const h = createHash('sha1').update(`${councilId}|${entity}|${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
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
    const rows = buildMarket({ seed: options.seed ?? DEFAULT_SEED, now });
    const demoPassword = options.demoPassword ?? randomBytes(9).toString('base64url');
    const passwordHash = await hash(demoPassword);
    await prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
        const kirkholme = rows.councils.find((c) => c.code === KIRKHOLME_CODE)!.id!;
        for (const key of INSERT_ORDER) {
          if (key === 'localities') await importKirkholme(tx, rows, kirkholme, now);
          const fromFiles = KIRKHOLME_FROM_FILES.includes(key);
          const data =
            key === 'users'
              ? rows.users.map((u) => ({ ...u, passwordHash }))
              : fromFiles
                ? (rows[key] as { councilId?: string }[]).filter((r) => r.councilId !== kirkholme)
                : rows[key];
          const delegate = (tx as unknown as Record<string, { createMany(args: { data: unknown[] }): Promise<unknown> }>)[DELEGATE[key]];
          for (let i = 0; i < data.length; i += 5000) await delegate.createMany({ data: data.slice(i, i + 5000) });
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
