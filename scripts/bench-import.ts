// `npm run bench:import`: importing a council's migration file of 10,000 live packages, in a
// database of its own (embedded PostgreSQL on port 54398, data in .data/bench-import;
// BENCH_PG_PORT changes the port). The synthetic market is seeded (prisma/seed), Bradford's
// register is exported as the importer's CSV files, and its live packages are copied, each for a
// new person, until there are 10,000 new ones. Times the dry run and the apply of the CSV files and
// the dry run of the same data as one XLSX workbook, and prints rows a second and peak memory.
// Targets: under 60 s and under 1 GiB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createPrismaClient } from '@/lib/database/client';
import { migrateDeploy } from '@/lib/database/migrate';
import { startEmbedded } from '@/lib/database/server';
import { exportSheet, sheetCsv, writeWorkbook } from '@/lib/import/export-council-data';
import { importCouncilData, type TImportReport } from '@/lib/import/import-council-data';
import { sourceFromPath } from '@/lib/import/read-sources';
import { SHEET_NAMES, SHEETS, type TSheetName } from '@/lib/import/sheets';
import { isValidNhsNumber } from '@/lib/package/package-schema';
import { seedDatabase } from '@/prisma/seed/seed-database';

const PACKAGES = 10_000;
const NOW = new Date('2026-12-01T10:00:00Z');

