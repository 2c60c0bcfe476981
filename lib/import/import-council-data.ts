import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { contractDraftErrors, rateOnDay, ZContractDay, ZContractDraft, ZHourlyRate, type TContractOnRecord } from '@/lib/domain/contract-rules';
import { CONTRACT_TYPES, isContractInForce } from '@/lib/domain/contract';
import { endAfter } from '@/lib/package/line-dates';
import { ZNewPersonSchema, ZPackageDraftSchema } from '@/lib/package/package-schema';
import { readSources, type TImportIssue, type TImportSource, type TSheetData, type TSheetRow } from './read-sources';
import { parseYesNo, SHEET_NAMES, splitList, type TSheetName } from './sheets';
import { londonDay, visitsInForceWhere } from '@/lib/domain/visit-versions';
import { changeVisits } from '@/lib/package/change-visits';

// Importing a council's data: every row of every sheet is checked against the file and the
// database (dry run); only a file without a single error is written, in one transaction, and only
// what differs is changed, so importing the same file twice changes nothing. Rows match on the
// council's own references (docs/import.md). The seed loads Kirkholme through this same code, so
// it takes its database client, clock and id maker from the caller and does not import the
// app's client: it runs outside the server (no 'server-only'), and is called on the server only
// through lib/import/run-import.ts.

type Db = PrismaClient | Prisma.TransactionClient;
type Tx = Prisma.TransactionClient;

export type TEntityCounts = { created: number; updated: number; unchanged: number };
export type TImportReport = {
  files: string[];
  errors: TImportIssue[];
  summary: Partial<Record<TSheetName, TEntityCounts>>;
  applied: boolean;
};

export type TImportOptions = {
  councilId: string;
  apply: boolean;
  /** When created rows are stamped; the seed passes its own "now". */
  now?: Date;
  /** Ids for new rows; the seed passes a name-based one so seeding is repeatable. */
  newId?: (entity: string, key: string) => string;
  /** `db` is already a transaction (the seed's): write in it rather than opening one. */
  inTransaction?: boolean;
  /** Runs in the writing transaction once everything is written (the audit). */
  onApplied?: (tx: Tx, report: TImportReport) => Promise<void>;
};

const CQC_RATINGS = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_RATED'] as const;
const CLIENT_GROUPS = ['OLDER_PEOPLE', 'PHYSICAL_DISABILITY', 'SENSORY_IMPAIRMENT', 'MENTAL_HEALTH', 'LEARNING_DISABILITY'] as const;
const PROVIDER_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
const IMPORTABLE_STATUSES = ['DRAFT', 'PLACED'] as const;

export async function importCouncilData(db: Db, sources: readonly TImportSource[], options: TImportOptions): Promise<TImportReport> {
  const errors: TImportIssue[] = [];
  const sheets = await readSources(sources, errors);
  const report: TImportReport = { files: sources.map((s) => s.name), errors, summary: {}, applied: false };
  const run = async (tx: Tx) => {
    const plan = new Planner(tx, options, sheets, report);
    await plan.build();
    if (errors.length > 0 || !options.apply) return;
    await plan.write();
    report.applied = true;
    if (options.onApplied && plan.changed()) await options.onApplied(tx, report);
  };
  try {
    if (!options.apply) await run(db as Tx);
    else if (options.inTransaction) await run(db as Tx);
    else await (db as PrismaClient).$transaction(run, { timeout: 600_000, maxWait: 30_000 });
  } finally {
    // Sheet by sheet in reading order, then row by row: the order a person fixes a file in.
    const order = new Map<string, number>(SHEET_NAMES.map((s, i) => [s, i]));
    errors.sort((a, b) => (order.get(a.sheet) ?? -1) - (order.get(b.sheet) ?? -1) || a.row - b.row);
  }
  return report;
}

// Writes run in three phases: links being replaced are deleted, new rows are inserted in bulk model
// by model in foreign-key order, then existing rows are updated (they may point at new rows).
const CREATE_ORDER = [
  'ward',
  'locality',
  'localityWard',
  'localityNeighbour',
  'postcodeDistrict',
  'stepArea',
  'stepAreaLocality',
  'hospital',
  'provider',
  'providerRating',
  'councilProvider',
  'providerStatusChange',
  'person',
  'contract',
  'contractLocality',
  'contractRate',
  'package',
  'visit',
  'serviceLine',
  'placement',
] as const;
type TModel = (typeof CREATE_ORDER)[number];
type TWrite = (tx: Tx) => Promise<unknown>;

const dayText = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));
const asDay = (s: string) => new Date(`${s}T00:00:00Z`);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0001') === [...b].sort().join('\u0001');
const num = (d: Prisma.Decimal | null) => (d === null ? null : Number(d));
const money = (n: number) => new Prisma.Decimal(n.toFixed(2));
/** A package field as held or as imported, in a form `!==` compares: amounts as numbers, days as text. */
const comparable = (v: unknown) => (v instanceof Prisma.Decimal ? Number(v) : v instanceof Date ? dayText(v) : v);

type TContractWithLocalities = Prisma.ContractGetPayload<{ include: { localities: true } }>;

function contractLocalitiesDiffer(old: TContractWithLocalities, draft: z.output<typeof ZContractDraft>): boolean {
  return !sameSet(
    draft.localityIds.map((id) => `${id}=${draft.targetShares[id] ?? null}`),
    old.localities.map((l) => `${l.localityId}=${num(l.targetShare)}`),
  );
}

function contractFieldsDiffer(old: TContractWithLocalities, draft: z.output<typeof ZContractDraft>, endReason: string | null): boolean {
  return (
    old.hospitalId !== draft.hospitalId ||
    old.personId !== draft.personId ||
    Number(old.hourlyRate) !== draft.hourlyRate ||
    dayText(old.validFrom) !== draft.validFrom ||
    dayText(old.validTo) !== draft.validTo ||
    old.endReason !== endReason
  );
}

const contractDiffers = (old: TContractWithLocalities, draft: z.output<typeof ZContractDraft>, endReason: string | null) =>
  contractLocalitiesDiffer(old, draft) || contractFieldsDiffer(old, draft, endReason);

/**
 * Inserts rows in one statement: PostgreSQL reads them from one JSON parameter into the table's
 * own row type, so each column gets its own type (enums, arrays, dates) without a parameter per
 * value, which for tens of thousands of rows is many times faster than createMany.
 */
async function insertRows(tx: Tx, model: TModel, rows: object[]): Promise<void> {
  const table = model.charAt(0).toUpperCase() + model.slice(1);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((c) => `"${c}"`).join(', ');
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    JSON.stringify(rows),
  );
}

