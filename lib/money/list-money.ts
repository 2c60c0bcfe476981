import 'server-only';
import type { PrismaClient } from '@prisma/client';

// Read models for the finance pages and the provider's actuals page.

export async function listPaymentRuns(db: PrismaClient, councilId: string) {
  const runs = await db.paymentRun.findMany({
    where: { councilId },
    orderBy: { periodStart: 'desc' },
    take: 26,
    select: { id: true, periodStart: true, periodEnd: true, cycle: true, status: true, total: true, computedAt: true, checkedAt: true, lockedAt: true },
  });
  const byProvider = await db.$queryRaw<{ runId: string; provider: string; amount: string }[]>`
    SELECT pl."runId"::text AS "runId", pr."name" AS provider, sum(pl."amount")::text AS amount
    FROM "PaymentLine" pl JOIN "Provider" pr ON pr."id" = pl."providerId"
    WHERE pl."councilId" = ${councilId}::uuid AND pl."runId" = ANY(${runs.map((r) => r.id)}::uuid[])
    GROUP BY 1, 2 ORDER BY 2`;
  return runs.map((r) => ({ ...r, providers: byProvider.filter((p) => p.runId === r.id) }));
}

const VARIANCE_SELECT = {
  id: true,
  kind: true,
  day: true,
  slot: true,
  expectedMinutes: true,
  actualMinutes: true,
  lateMinutes: true,
  status: true,
  reason: true,
  packageId: true,
  providerId: true,
} as const;

/** Only one package's variances, by its reference (any case), when one is given. */
async function packageFilter(db: PrismaClient, where: { councilId?: string }, reference: string | undefined) {
  const ref = reference?.trim();
  if (!ref) return {};
  const packages = await db.package.findMany({ where: { ...where, reference: { equals: ref, mode: 'insensitive' } }, select: { id: true } });
  return { packageId: { in: packages.map((p) => p.id) } };
}

/** The council's variances (of one package, when a reference is given), undecided and queried first, newest day first; and how many there are. */
export async function listVariances(db: PrismaClient, councilId: string, reference?: string, take = 200) {
  const where = { councilId, ...(await packageFilter(db, { councilId }, reference)) };
  const [rows, total] = await Promise.all([
    db.variance.findMany({ where, orderBy: [{ status: 'asc' }, { day: 'desc' }], take, select: VARIANCE_SELECT }),
    db.variance.count({ where }),
  ]);
  return { rows: await withNames(db, rows), total };
}

/** The provider's own variances (of one package, when a reference is given), with the council's decision and reason; and how many there are. */
export async function listProviderVariances(db: PrismaClient, providerId: string, reference?: string, take = 200) {
  const where = { providerId, ...(await packageFilter(db, {}, reference)) };
  const [rows, total] = await Promise.all([
    db.variance.findMany({ where, orderBy: [{ day: 'desc' }, { kind: 'asc' }], take, select: VARIANCE_SELECT }),
    db.variance.count({ where }),
  ]);
  return { rows: await withNames(db, rows), total };
}

async function withNames<R extends { packageId: string; providerId: string }>(db: PrismaClient, rows: R[]) {
  const [packages, providers] = await Promise.all([
    db.package.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.packageId))] } }, select: { id: true, reference: true } }),
    db.provider.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.providerId))] } }, select: { id: true, name: true } }),
  ]);
  const ref = new Map(packages.map((p) => [p.id, p.reference]));
  const name = new Map(providers.map((p) => [p.id, p.name]));
  return rows.map((r) => ({ ...r, reference: ref.get(r.packageId) ?? '', provider: name.get(r.providerId) ?? '' }));
}

/** The provider's latest submissions of actuals and their state. */
export async function listProviderSubmissions(db: PrismaClient, providerId: string) {
  return db.actualsSubmission.findMany({
    where: { providerId },
    orderBy: { submittedAt: 'desc' },
    take: 50,
    select: { id: true, source: true, fileName: true, status: true, rowCount: true, errors: true, submittedAt: true },
  });
}