async function main() {
  const port = Number(process.env.BENCH_PG_PORT ?? 54398);
  const dir = path.resolve('.data', 'bench-import');
  const server = await startEmbedded({ dir: path.join(dir, 'postgres'), port, database: 'postgres', disposable: true });
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS homefirst_bench_import WITH (FORCE)');
    await admin.query('CREATE DATABASE homefirst_bench_import');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/homefirst_bench_import';
    console.log('Migrating and seeding the synthetic market…');
    await migrateDeploy(url.toString());
    // Seeding builds the whole market in memory: it runs in a process of its own, so the memory
    // measured here is the import's.
    const seeded = spawnSync(process.execPath, [...process.execArgv, __filename, '--seed', url.toString()], { stdio: 'inherit' });
    if (seeded.status !== 0) throw new Error('Seeding failed');

    const prisma = createPrismaClient(url.toString());
    try {
      const councilId = (await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } })).id;
      const files = path.join(dir, 'files');
      const writeCsvs = (sheets: Record<TSheetName, string[][]>) => {
        fs.rmSync(files, { recursive: true, force: true });
        fs.mkdirSync(files, { recursive: true });
        for (const sheet of SHEET_NAMES) fs.writeFileSync(path.join(files, `${sheet}.csv`), sheetCsv(sheet, sheets[sheet]));
      };
      const csvSources = () => SHEET_NAMES.map((s) => sourceFromPath(path.join(files, `${s}.csv`)));
      // Some seeded packages break a rule the importer applies to new ones (visits that overlap):
      // a first, untimed dry run finds them, and the file keeps 10,000 of the rest.
      const sheets = await migrationFile(prisma, councilId, Math.round(PACKAGES * 1.1));
      writeCsvs(sheets);
      const trial = await importCouncilData(prisma, csvSources(), { councilId, apply: false, now: NOW });
      const bad = new Set<string>();
      for (const e of trial.errors) bad.add(e.sheet === 'packages' ? sheets.packages[e.row - 2][0] : (sheets[e.sheet as TSheetName]?.[e.row - 2]?.[0] ?? ''));
      sheets.packages = sheets.packages.filter((p) => !bad.has(p[0])).slice(0, PACKAGES);
      const kept = new Set(sheets.packages.map((p) => p[0]));
      sheets.visits = sheets.visits.filter((v) => kept.has(v[0]));
      sheets.service_lines = sheets.service_lines.filter((l) => kept.has(l[0]));
      writeCsvs(sheets);
      const xlsx = path.join(files, 'bradford.xlsx');
      await writeWorkbook(fs.createWriteStream(xlsx), async (sheet) => sheets[sheet]);
      await new Promise((r) => setTimeout(r, 200));
      const rows = SHEET_NAMES.reduce((n, s) => n + sheets[s].length, 0);
      const csvBytes = SHEET_NAMES.reduce((n, s) => n + fs.statSync(path.join(files, `${s}.csv`)).size, 0);
      console.log(
        `\n${rows.toLocaleString('en-GB')} rows (${sheets.packages.length.toLocaleString('en-GB')} packages, ${sheets.visits.length.toLocaleString('en-GB')} visits, ` +
          `${sheets.service_lines.length.toLocaleString('en-GB')} service lines); CSV ${(csvBytes / 1e6).toFixed(1)} MB, XLSX ${(fs.statSync(xlsx).size / 1e6).toFixed(1)} MB\n`,
      );
      let slow = false;
      for (const [label, run] of [
        ['CSV dry run', () => importCouncilData(prisma, csvSources(), { councilId, apply: false, now: NOW })],
        ['XLSX dry run', () => importCouncilData(prisma, [sourceFromPath(xlsx)], { councilId, apply: false, now: NOW })],
        ['CSV apply', () => importCouncilData(prisma, csvSources(), { councilId, apply: true, now: NOW })],
        ['CSV re-import (no change)', () => importCouncilData(prisma, csvSources(), { councilId, apply: true, now: NOW })],
      ] as const) {
        const { report, ms, peak } = await measure(run);
        const created = Object.values(report.summary).reduce((n, c) => n + c.created, 0);
        if (report.errors.length > 0) throw new Error(`${label}: ${report.errors.length} errors, first ${JSON.stringify(report.errors[0])}`);
        console.log(
          `  ${label.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${Math.round(rows / (ms / 1000))
            .toLocaleString('en-GB')
            .padStart(8)} rows/s  peak RSS ${mb(peak.rss)}  heap ${mb(peak.heapUsed)}  created ${created.toLocaleString('en-GB')}`,
        );
        if (ms > 60_000 || peak.rss > 1024 ** 3) slow = true;
      }
      console.log(slow ? '\nOver target (60 s, 1 GiB).' : '\nWithin target (60 s, 1 GiB).');
    } finally {
      await prisma.$disconnect();
    }
  } finally {
    await server.stop();
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`.padStart(8);

async function measure(run: () => Promise<TImportReport>): Promise<{ report: TImportReport; ms: number; peak: { rss: number; heapUsed: number } }> {
  global.gc?.();
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  try {
    const report = await run();
    sample();
    return { report, ms: performance.now() - started, peak };
  } finally {
    clearInterval(timer);
  }
}

/** Bradford's register as exported, with its live packages copied into 10,000 new ones for new people. */
async function migrationFile(prisma: ReturnType<typeof createPrismaClient>, councilId: string, count: number): Promise<Record<TSheetName, string[][]>> {
  const out = {} as Record<TSheetName, string[][]>;
  for (const sheet of SHEET_NAMES) out[sheet] = await exportSheet(prisma, councilId, sheet);
  const col = (sheet: TSheetName, name: string) => (SHEETS[sheet].columns as readonly string[]).indexOf(name);
  const people = new Map(out.people.map((p) => [p[col('people', 'nhs_number')], p]));
  // Templates: the live packages whose placement fits its contract's dates (a few seeded ones do not).
  const contracts = new Map(out.contracts.map((c) => [c[col('contracts', 'reference')], c]));
  const templates = out.packages.filter((p) => {
    const c = contracts.get(p[col('packages', 'contract_reference')]);
    if (!c) return true;
    const start = p[col('packages', 'placement_start')].slice(0, 10);
    const to = c[col('contracts', 'valid_to')];
    return c[col('contracts', 'valid_from')] <= start && (to === '' || start <= to);
  });
  const visitsOf = groupByPackage(out.visits);
  const linesOf = groupByPackage(out.service_lines);
  const packages: string[][] = [];
  const visits: string[][] = [];
  const lines: string[][] = [];
  const newPeople: string[][] = [];
  let nhs = 900_000_000;
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length];
    let number: string;
    do number = `${nhs++}${checkDigit(nhs - 1)}`;
    while (!isValidNhsNumber(number));
    const person = [...people.get(t[col('packages', 'person_nhs_number')])!];
    person[col('people', 'nhs_number')] = number;
    newPeople.push(person);
    const ref = `BDC-MIG-${String(i + 1).padStart(6, '0')}`;
    const p = [...t];
    p[col('packages', 'reference')] = ref;
    p[col('packages', 'person_nhs_number')] = number;
    packages.push(p);
    for (const v of visitsOf.get(t[0]) ?? []) visits.push([ref, ...v.slice(1)]);
    for (const l of linesOf.get(t[0]) ?? []) lines.push([ref, ...l.slice(1)]);
  }
  out.people = [...out.people, ...newPeople];
  out.packages = packages;
  out.visits = visits;
  out.service_lines = lines;
  return out;
}

function groupByPackage(rows: string[][]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const r of rows) out.set(r[0], [...(out.get(r[0]) ?? []), r]);
  return out;
}

function checkDigit(nine: number): number {
  const digits = String(nine).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

if (process.argv[2] === '--seed') {
  seedDatabase(process.argv[3], { seed: 2022, now: NOW, force: true, demoPassword: 'bench-import' }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