class Planner {
  private readonly deletes: TWrite[] = [];
  private readonly creates = new Map<TModel, object[]>();
  private readonly updates: TWrite[] = [];
  private readonly newId: (entity: string, key: string) => string;
  private readonly now: Date;
  private readonly councilId: string;
  // References resolved to ids: what the database holds, then what the file adds.
  private readonly localityIds = new Map<string, string>();
  private readonly hospitalIds = new Map<string, string>();
  private readonly providerIds = new Map<string, string>();
  private readonly personIds = new Map<string, string>();
  private readonly contracts = new Map<string, TContractOnRecord & { hourlyRate: number; rates: { validFrom: string; hourlyRate: number }[] }>();
  private wrote = false;

  constructor(
    private readonly tx: Tx,
    options: TImportOptions,
    private readonly sheets: Map<TSheetName, TSheetData>,
    private readonly report: TImportReport,
  ) {
    this.newId = options.newId ?? (() => randomUUID());
    this.now = options.now ?? new Date();
    this.councilId = options.councilId;
  }

  changed(): boolean {
    return this.wrote;
  }

  private issue(sheet: TSheetName, row: number, column: string, message: string) {
    this.report.errors.push({ sheet, row, column, message });
  }

  private count(sheet: TSheetName, what: keyof TEntityCounts) {
    (this.report.summary[sheet] ??= { created: 0, updated: 0, unchanged: 0 })[what]++;
  }

  private create(model: TModel, rows: object[]) {
    if (rows.length === 0) return;
    const list = this.creates.get(model);
    if (list) for (const r of rows) list.push(r);
    else this.creates.set(model, [...rows]);
  }

  private remove(fn: TWrite) {
    this.deletes.push(fn);
  }

  private run(fn: TWrite) {
    this.updates.push(fn);
  }

  async write() {
    this.wrote = this.deletes.length > 0 || this.creates.size > 0 || this.updates.length > 0;
    for (const fn of this.deletes) await fn(this.tx);
    for (const model of CREATE_ORDER) {
      const rows = this.creates.get(model) ?? [];
      for (let i = 0; i < rows.length; i += 10_000) await insertRows(this.tx, model, rows.slice(i, i + 10_000));
    }
    for (const fn of this.updates) await fn(this.tx);
  }

  /** Rows of a sheet, each key given once; a repeated key is an error on the later row. */
  private unique(sheet: TSheetName, column: string, key: (row: TSheetRow) => string = (r) => r.cells[column]): TSheetRow[] {
    const seen = new Map<string, number>();
    const out: TSheetRow[] = [];
    for (const row of this.sheets.get(sheet)?.rows ?? []) {
      const k = key(row);
      if (k === '') {
        this.issue(sheet, row.row, column, `Enter the ${column.replaceAll('_', ' ')}`);
        continue;
      }
      const first = seen.get(k);
      if (first !== undefined) {
        this.issue(sheet, row.row, column, `Duplicate ${column.replaceAll('_', ' ')} ${row.cells[column] || k}: it is already on row ${first}`);
        continue;
      }
      seen.set(k, row.row);
      out.push(row);
    }
    return out;
  }

  private text(sheet: TSheetName, row: TSheetRow, column: string, options: { required?: boolean; max?: number } = {}): string | null {
    const v = row.cells[column] ?? '';
    if (v === '') {
      if (options.required) this.issue(sheet, row.row, column, `Enter the ${column.replaceAll('_', ' ')}`);
      return null;
    }
    const max = options.max ?? 200;
    if (v.length > max) this.issue(sheet, row.row, column, `The ${column.replaceAll('_', ' ')} must be ${max} characters or fewer`);
    return v;
  }

  private oneOf<T extends string>(sheet: TSheetName, row: TSheetRow, column: string, values: readonly T[], fallback?: T): T | null {
    const v = (row.cells[column] ?? '').toUpperCase();
    if (v === '' && fallback !== undefined) return fallback;
    if ((values as readonly string[]).includes(v)) return v as T;
    this.issue(
      sheet,
      row.row,
      column,
      v === ''
        ? `Enter the ${column.replaceAll('_', ' ')}: one of ${values.join(', ')}`
        : `Unknown ${column.replaceAll('_', ' ')} "${row.cells[column]}": use one of ${values.join(', ')}`,
    );
    return null;
  }

  private yes(sheet: TSheetName, row: TSheetRow, column: string): boolean {
    const v = parseYesNo(row.cells[column] ?? '');
    if (v === null) this.issue(sheet, row.row, column, `Enter yes or no, not "${row.cells[column]}"`);
    return v ?? false;
  }

  private day(sheet: TSheetName, row: TSheetRow, column: string, required: boolean): string | null {
    const v = row.cells[column] ?? '';
    if (v === '') {
      if (required) this.issue(sheet, row.row, column, `Enter the ${column.replaceAll('_', ' ')} as a date like 2026-04-01`);
      return null;
    }
    if (!ZContractDay.safeParse(v).success) this.issue(sheet, row.row, column, `"${v}" is not a real date: write it like 2026-04-01`);
    return v;
  }

  private ref(sheet: TSheetName, row: TSheetRow, column: string, ids: Map<string, string>, what: string, required: boolean): string | null {
    const v = row.cells[column] ?? '';
    if (v === '') {
      if (required) this.issue(sheet, row.row, column, `Enter the ${what}`);
      return null;
    }
    const id = ids.get(v);
    if (id === undefined) this.issue(sheet, row.row, column, `Unknown ${what} "${v}"`);
    return id ?? null;
  }

  private numberOf(v: string): number | undefined {
    return v === '' ? undefined : Number(v);
  }

  async build() {
    const { tx, councilId } = this;
    const [localities, hospitals, registered, people] = await Promise.all([
      tx.locality.findMany({ where: { councilId }, include: { wards: { select: { ward: { select: { name: true } } } } } }),
      tx.hospital.findMany({ where: { councilId } }),
      tx.councilProvider.findMany({ where: { councilId }, include: { provider: { select: { cqcLocationId: true } } } }),
      tx.person.findMany({ where: { councilId } }),
    ]);
    for (const l of localities) this.localityIds.set(l.code, l.id);
    for (const h of hospitals) this.hospitalIds.set(h.code, h.id);
    for (const r of registered) this.providerIds.set(r.provider.cqcLocationId, r.providerId);
    for (const p of people) this.personIds.set(p.nhsNumber, p.id);
    await this.buildLocalities(localities);
    await this.buildNeighbours();
    await this.buildDistricts();
    await this.buildStepAreas();
    this.buildHospitals(hospitals);
    await this.buildProviders(registered);
    this.buildPeople(people);
    await this.buildContracts();
    await this.buildRates();
    await this.buildPackages();
  }

