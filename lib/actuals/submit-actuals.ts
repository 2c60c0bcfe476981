import 'server-only';
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { recordAudit, type TAuditActor } from '@/lib/audit/record-audit';
import type { TProviderActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { readActualRows, slotOf, type TActualRow, type TRawRow, type TRowError } from './actual-rows';

// A provider's delivered care, checked and then applied (docs/money.md "Actuals"): every row is
// checked against the packages the provider holds in one statement; nothing is saved while any
// row has an error; applying the same rows again (the same content hash) changes nothing; a
// corrected row sent later replaces the one before it (same package, day and planned start).

export const MAX_ACTUAL_ROWS = 100_000;

export type TActualsReport = {
  /** CHECKED: a dry run with no errors. APPLIED: saved now. ALREADY_APPLIED: these rows were applied before; nothing changed. REFUSED: errors, nothing saved. */
  status: 'CHECKED' | 'APPLIED' | 'ALREADY_APPLIED' | 'REFUSED';
  submissionId: string | null;
  rows: number;
  /** Rows saved new or changed (APPLIED only). */
  changed: number;
  errors: TRowError[];
};

type TResolved = { n: number; councilId: string | null; packageId: string | null; lineId: string | null; types: number };

/** Sorted, canonical text of the rows that were read: the same rows give the same hash, whatever the file's layout. */
function contentHash(rows: readonly TActualRow[]): string {
  const lines = rows.map((r) => JSON.stringify({ ...r, row: undefined, packageReference: r.packageReference.toUpperCase() })).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** For each row, the package (by reference, held by the provider) and the line it counts against. */
async function resolve(db: PrismaClient, providerId: string, rows: readonly TActualRow[]): Promise<TResolved[]> {
  if (rows.length === 0) return [];
  return db.$queryRaw<TResolved[]>`
    WITH r AS (
      SELECT * FROM unnest(${rows.map((r) => r.packageReference.toUpperCase())}::text[], ${rows.map((r) => r.day)}::date[],
        ${rows.map((r) => (r.kind === 'WEEK' ? r.serviceType : r.serviceType))}::text[]) WITH ORDINALITY AS r(ref, day, stype, n)
    ),
    cand AS (
      -- The provider's lines on the package, of the type asked for, started on or before the day; per type the latest version.
      SELECT DISTINCT ON (r.n, l."type") r.n, p."councilId", p."id" AS "packageId", l."id" AS "lineId"
      FROM r
      JOIN "Package" p ON upper(p."reference") = r.ref
      JOIN "ServiceLine" l ON l."councilId" = p."councilId" AND l."packageId" = p."id" AND l."providerId" = ${providerId}::uuid
        AND (r.stype IS NULL OR l."type"::text = r.stype) AND l."startDate" <= r.day
      ORDER BY r.n, l."type", l."startDate" DESC, l."createdAt" DESC
    )
    SELECT r.n::int AS n, min(c."councilId"::text) AS "councilId", min(c."packageId"::text) AS "packageId", min(c."lineId"::text) AS "lineId",
      count(c."lineId")::int AS types
    FROM r LEFT JOIN cand c ON c.n = r.n
    GROUP BY r.n ORDER BY r.n`;
}

export async function submitActuals(
  db: PrismaClient,
  actor: TProviderActor & TAuditActor,
  input: { source: 'CSV' | 'API'; fileName?: string | null; rows: readonly TRawRow[]; apply: boolean },
): Promise<TActualsReport> {
  if (input.rows.length === 0) throw new AppError('VALIDATION', 'The file has no rows of delivered care', { file: ['The file has no rows of delivered care'] });
  if (input.rows.length > MAX_ACTUAL_ROWS)
    throw new AppError('VALIDATION', `Send at most ${MAX_ACTUAL_ROWS} rows at once`, { file: [`Send at most ${MAX_ACTUAL_ROWS} rows at once`] });
  const { providerId } = actor;
  const { rows, errors } = readActualRows(input.rows);
  const resolved = await resolve(db, providerId, rows);
  let councilId: string | null = null;
  const good: { r: TActualRow; packageId: string; lineId: string }[] = [];
  rows.forEach((r, i) => {
    const found = resolved[i];
    if (!found?.packageId || !found.councilId || !found.lineId) {
      const message = r.serviceType
        ? `${r.packageReference} is not a package you hold with a ${r.serviceType} line on ${r.day}`
        : `${r.packageReference} is not a package you hold on ${r.day}`;
      errors.push({ row: r.row, field: 'package_reference', message });
      return;
    }
    if (found.types > 1) {
      errors.push({ row: r.row, field: 'service_type', message: `${r.packageReference} has more than one service line on ${r.day}: give the service type` });
      return;
    }
    councilId ??= found.councilId;
    if (found.councilId !== councilId) {
      errors.push({
        row: r.row,
        field: 'package_reference',
        message: `${r.packageReference} is with another council: send each council's care in its own file`,
      });
      return;
    }
    good.push({ r, packageId: found.packageId, lineId: found.lineId });
  });
  errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  const hash = contentHash(rows);
  const base = { rows: input.rows.length, changed: 0, errors };

  if (errors.length === 0 && councilId) {
    const earlier = await db.actualsSubmission.findFirst({ where: { councilId, providerId, contentHash: hash, status: 'APPLIED' }, select: { id: true } });
    if (earlier) return { ...base, status: 'ALREADY_APPLIED', submissionId: earlier.id };
  }
  if (!input.apply) return { ...base, status: errors.length ? 'REFUSED' : 'CHECKED', submissionId: null };

  if (errors.length || !councilId) {
    // Kept so the provider sees what was refused and why; nothing else is saved. A file naming no
    // package the provider holds has no council to file it under, and is not kept.
    if (!councilId) return { ...base, status: 'REFUSED', submissionId: null };
    const refused = await db.$transaction(async (tx) => {
      const s = await tx.actualsSubmission.create({
        data: {
          councilId: councilId!,
          providerId,
          source: input.source,
          fileName: input.fileName ?? null,
          contentHash: hash,
          status: 'REFUSED',
          rowCount: input.rows.length,
          errors: errors.slice(0, 1000),
          submittedById: actor.tokenId ? (actor.createdBy?.userId ?? null) : actor.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        councilId,
        action: 'actuals.refused',
        entityType: 'ActualsSubmission',
        entityId: s.id,
        details: { rows: input.rows.length, errors: errors.length },
      });
      return s.id;
    });
    return { ...base, status: 'REFUSED', submissionId: refused };
  }

  const council = councilId;
  return db.$transaction(
    async (tx) => {
      const s = await tx.actualsSubmission.create({
        data: {
          councilId: council,
          providerId,
          source: input.source,
          fileName: input.fileName ?? null,
          contentHash: hash,
          status: 'APPLIED',
          rowCount: input.rows.length,
          errors: [],
          submittedById: actor.tokenId ? (actor.createdBy?.userId ?? null) : actor.userId,
        },
        select: { id: true },
      });
      const v = (f: (g: (typeof good)[number]) => unknown) => good.map(f);
      const changed = await tx.$executeRaw`
        INSERT INTO "Actual" ("councilId", "id", "submissionId", "providerId", "packageId", "serviceLineId", "kind", "day", "slot",
          "plannedStart", "plannedEnd", "actualStart", "actualEnd", "carers", "missed", "carerMinutes", "updatedAt")
        SELECT ${council}::uuid, gen_random_uuid(), ${s.id}::uuid, ${providerId}::uuid, x.package, x.line, x.kind::"ActualKind", x.day, x.slot,
          x.ps, x.pe, x.ast, x.aen, x.carers, x.missed, x.minutes, now()
        FROM unnest(${v((g) => g.packageId)}::uuid[], ${v((g) => g.lineId)}::uuid[], ${v((g) => g.r.kind)}::text[], ${v((g) => g.r.day)}::date[],
          ${v((g) => slotOf(g.r))}::text[], ${v((g) => (g.r.kind === 'VISIT' ? g.r.plannedStart : null))}::text[],
          ${v((g) => (g.r.kind === 'VISIT' ? g.r.plannedEnd : null))}::text[], ${v((g) => (g.r.kind === 'VISIT' ? g.r.actualStart : null))}::text[],
          ${v((g) => (g.r.kind === 'VISIT' ? g.r.actualEnd : null))}::text[], ${v((g) => (g.r.kind === 'VISIT' ? g.r.carers : 1))}::int[],
          ${v((g) => g.r.kind === 'VISIT' && g.r.missed)}::boolean[], ${v((g) => g.r.carerMinutes)}::int[])
          AS x(package, line, kind, day, slot, ps, pe, ast, aen, carers, missed, minutes)
        ON CONFLICT ("councilId", "providerId", "packageId", "day", "slot") DO UPDATE SET
          "submissionId" = EXCLUDED."submissionId", "serviceLineId" = EXCLUDED."serviceLineId", "plannedEnd" = EXCLUDED."plannedEnd",
          "actualStart" = EXCLUDED."actualStart", "actualEnd" = EXCLUDED."actualEnd", "carers" = EXCLUDED."carers", "missed" = EXCLUDED."missed",
          "carerMinutes" = EXCLUDED."carerMinutes", "updatedAt" = now()
        WHERE ("Actual"."serviceLineId", "Actual"."plannedEnd", "Actual"."actualStart", "Actual"."actualEnd", "Actual"."carers", "Actual"."missed", "Actual"."carerMinutes")
          IS DISTINCT FROM (EXCLUDED."serviceLineId", EXCLUDED."plannedEnd", EXCLUDED."actualStart", EXCLUDED."actualEnd", EXCLUDED."carers", EXCLUDED."missed", EXCLUDED."carerMinutes")`;
      await recordAudit(tx, actor, {
        councilId: council,
        action: 'actuals.applied',
        entityType: 'ActualsSubmission',
        entityId: s.id,
        details: { rows: input.rows.length, changed, source: input.source },
      });
      return { ...base, status: 'APPLIED' as const, submissionId: s.id, changed };
    },
    { timeout: 60_000 },
  );
}