  private async buildLocalities(existing: Prisma.LocalityGetPayload<{ include: { wards: { select: { ward: { select: { name: true } } } } } }>[]) {
    const rows = this.unique('localities', 'code');
    if (rows.length === 0) return;
    const byCode = new Map(existing.map((l) => [l.code, l]));
    const wards = new Map((await this.tx.ward.findMany({ where: { councilId: this.councilId } })).map((w) => [w.name, w.id]));
    const wardId = (name: string) => {
      let id = wards.get(name);
      if (id === undefined) {
        id = this.newId('ward', name);
        wards.set(name, id);
        this.create('ward', [{ councilId: this.councilId, id, name, population: 0 }]);
      }
      return id;
    };
    const councilId = this.councilId;
    for (const row of rows) {
      const code = this.text('localities', row, 'code', { required: true, max: 20 })!;
      const name = this.text('localities', row, 'name', { required: true });
      const rural = this.yes('localities', row, 'rural');
      const wardNames = splitList(row.cells.wards ?? '');
      if (name === null) continue;
      const old = byCode.get(code);
      const id = old?.id ?? this.newId('locality', code);
      this.localityIds.set(code, id);
      if (!old) {
        this.count('localities', 'created');
        this.create('locality', [{ councilId, id, code, name, rural }]);
        this.create(
          'localityWard',
          wardNames.map((w) => ({ councilId, localityId: id, wardId: wardId(w) })),
        );
        continue;
      }
      const wardsChanged = !sameSet(
        wardNames,
        old.wards.map((w) => w.ward.name),
      );
      if (old.name === name && old.rural === rural && !wardsChanged) {
        this.count('localities', 'unchanged');
        continue;
      }
      this.count('localities', 'updated');
      if (old.name !== name || old.rural !== rural) this.run((tx) => tx.locality.update({ where: { councilId_id: { councilId, id } }, data: { name, rural } }));
      if (wardsChanged) {
        const ids = wardNames.map(wardId);
        this.remove((tx) => tx.localityWard.deleteMany({ where: { councilId, localityId: id } }));
        this.create(
          'localityWard',
          ids.map((wardId) => ({ councilId, localityId: id, wardId })),
        );
      }
    }
  }

  private async buildNeighbours() {
    const sheet = 'locality_neighbours';
    const rows = this.unique(sheet, 'neighbour_code', (r) => (r.cells.neighbour_code ? `${r.cells.locality_code} → ${r.cells.neighbour_code}` : ''));
    if (rows.length === 0) return;
    const { councilId } = this;
    const wanted = new Map<string, string[]>();
    for (const row of rows) {
      const a = this.ref(sheet, row, 'locality_code', this.localityIds, 'locality', true);
      const b = this.ref(sheet, row, 'neighbour_code', this.localityIds, 'locality', true);
      if (a === null || b === null) continue;
      if (a === b) this.issue(sheet, row.row, 'neighbour_code', 'A locality is not its own neighbour');
      else wanted.set(a, [...(wanted.get(a) ?? []), b]);
    }
    const existing = await this.tx.localityNeighbour.findMany({ where: { councilId, localityId: { in: [...wanted.keys()] } } });
    const had = new Map<string, string[]>();
    for (const n of existing) had.set(n.localityId, [...(had.get(n.localityId) ?? []), n.neighbourId]);
    for (const [localityId, neighbours] of wanted) {
      const before = had.get(localityId) ?? [];
      if (sameSet(before, neighbours)) {
        this.count(sheet, 'unchanged');
        continue;
      }
      this.count(sheet, before.length === 0 ? 'created' : 'updated');
      if (before.length > 0) this.remove((tx) => tx.localityNeighbour.deleteMany({ where: { councilId, localityId } }));
      this.create(
        'localityNeighbour',
        neighbours.map((neighbourId) => ({ councilId, localityId, neighbourId })),
      );
    }
  }

  private async buildDistricts() {
    const sheet = 'postcode_districts';
    const rows = this.unique(sheet, 'code', (r) => (r.cells.code ?? '').toUpperCase());
    if (rows.length === 0) return;
    const { councilId } = this;
    const existing = new Map((await this.tx.postcodeDistrict.findMany({ where: { councilId } })).map((d) => [d.code, d.localityId]));
    for (const row of rows) {
      const code = row.cells.code.toUpperCase();
      if (!/^[A-Z]{1,2}\d[A-Z\d]?$/.test(code)) this.issue(sheet, row.row, 'code', `"${row.cells.code}" is not a postcode district: write it like KH1 or BD20`);
      const localityId = this.ref(sheet, row, 'locality_code', this.localityIds, 'locality', true);
      if (localityId === null) continue;
      const before = existing.get(code);
      if (before === localityId) this.count(sheet, 'unchanged');
      else if (before === undefined) {
        this.count(sheet, 'created');
        this.create('postcodeDistrict', [{ councilId, code, localityId }]);
      } else {
        this.count(sheet, 'updated');
        this.run((tx) => tx.postcodeDistrict.update({ where: { councilId_code: { councilId, code } }, data: { localityId } }));
      }
    }
  }

  private async buildStepAreas() {
    const sheet = 'step_areas';
    const rows = this.unique(sheet, 'code');
    if (rows.length === 0) return;
    const { councilId } = this;
    const existing = new Map(
      (await this.tx.stepArea.findMany({ where: { councilId }, include: { localities: { select: { localityId: true } } } })).map((a) => [a.code, a]),
    );
    for (const row of rows) {
      const code = this.text(sheet, row, 'code', { required: true, max: 40 })!;
      const name = this.text(sheet, row, 'name', { required: true });
      const codes = splitList(row.cells.locality_codes ?? '');
      if (codes.length === 0) this.issue(sheet, row.row, 'locality_codes', 'List at least one locality code, separated by semicolons');
      const ids: string[] = [];
      for (const c of codes) {
        const id = this.localityIds.get(c);
        if (id === undefined) this.issue(sheet, row.row, 'locality_codes', `Unknown locality "${c}"`);
        else ids.push(id);
      }
      if (name === null || ids.length !== codes.length) continue;
      const old = existing.get(code);
      const id = old?.id ?? this.newId('step-area', code);
      const links = ids.map((localityId) => ({ councilId, stepAreaId: id, localityId }));
      if (!old) {
        this.count(sheet, 'created');
        this.create('stepArea', [{ councilId, id, code, name }]);
        this.create('stepAreaLocality', links);
        continue;
      }
      const localitiesChanged = !sameSet(
        ids,
        old.localities.map((l) => l.localityId),
      );
      if (old.name === name && !localitiesChanged) {
        this.count(sheet, 'unchanged');
        continue;
      }
      this.count(sheet, 'updated');
      if (old.name !== name) this.run((tx) => tx.stepArea.update({ where: { councilId_id: { councilId, id } }, data: { name } }));
      if (localitiesChanged) {
        this.remove((tx) => tx.stepAreaLocality.deleteMany({ where: { councilId, stepAreaId: id } }));
        this.create('stepAreaLocality', links);
      }
    }
  }

  private buildHospitals(existing: { id: string; code: string; name: string }[]) {
    const sheet = 'hospitals';
    const { councilId } = this;
    const byCode = new Map(existing.map((h) => [h.code, h]));
    for (const row of this.unique(sheet, 'code')) {
      const code = this.text(sheet, row, 'code', { required: true, max: 20 })!;
      const name = this.text(sheet, row, 'name', { required: true });
      if (name === null) continue;
      const old = byCode.get(code);
      const id = old?.id ?? this.newId('hospital', code);
      this.hospitalIds.set(code, id);
      if (!old) {
        this.count(sheet, 'created');
        this.create('hospital', [{ councilId, id, code, name }]);
      } else if (old.name === name) this.count(sheet, 'unchanged');
      else {
        this.count(sheet, 'updated');
        this.run((tx) => tx.hospital.update({ where: { councilId_id: { councilId, id } }, data: { name } }));
      }
    }
  }

  private async buildProviders(registered: { providerId: string; status: string; statusReason: string | null }[]) {
    const sheet = 'providers';
    const rows = this.unique(sheet, 'cqc_location_id');
    if (rows.length === 0) return;
    const { councilId, now } = this;
    const entry = new Map(registered.map((r) => [r.providerId, r]));
    const known = new Map(
      (
        await this.tx.provider.findMany({
          where: { cqcLocationId: { in: rows.map((r) => r.cells.cqc_location_id) } },
          include: { councils: { select: { councilId: true } } },
        })
      ).map((p) => [p.cqcLocationId, p]),
    );
    const ZEmail = z.email();
    for (const row of rows) {
      const cqc = this.text(sheet, row, 'cqc_location_id', { required: true, max: 40 })!;
      const name = this.text(sheet, row, 'name', { required: true });
      const cqcRating = this.oneOf(sheet, row, 'cqc_rating', CQC_RATINGS, 'NOT_RATED');
      const ratedOn = this.day(sheet, row, 'cqc_rated_on', false);
      const doubleHanded = this.yes(sheet, row, 'double_handed');
      const skills = splitList(row.cells.skills ?? '').map((s) => s.toUpperCase());
      const phone = this.text(sheet, row, 'phone', { max: 40 });
      const email = this.text(sheet, row, 'email');
      if (email !== null && !ZEmail.safeParse(email).success) this.issue(sheet, row.row, 'email', `"${email}" is not an email address`);
      const status = this.oneOf(sheet, row, 'status', PROVIDER_STATUSES, 'ACTIVE');
      const statusReason = this.text(sheet, row, 'status_reason', { max: 500 });
      if (name === null || cqcRating === null || status === null) continue;
      const old = known.get(cqc);
      const id = old?.id ?? this.newId('provider', cqc);
      this.providerIds.set(cqc, id);
      const details = { name, cqcRating, cqcRatedOn: ratedOn === null ? null : asDay(ratedOn), doubleHanded, skills, phone, email };
      const rating =
        ratedOn === null
          ? []
          : [
              {
                id: this.newId('provider-rating', `${cqc}|${ratedOn}|${cqcRating}`),
                providerId: id,
                rating: cqcRating,
                ratedOn: asDay(ratedOn),
                source: 'IMPORT',
                recordedAt: now,
              },
            ];
      let changed = false;
      if (!old) {
        this.create('provider', [{ id, cqcLocationId: cqc, ...details, createdAt: now }]);
        this.create('providerRating', rating);
      } else if (!old.councils.some((c) => c.councilId !== councilId)) {
        // A provider that works for other councils too keeps its own details: one council's file
        // does not rename or re-rate it for the others.
        const differs =
          old.name !== name ||
          old.cqcRating !== cqcRating ||
          dayText(old.cqcRatedOn) !== ratedOn ||
          old.doubleHanded !== doubleHanded ||
          old.skills.join(';') !== skills.join(';') ||
          old.phone !== phone ||
          old.email !== email;
        if (differs) {
          changed = true;
          this.run((tx) => tx.provider.update({ where: { id }, data: details }));
          if (old.cqcRating !== cqcRating || dayText(old.cqcRatedOn) !== ratedOn)
            this.run((tx) => tx.providerRating.createMany({ data: rating, skipDuplicates: true }));
        }
      }
      const reg = entry.get(id);
      if (!reg) {
        changed = true;
        this.create('councilProvider', [{ councilId, providerId: id, status, statusChangedAt: now, statusReason }]);
      } else if (reg.status !== status) {
        changed = true;
        this.run((tx) =>
          tx.councilProvider.update({ where: { councilId_providerId: { councilId, providerId: id } }, data: { status, statusChangedAt: now, statusReason } }),
        );
        this.create('providerStatusChange', [
          { councilId, id: this.newId('provider-status', `${cqc}|${now.toISOString()}`), providerId: id, status, reason: statusReason, at: now },
        ]);
      } else if (reg.statusReason !== statusReason) {
        changed = true;
        this.run((tx) => tx.councilProvider.update({ where: { councilId_providerId: { councilId, providerId: id } }, data: { statusReason } }));
      }
      this.count(sheet, !old || !reg ? 'created' : changed ? 'updated' : 'unchanged');
    }
  }

  private buildPeople(existing: Prisma.PersonGetPayload<object>[]) {
    const sheet = 'people';
    const { councilId, now } = this;
    const byNhs = new Map(existing.map((p) => [p.nhsNumber, p]));
    const columnOf: Record<string, string> = {
      givenName: 'given_name',
      familyName: 'family_name',
      dateOfBirth: 'date_of_birth',
      nhsNumber: 'nhs_number',
      addressLine1: 'address_line_1',
      addressLine2: 'address_line_2',
      town: 'town',
      postcode: 'postcode',
    };
    for (const row of this.unique(sheet, 'nhs_number', (r) => (r.cells.nhs_number ?? '').replace(/[\s-]/g, ''))) {
      const c = row.cells;
      const parsed = ZNewPersonSchema.safeParse({
        givenName: c.given_name,
        familyName: c.family_name,
        dateOfBirth: c.date_of_birth,
        nhsNumber: c.nhs_number,
        addressLine1: c.address_line_1,
        addressLine2: c.address_line_2 || undefined,
        town: c.town,
        postcode: c.postcode,
      });
      const localityId = this.ref(sheet, row, 'locality_code', this.localityIds, 'locality', true);
      const clientGroup = this.oneOf(sheet, row, 'client_group', CLIENT_GROUPS, 'OLDER_PEOPLE');
      const phone = this.text(sheet, row, 'phone', { max: 40 });
      if (!parsed.success) {
        for (const i of parsed.error.issues) this.issue(sheet, row.row, columnOf[String(i.path[0])] ?? 'nhs_number', i.message);
        continue;
      }
      if (localityId === null || clientGroup === null) continue;
      const p = parsed.data;
      const data = {
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: asDay(p.dateOfBirth),
        addressLine1: p.addressLine1,
        addressLine2: p.addressLine2 || null,
        town: p.town,
        postcode: p.postcode,
        localityId,
        clientGroup,
        phone,
      };
      const old = byNhs.get(p.nhsNumber);
      const id = old?.id ?? this.newId('person', p.nhsNumber);
      this.personIds.set(p.nhsNumber, id);
      if (!old) {
        this.count(sheet, 'created');
        this.create('person', [{ councilId, id, nhsNumber: p.nhsNumber, ...data, createdAt: now }]);
        continue;
      }
      const differs = (Object.keys(data) as (keyof typeof data)[]).some((k) => {
        const a = data[k];
        const b = old[k];
        return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
      });
      this.count(sheet, differs ? 'updated' : 'unchanged');
      if (differs) this.run((tx) => tx.person.update({ where: { councilId_id: { councilId, id } }, data }));
    }
  }

  private async buildContracts() {
    const { councilId } = this;
    const existing = await this.tx.contract.findMany({
      where: { councilId },
      include: { localities: true, rates: { select: { validFrom: true, hourlyRate: true } }, provider: { select: { cqcLocationId: true } } },
    });
    const byRef = new Map(existing.map((c) => [c.reference, c]));
    for (const c of existing) {
      this.contracts.set(c.reference, {
        id: c.id,
        reference: c.reference,
        providerId: c.providerId,
        type: c.type,
        hospitalId: c.hospitalId,
        personId: c.personId,
        localityIds: c.localities.map((l) => l.localityId),
        validFrom: dayText(c.validFrom)!,
        validTo: dayText(c.validTo),
        hourlyRate: Number(c.hourlyRate),
        rates: c.rates.map((r) => ({ validFrom: dayText(r.validFrom)!, hourlyRate: Number(r.hourlyRate) })),
      });
    }
    const sheet = 'contracts';
    const columnOf: Record<string, string> = {
      reference: 'reference',
      providerId: 'provider_cqc_location_id',
      type: 'type',
      hospitalId: 'hospital_code',
      personId: 'person_nhs_number',
      localityIds: 'localities',
      hourlyRate: 'hourly_rate',
      validFrom: 'valid_from',
      validTo: 'valid_to',
      targetShares: 'localities',
    };
    const drafts: { row: TSheetRow; id: string; draft: z.output<typeof ZContractDraft>; endReason: string | null }[] = [];
    for (const row of this.unique(sheet, 'reference', (r) => (r.cells.reference ?? '').toLowerCase())) {
      const c = row.cells;
      const providerId = this.ref(
        sheet,
        row,
        'provider_cqc_location_id',
        this.providerIds,
        'provider (not registered with this council: add it to the providers sheet)',
        true,
      );
      const hospitalId = this.ref(sheet, row, 'hospital_code', this.hospitalIds, 'hospital', false);
      const personId = this.ref(sheet, row, 'person_nhs_number', this.personIds, 'person (add them to the people sheet)', false);
      const localityIds: string[] = [];
      const targetShares: Record<string, number> = {};
      for (const item of splitList(c.localities ?? '')) {
        const [code, share] = item.split(':').map((s) => s.trim());
        const id = this.localityIds.get(code);
        if (id === undefined) {
          this.issue(sheet, row.row, 'localities', `Unknown locality "${code}"`);
          continue;
        }
        localityIds.push(id);
        if (share !== undefined) targetShares[id] = Number(share);
      }
      const endReason = this.text(sheet, row, 'end_reason', { max: 500 });
      const type = (c.type ?? '').toUpperCase();
      if (providerId === null) continue;
      if ((c.hospital_code && hospitalId === null) || (c.person_nhs_number && personId === null)) continue;
      const parsed = ZContractDraft.safeParse({
        reference: c.reference,
        providerId,
        type: (CONTRACT_TYPES as readonly string[]).includes(type) ? type : c.type,
        hospitalId,
        personId,
        localityIds,
        hourlyRate: this.numberOf(c.hourly_rate ?? ''),
        validFrom: c.valid_from,
        validTo: c.valid_to || null,
        targetShares,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) this.issue(sheet, row.row, columnOf[String(i.path[0])] ?? 'reference', i.message);
        continue;
      }
      const old = byRef.get(parsed.data.reference);
      const id = old?.id ?? this.newId('contract', parsed.data.reference);
      if (old && (old.providerId !== providerId || old.type !== parsed.data.type)) {
        this.issue(
          sheet,
          row.row,
          old.providerId !== providerId ? 'provider_cqc_location_id' : 'type',
          `Contract ${old.reference} is held by ${old.provider.cqcLocationId} as ${old.type}: a contract's provider and type cannot change, end it and add a new contract`,
        );
        continue;
      }
      drafts.push({ row, id, draft: parsed.data, endReason });
      this.contracts.set(parsed.data.reference, {
        ...parsed.data,
        id,
        rates: this.contracts.get(parsed.data.reference)?.rates ?? [],
      });
    }
    const records = [...this.contracts.values()];
    for (const { row, id, draft, endReason } of drafts) {
      const old = byRef.get(draft.reference);
      // A contract exactly as the register holds it is left alone, even one entered before a rule
      // existed; the rules apply to what the file creates or changes.
      const problems = old && !contractDiffers(old, draft, endReason) ? {} : contractDraftErrors(draft, records, id);
      const keys = Object.keys(problems) as (keyof typeof problems)[];
      for (const k of keys) this.issue(sheet, row.row, columnOf[k], problems[k]!);
      if (keys.length > 0) continue;
      const data = {
        hospitalId: draft.hospitalId,
        personId: draft.personId,
        hourlyRate: money(draft.hourlyRate),
        validFrom: asDay(draft.validFrom),
        validTo: draft.validTo === null ? null : asDay(draft.validTo),
        endReason,
      };
      const links = draft.localityIds.map((localityId) => ({
        councilId,
        contractId: id,
        localityId,
        targetShare: draft.targetShares[localityId] === undefined ? null : new Prisma.Decimal(draft.targetShares[localityId]),
      }));
      if (!old) {
        this.count(sheet, 'created');
        this.create('contract', [{ councilId, id, reference: draft.reference, providerId: draft.providerId, type: draft.type, ...data, createdAt: this.now }]);
        this.create('contractLocality', links);
        continue;
      }
      const localitiesChanged = contractLocalitiesDiffer(old, draft);
      const fieldsChanged = contractFieldsDiffer(old, draft, endReason);
      if (!localitiesChanged && !fieldsChanged) {
        this.count(sheet, 'unchanged');
        continue;
      }
      this.count(sheet, 'updated');
      if (fieldsChanged) this.run((tx) => tx.contract.update({ where: { councilId_id: { councilId, id } }, data }));
      if (localitiesChanged) {
        this.remove((tx) => tx.contractLocality.deleteMany({ where: { councilId, contractId: id } }));
        this.create('contractLocality', links);
      }
    }
  }

  private async buildRates() {
    const sheet = 'contract_rates';
    const rows = this.unique(sheet, 'valid_from', (r) => (r.cells.valid_from ? `${r.cells.contract_reference} from ${r.cells.valid_from}` : ''));
    if (rows.length === 0) return;
    const { councilId, now } = this;
    const existing = new Map((await this.tx.contractRate.findMany({ where: { councilId } })).map((r) => [`${r.contractId}|${dayText(r.validFrom)}`, r]));
    const contractIds = new Map([...this.contracts.values()].map((c) => [c.reference, c.id]));
    for (const row of rows) {
      const contractId = this.ref(sheet, row, 'contract_reference', contractIds, 'contract', true);
      const validFrom = this.day(sheet, row, 'valid_from', true);
      const rate = ZHourlyRate.safeParse(this.numberOf(row.cells.hourly_rate ?? ''));
      if (!rate.success) this.issue(sheet, row.row, 'hourly_rate', rate.error.issues[0].message);
      const reason = this.text(sheet, row, 'reason', { max: 500 });
      if (contractId === null || validFrom === null || !rate.success) continue;
      const contract = this.contracts.get(row.cells.contract_reference)!;
      if (validFrom <= contract.validFrom) {
        this.issue(
          sheet,
          row.row,
          'valid_from',
          `A dated rate starts after the contract's first day (${contract.validFrom}); the contract's own hourly rate covers that day`,
        );
        continue;
      }
      const old = existing.get(`${contractId}|${validFrom}`);
      if (old && (Number(old.hourlyRate) !== rate.data || old.reason !== reason)) {
        this.issue(
          sheet,
          row.row,
          'hourly_rate',
          `Contract ${row.cells.contract_reference} already has a rate from ${validFrom} (£${old.hourlyRate.toFixed(2)}): a dated rate is never changed, add a rate from another day`,
        );
        continue;
      }
      if (old) this.count(sheet, 'unchanged');
      else {
        this.count(sheet, 'created');
        contract.rates.push({ validFrom, hourlyRate: rate.data });
        this.create('contractRate', [{ councilId, contractId, validFrom: asDay(validFrom), hourlyRate: money(rate.data), reason, createdAt: now }]);
      }
    }
  }

  private async buildPackages() {
    const sheet = 'packages';
    const rows = this.unique(sheet, 'reference');
    if (rows.length === 0) {
      for (const s of ['visits', 'service_lines'] as const)
        for (const row of this.sheets.get(s)?.rows ?? [])
          this.issue(s, row.row, 'package_reference', `Unknown package "${row.cells.package_reference}": list it on the packages sheet`);
      return;
    }
    const { councilId, now } = this;
    const refs = new Set(rows.map((r) => r.cells.reference));
    const visitRows = new Map<string, TSheetRow[]>();
    const lineRows = new Map<string, TSheetRow[]>();
    for (const [s, into] of [
      ['visits', visitRows],
      ['service_lines', lineRows],
    ] as const) {
      for (const row of this.sheets.get(s)?.rows ?? []) {
        const ref = row.cells.package_reference ?? '';
        if (!refs.has(ref))
          this.issue(s, row.row, 'package_reference', ref === '' ? 'Enter the package reference' : `Unknown package "${ref}": list it on the packages sheet`);
        else into.set(ref, [...(into.get(ref) ?? []), row]);
      }
    }
    const existing = new Map(
      (
        await this.tx.package.findMany({
          where: { councilId, reference: { in: [...refs] } },
          include: {
            visits: { where: visitsInForceWhere(now) },
            serviceLines: { include: { contract: { select: { reference: true } } } },
            placements: { where: { endedAt: null }, include: { contract: { select: { reference: true } } } },
          },
        })
      ).map((p) => [p.reference, p]),
    );
    const contractIds = new Map([...this.contracts.values()].map((c) => [c.reference, c.id]));
    const council = await this.tx.council.findUniqueOrThrow({ where: { id: councilId }, select: { code: true } });
    let highestSeq = 0;
    const visitColumn: Record<string, string> = { days: 'days', start: 'start', minutes: 'minutes', carers: 'carers' };
    const lineColumn: Record<string, string> = { type: 'type', hoursPerWeek: 'hours_per_week', startDate: 'start_date', endDate: 'end_date' };
    const packageColumn: Record<string, string> = {
      personId: 'person_nhs_number',
      localityId: 'locality_code',
      pathway: 'pathway',
      funding: 'funding',
      icbSharePercent: 'icb_share_percent',
      s117Aftercare: 's117_aftercare',
      clientContributionWeekly: 'client_contribution_weekly',
      financialAssessmentOn: 'financial_assessment_on',
      hospitalId: 'hospital_code',
      notes: 'notes',
    };
    for (const row of rows) {
      const c = row.cells;
      const ref = this.text(sheet, row, 'reference', { required: true, max: 40 })!;
      const personId = this.ref(sheet, row, 'person_nhs_number', this.personIds, 'person (add them to the people sheet)', true);
      const localityId = this.ref(sheet, row, 'locality_code', this.localityIds, 'locality', true);
      const hospitalId = this.ref(sheet, row, 'hospital_code', this.hospitalIds, 'hospital', false);
      const status = this.oneOf(sheet, row, 'status', IMPORTABLE_STATUSES);
      const contractId = this.ref(sheet, row, 'contract_reference', contractIds, 'contract', false);
      const contract = contractId === null ? null : this.contracts.get(c.contract_reference)!;
      let placementStart: Date | null = null;
      if (c.placement_start) {
        if (!z.iso.datetime({ offset: true }).safeParse(c.placement_start).success)
          this.issue(sheet, row.row, 'placement_start', `"${c.placement_start}" is not a date and time: write it like 2026-02-02T09:00:00Z`);
        else placementStart = new Date(c.placement_start);
      }
      if (status === 'PLACED') {
        if (!c.contract_reference) this.issue(sheet, row.row, 'contract_reference', 'A placed package names the contract its provider holds it under');
        if (!c.placement_start) this.issue(sheet, row.row, 'placement_start', 'A placed package gives when its placement started');
        // A new placement must fit its contract; one HomeFirst already holds is compared below.
        const isNew = !existing.has(ref);
        if (isNew && contract && localityId && !contract.localityIds.includes(localityId))
          this.issue(sheet, row.row, 'contract_reference', `Contract ${contract.reference} does not cover locality ${c.locality_code}`);
        if (isNew && contract && placementStart && !isContractInForce(contract, placementStart))
          this.issue(sheet, row.row, 'placement_start', `Contract ${contract.reference} is not in force on the placement's first day`);
      } else if (status === 'DRAFT' && (c.contract_reference || c.placement_start)) {
        this.issue(
          sheet,
          row.row,
          c.contract_reference ? 'contract_reference' : 'placement_start',
          'A draft package has no contract or placement start: leave them blank, or set the status to PLACED',
        );
      }
      const old = existing.get(ref);
      // Blank: the funder pays it all; a number: the ICB's share of a split (checked by the package schema).
      const icbShare = this.numberOf(c.icb_share_percent ?? '');
      // Blank: no Section 117 and no contribution recorded (checked by the package schema, as the
      // form is). A file without these columns leaves what HomeFirst holds as it is.
      const s117 = c.s117_aftercare === undefined ? (old?.s117Aftercare ?? false) : c.s117_aftercare ? this.yes(sheet, row, 's117_aftercare') : false;
      const contribution =
        c.client_contribution_weekly === undefined ? (num(old?.clientContributionWeekly ?? null) ?? undefined) : this.numberOf(c.client_contribution_weekly);
      const assessedOn =
        c.financial_assessment_on === undefined ? (dayText(old?.financialAssessmentOn ?? null) ?? undefined) : c.financial_assessment_on || undefined;
      const vRows = visitRows.get(ref) ?? [];
      const lRows = lineRows.get(ref) ?? [];
      const visits = vRows.map((v) => ({
        days: splitList(v.cells.days ?? '').map((d) => d.toUpperCase()),
        start: v.cells.start ?? '',
        minutes: this.numberOf(v.cells.minutes ?? ''),
        carers: this.numberOf(v.cells.carers ?? ''),
      }));
      const lines = lRows.map((l) => ({
        type: (l.cells.type ?? '').toUpperCase(),
        hoursPerWeek: this.numberOf(l.cells.hours_per_week ?? ''),
        startDate: l.cells.start_date ?? '',
        endDate: l.cells.end_date || undefined,
      }));
      // A package exactly as HomeFirst holds it is left alone without checking it again, so data
      // entered before a rule existed can still be exported and imported unchanged.
      if (old && status === old.status && personId === old.personId && localityId === old.localityId && hospitalId === old.hospitalId) {
        const placement = old.placements[0] ?? null;
        const visitKeyOf = (v: { days: string[]; start: string; minutes: unknown; carers: unknown }) =>
          `${v.days.join(',')}|${v.start}|${Number(v.minutes)}|${Number(v.carers)}`;
        const heldLine = (l: (typeof old.serviceLines)[number]) =>
          `${l.type}|${Number(l.hoursPerWeek)}|${l.doubleHanded}|${dayText(l.startDate)}|${dayText(l.endDate)}|${l.contract?.reference ?? ''}|${num(l.hourlyRate)}`;
        const givenLine = (l: TSheetRow) => {
          const end = l.cells.end_date ?? '';
          const endStored = end === '' ? null : ZContractDay.safeParse(end).success ? dayText(endAfter(asDay(end))) : 'invalid';
          const rate = l.cells.hourly_rate ? Number(l.cells.hourly_rate) : null;
          return `${(l.cells.type ?? '').toUpperCase()}|${Number(l.cells.hours_per_week)}|${parseYesNo(l.cells.double_handed ?? '')}|${l.cells.start_date}|${endStored}|${l.cells.contract_reference ?? ''}|${rate}`;
        };
        const same =
          old.pathway === (c.pathway ?? '').toUpperCase() &&
          old.funding === (c.funding || 'COUNCIL').toUpperCase() &&
          num(old.icbSharePercent) === (icbShare ?? null) &&
          old.s117Aftercare === s117 &&
          num(old.clientContributionWeekly) === (contribution ?? null) &&
          dayText(old.financialAssessmentOn) === (assessedOn ?? null) &&
          (old.notes ?? '') === (c.notes ?? '') &&
          (status === 'DRAFT' || (placement?.contract.reference === c.contract_reference && placement.startedAt.getTime() === placementStart?.getTime())) &&
          (vRows.length === 0 || sameSet(visits.map(visitKeyOf), old.visits.map(visitKeyOf))) &&
          (lRows.length === 0 || sameSet(lRows.map(givenLine), old.serviceLines.map(heldLine)));
        if (same) {
          this.count(sheet, 'unchanged');
          continue;
        }
      }
      const parsed = ZPackageDraftSchema.safeParse({
        personId: personId ?? undefined,
        localityId: localityId ?? undefined,
        pathway: (c.pathway ?? '').toUpperCase(),
        funding: (c.funding || 'COUNCIL').toUpperCase(),
        icbSharePercent: icbShare,
        s117Aftercare: s117,
        clientContributionWeekly: contribution,
        financialAssessmentOn: assessedOn,
        hospitalId: hospitalId ?? undefined,
        notes: c.notes || undefined,
        visits: vRows.length > 0 || !old ? visits : old.visits,
        serviceLines:
          lRows.length > 0 || !old
            ? lines
            : old.serviceLines.map((l) => ({ type: l.type, hoursPerWeek: Number(l.hoursPerWeek), startDate: dayText(l.startDate)! })),
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const [head, index, field] = i.path.map(String);
          if (head === 'visits' && vRows[Number(index)]) this.issue('visits', vRows[Number(index)].row, visitColumn[field] ?? 'days', i.message);
          else if (head === 'serviceLines' && lRows[Number(index)])
            this.issue('service_lines', lRows[Number(index)].row, lineColumn[field] ?? 'type', i.message);
          else if (head === 'visits' || head === 'serviceLines') this.issue(sheet, row.row, 'reference', i.message);
          else if (head !== 'personId' && head !== 'localityId') this.issue(sheet, row.row, packageColumn[head] ?? 'reference', i.message);
        }
      }
      // Lines: the contract (and its provider and rate on the line's first day) where one is named.
      const lineData = lRows.map((l, i) => {
        const lineContractId = this.ref('service_lines', l, 'contract_reference', contractIds, 'contract', false);
        const lineContract = lineContractId === null ? null : this.contracts.get(l.cells.contract_reference)!;
        const doubleHanded = this.yes('service_lines', l, 'double_handed');
        let hourlyRate: number | null = null;
        if (l.cells.hourly_rate) {
          const rate = ZHourlyRate.safeParse(this.numberOf(l.cells.hourly_rate));
          if (!rate.success) this.issue('service_lines', l.row, 'hourly_rate', rate.error.issues[0].message);
          else hourlyRate = rate.data;
        } else if (lineContract && lines[i].startDate) hourlyRate = rateOnDay(lineContract.hourlyRate, lineContract.rates, lines[i].startDate);
        return { lineContract, doubleHanded, hourlyRate };
      });
      if (!parsed.success || personId === null || localityId === null || status === null || (c.hospital_code && hospitalId === null)) continue;
      if (c.contract_reference && contract === null) continue;
      const p = parsed.data;
      const id = old?.id ?? this.newId('package', ref);
      const fields = {
        personId,
        localityId,
        pathway: p.pathway,
        funding: p.funding,
        icbSharePercent: p.icbSharePercent ?? null,
        s117Aftercare: p.s117Aftercare,
        clientContributionWeekly: p.s117Aftercare ? null : (p.clientContributionWeekly ?? null),
        financialAssessmentOn: p.financialAssessmentOn ? new Date(`${p.financialAssessmentOn}T00:00:00Z`) : null,
        hospitalId: hospitalId,
        notes: p.notes ?? null,
      };
      const visitKey = (v: { days: string[]; start: string; minutes: number; carers: number }) => `${v.days.join(',')}|${v.start}|${v.minutes}|${v.carers}`;
      const newVisits = p.visits.map((v) => ({ ...v, days: [...v.days] }));
      const newLines = p.serviceLines.map((l, i) => ({
        type: l.type,
        hoursPerWeek: l.hoursPerWeek,
        doubleHanded: lineData[i]?.doubleHanded ?? false,
        startDate: l.startDate,
        endDate: l.endDate === undefined ? null : dayText(endAfter(asDay(l.endDate))),
        contract: lineData[i]?.lineContract ?? null,
        hourlyRate: lineData[i]?.hourlyRate ?? null,
      }));
      const lineKey = (l: {
        type: string;
        hoursPerWeek: number;
        doubleHanded: boolean;
        startDate: string;
        endDate: string | null;
        contract: string | null;
        hourlyRate: number | null;
      }) => `${l.type}|${l.hoursPerWeek}|${l.doubleHanded}|${l.startDate}|${l.endDate}|${l.contract}|${l.hourlyRate}`;
      const visitRowsFor = (packageId: string) =>
        newVisits.map((v, i) => ({
          councilId,
          id: this.newId('visit', `${ref}|${i}`),
          packageId,
          days: v.days,
          start: v.start,
          minutes: v.minutes,
          carers: v.carers,
        }));
      const lineRowsFor = (packageId: string) =>
        newLines.map((l, i) => ({
          councilId,
          id: this.newId('service-line', `${ref}|${i}`),
          packageId,
          type: l.type,
          hoursPerWeek: money(l.hoursPerWeek),
          doubleHanded: l.doubleHanded,
          startDate: asDay(l.startDate),
          endDate: l.endDate === null ? null : asDay(l.endDate),
          providerId: l.contract?.providerId ?? null,
          contractId: l.contract?.id ?? null,
          hourlyRate: l.hourlyRate === null ? null : money(l.hourlyRate),
          createdAt: now,
        }));
      const seq = new RegExp(`^${council.code}-(\\d+)$`).exec(ref);
      if (seq) highestSeq = Math.max(highestSeq, Number(seq[1]));
      if (!old) {
        this.count(sheet, 'created');
        this.create('package', [
          {
            councilId,
            id,
            reference: ref,
            ...fields,
            status,
            excludedProviderIds: [],
            requiredSkills: [],
            placedAt: status === 'PLACED' ? placementStart : null,
            createdAt: now,
            updatedAt: now,
          },
        ]);
        this.create('visit', visitRowsFor(id));
        this.create('serviceLine', lineRowsFor(id));
        if (status === 'PLACED' && contract && placementStart)
          this.create('placement', [
            { councilId, id: this.newId('placement', ref), packageId: id, providerId: contract.providerId, contractId: contract.id, startedAt: placementStart },
          ]);
        continue;
      }
      const placement = old.placements[0] ?? null;
      if (old.status !== status) {
        this.issue(sheet, row.row, 'status', `Package ${ref} is ${old.status} in HomeFirst: an import does not change a package's status`);
        continue;
      }
      if (status === 'PLACED' && (placement?.contract.reference !== c.contract_reference || placement.startedAt.getTime() !== placementStart?.getTime())) {
        this.issue(
          sheet,
          row.row,
          'contract_reference',
          `Package ${ref} is placed under ${placement?.contract.reference ?? 'no contract'} from ${placement?.startedAt.toISOString() ?? '—'}: change its placement in HomeFirst`,
        );
        continue;
      }
      const fieldsChanged = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => comparable(old[k]) !== comparable(fields[k]));
      const visitsChanged =
        vRows.length > 0 &&
        !sameSet(
          newVisits.map(visitKey),
          old.visits.map((v) => visitKey(v)),
        );
      const oldLineKeys = old.serviceLines.map((l) =>
        lineKey({
          type: l.type,
          hoursPerWeek: Number(l.hoursPerWeek),
          doubleHanded: l.doubleHanded,
          startDate: dayText(l.startDate)!,
          endDate: dayText(l.endDate),
          contract: l.contract?.reference ?? null,
          hourlyRate: num(l.hourlyRate),
        }),
      );
      const linesChanged =
        lRows.length > 0 &&
        !sameSet(
          newLines.map((l) => lineKey({ ...l, contract: l.contract?.reference ?? null })),
          oldLineKeys,
        );
      if (linesChanged && status !== 'DRAFT') {
        this.issue(
          'service_lines',
          lRows[0].row,
          'package_reference',
          `Package ${ref} is placed: change its service lines in HomeFirst, where a change keeps the line's history`,
        );
        continue;
      }
      if (!fieldsChanged && !visitsChanged && !linesChanged) {
        this.count(sheet, 'unchanged');
        continue;
      }
      this.count(sheet, 'updated');
      if (fieldsChanged) this.run((tx) => tx.package.update({ where: { councilId_id: { councilId, id } }, data: fields }));
      if (visitsChanged && old.status === 'DRAFT') {
        // A draft's visits are replaced, as its form's save does; a posted package's are versioned.
        this.remove((tx) => tx.visit.deleteMany({ where: { councilId, packageId: id } }));
        this.create(
          'visit',
          visitRowsFor(id).map((v) => ({ ...v, id: randomUUID() })),
        );
      } else if (visitsChanged) {
        this.run((tx) => changeVisits(tx, councilId, id, newVisits, londonDay(now)));
      }
      if (linesChanged) {
        this.remove((tx) => tx.serviceLine.deleteMany({ where: { councilId, packageId: id } }));
        this.create(
          'serviceLine',
          lineRowsFor(id).map((l) => ({ ...l, id: randomUUID() })),
        );
      }
    }
    if (highestSeq > 0 && this.report.summary.packages?.created) {
      // Keep the council's own numbering ahead of imported references in its format.
      this.run(
        (tx) => tx.$executeRaw`
        INSERT INTO "CouncilSetting" ("councilId", "packageSeq", "updatedAt") VALUES (${councilId}::uuid, ${highestSeq}, ${now})
        ON CONFLICT ("councilId") DO UPDATE SET "packageSeq" = ${highestSeq}, "updatedAt" = ${now} WHERE "CouncilSetting"."packageSeq" < ${highestSeq}`,
      );
    }
  }
}
