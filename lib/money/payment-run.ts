import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { periodEnd } from '@/lib/domain/money';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { dueSql } from './payment-sql';

// Payment runs (docs/money.md "Payments"): made for a period as a draft, computed set-based in
// the database, checked, then locked. A locked run never changes (the database refuses it); what
// changed since in a locked period (late actuals, a decision on a variance, a backdated rate) is
// paid or taken back in the next run as an adjustment per line and funder. Only lines the database
// noted as changed since the last locked run was worked out are recomputed (PaymentLineChange).

export const ZCreatePaymentRunSchema = z.object({
  periodStart: z.iso.date({ error: 'Enter the first day of the period, like 2026-12-07' }),
  cycle: z.enum(['FOUR_WEEKLY', 'MONTHLY'], { error: 'Choose four-weekly or monthly' }),
});

export const ZPaymentRunIdSchema = z.object({ runId: z.uuid({ error: 'Choose a payment run' }) });

type Tx = Prisma.TransactionClient;

/**
 * A change committed after a run read the data started no earlier than the oldest transaction
 * running when it read it: from then on, the next run looks for changed lines.
 */
const INPUTS_AS_OF_SQL = `SELECT coalesce(min(xact_start), now()) AS t FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL`;

/** The lines changed since $7 (every line when $7 is null), as a filter on ServiceLine l and on PaymentLine pl. */
const CHANGED_LINE = (line: string) => `AND ($7::timestamptz IS NULL OR EXISTS (
  SELECT 1 FROM "PaymentLineChange" ch WHERE ch."councilId" = $1::uuid AND ch."serviceLineId" = ${line} AND ch."changedAt" >= $7::timestamptz))`;

/**
 * Writes the run's lines afresh: its period's care and retainers, and adjustments for the locked
 * periods before it, recomputed for the lines changed since the latest of them was worked out.
 */
async function computeLines(tx: Tx, councilId: string, run: { id: string; periodStart: Date; periodEnd: Date }): Promise<void> {
  await tx.paymentLine.deleteMany({ where: { councilId, runId: run.id } });
  const [{ t: inputsAsOf }] = await tx.$queryRawUnsafe<{ t: Date }[]>(INPUTS_AS_OF_SQL);
  await tx.paymentRun.update({ where: { councilId_id: { councilId, id: run.id } }, data: { inputsAsOf } });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await tx.$executeRawUnsafe(
    `INSERT INTO "PaymentLine" ("councilId", "id", "runId", "kind", "providerId", "packageId", "personId", "serviceLineId", "contractType",
       "serviceType", "basis", "funder", "fromDate", "toDate", "hours", "hourlyRate", "amount")
     SELECT $1::uuid, gen_random_uuid(), $4::uuid, d.kind::"PaymentLineKind", d."providerId", d."packageId", d."personId", d."lineId", d.ctype,
       d."serviceType", d.basis::"PaymentBasis", d.funder::"Funding", d."fromDate", d."toDate", d.hours, d.rate, d.pence / 100.0
     FROM (${dueSql()}) d`,
    councilId,
    [day(run.periodStart)],
    [day(run.periodEnd)],
    run.id,
  );
  const locked = await tx.paymentRun.findMany({
    where: { councilId, status: 'LOCKED', periodStart: { lt: run.periodStart } },
    select: { periodStart: true, periodEnd: true, inputsAsOf: true },
    orderBy: { periodStart: 'asc' },
  });
  if (locked.length === 0) return;
  // Runs locked before changes were noted have no time: then every line is recomputed.
  const changedSince = locked[locked.length - 1].inputsAsOf;
  // Due now for the locked periods, against what their runs paid, per line and funder.
  await tx.$executeRawUnsafe(
    `WITH due AS (SELECT * FROM (${dueSql(CHANGED_LINE('l."id"'))}) d),
     due_by AS (
       SELECT d."lineId", d.funder, min(d."providerId"::text)::uuid AS "providerId", min(d."packageId"::text)::uuid AS "packageId",
         min(d."personId"::text)::uuid AS "personId", min(d.ctype::text) AS ctype, min(d."serviceType"::text) AS "serviceType", min(d.basis::text) AS basis,
         sum(d.pence) AS pence, sum(d.hours) AS hours, (array_agg(d.rate ORDER BY d."toDate" DESC))[1] AS rate
       FROM due d GROUP BY d."lineId", d.funder
     ),
     paid_by AS (
       SELECT pl."serviceLineId" AS "lineId", pl."funder"::text AS funder, min(pl."providerId"::text)::uuid AS "providerId",
         min(pl."packageId"::text)::uuid AS "packageId", min(pl."personId"::text)::uuid AS "personId", min(pl."contractType"::text) AS ctype,
         min(pl."serviceType"::text) AS "serviceType", min(pl."basis"::text) AS basis,
         round(sum(pl."amount") * 100) AS pence, sum(pl."hours") AS hours, (array_agg(pl."hourlyRate" ORDER BY pl."toDate" DESC))[1] AS rate
       FROM "PaymentLine" pl JOIN "PaymentRun" r ON r."councilId" = pl."councilId" AND r."id" = pl."runId"
       WHERE pl."councilId" = $1::uuid AND r."status" = 'LOCKED' AND r."periodStart" < $5::date ${CHANGED_LINE('pl."serviceLineId"')}
       GROUP BY pl."serviceLineId", pl."funder"
     )
     INSERT INTO "PaymentLine" ("councilId", "id", "runId", "kind", "providerId", "packageId", "personId", "serviceLineId", "contractType",
       "serviceType", "basis", "funder", "fromDate", "toDate", "hours", "hourlyRate", "amount")
     SELECT $1::uuid, gen_random_uuid(), $4::uuid, 'ADJUSTMENT', coalesce(d."providerId", p."providerId"), coalesce(d."packageId", p."packageId"),
       coalesce(d."personId", p."personId"), coalesce(d."lineId", p."lineId"), coalesce(d.ctype, p.ctype)::"ContractType",
       coalesce(d."serviceType", p."serviceType")::"ServiceType", coalesce(d.basis, p.basis)::"PaymentBasis", coalesce(d.funder, p.funder)::"Funding",
       $6::date, $5::date, coalesce(d.hours, 0) - coalesce(p.hours, 0), coalesce(d.rate, p.rate),
       (coalesce(d.pence, 0) - coalesce(p.pence, 0)) / 100.0
     FROM due_by d FULL JOIN paid_by p ON p."lineId" = d."lineId" AND p.funder = d.funder
     WHERE coalesce(d.pence, 0) <> coalesce(p.pence, 0)`,
    councilId,
    locked.map((r) => day(r.periodStart)),
    locked.map((r) => day(r.periodEnd)),
    run.id,
    day(run.periodStart),
    day(locked[0].periodStart),
    changedSince,
  );
}

async function refreshTotal(tx: Tx, councilId: string, runId: string, now: Date): Promise<Prisma.Decimal> {
  const sum = await tx.paymentLine.aggregate({ where: { councilId, runId }, _sum: { amount: true } });
  const total = sum._sum.amount ?? new Prisma.Decimal(0);
  await tx.paymentRun.update({ where: { councilId_id: { councilId, id: runId } }, data: { total, computedAt: now, status: 'DRAFT' } });
  return total;
}

function overlapError(error: unknown): AppError | null {
  const text = String((error as { message?: string })?.message ?? '');
  if (text.includes('PaymentRun_no_overlap') || text.includes('23P01'))
    return new AppError('CONFLICT', 'Another payment run already covers some of these days: a locked run never changes, and a draft must be discarded first.', {
      periodStart: ['Another payment run already covers some of these days'],
    });
  return null;
}

/** A draft run for a period, computed at once. Refused when any other run covers one of its days. */
export async function createPaymentRun(
  db: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZCreatePaymentRunSchema>,
  now = new Date(),
): Promise<{ runId: string; total: string }> {
  const { periodStart, cycle } = parseOrThrow(ZCreatePaymentRunSchema, input);
  const { councilId } = actor;
  const start = new Date(`${periodStart}T00:00:00Z`);
  const end = new Date(`${periodEnd(periodStart, cycle)}T00:00:00Z`);
  try {
    return await db.$transaction(
      async (tx) => {
        const run = await tx.paymentRun.create({
          data: { councilId, periodStart: start, periodEnd: end, cycle, createdById: actor.userId },
          select: { id: true },
        });
        await computeLines(tx, councilId, { id: run.id, periodStart: start, periodEnd: end });
        const total = await refreshTotal(tx, councilId, run.id, now);
        await recordAudit(tx, actor, {
          councilId,
          action: 'payment-run.created',
          entityType: 'PaymentRun',
          entityId: run.id,
          details: { periodStart, cycle, total: total.toFixed(2) },
        });
        return { runId: run.id, total: total.toFixed(2) };
      },
      { timeout: 300_000 },
    );
  } catch (error) {
    throw overlapError(error) ?? error;
  }
}

async function runInState(tx: Tx, councilId: string, runId: string) {
  const run = await tx.paymentRun.findFirst({ where: { councilId, id: runId }, select: { id: true, status: true, periodStart: true, periodEnd: true } });
  if (!run) throw new AppError('NOT_FOUND', 'That payment run could not be found.');
  if (run.status === 'LOCKED') throw new AppError('CONFLICT', 'This payment run is locked and cannot change: corrections go into the next run.');
  return run;
}

/** Computes a draft or checked run again from today's data; it goes back to draft and must be checked again. */
export async function recomputePaymentRun(db: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZPaymentRunIdSchema>, now = new Date()) {
  const { runId } = parseOrThrow(ZPaymentRunIdSchema, input);
  const { councilId } = actor;
  return db.$transaction(
    async (tx) => {
      const run = await runInState(tx, councilId, runId);
      await computeLines(tx, councilId, run);
      const total = await refreshTotal(tx, councilId, runId, now);
      await recordAudit(tx, actor, {
        councilId,
        action: 'payment-run.recomputed',
        entityType: 'PaymentRun',
        entityId: runId,
        details: { total: total.toFixed(2) },
      });
      return { total: total.toFixed(2) };
    },
    { timeout: 300_000 },
  );
}

/** Marks a draft run checked. */
export async function checkPaymentRun(db: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZPaymentRunIdSchema>, now = new Date()): Promise<void> {
  const { runId } = parseOrThrow(ZPaymentRunIdSchema, input);
  const { councilId } = actor;
  await db.$transaction(async (tx) => {
    const run = await runInState(tx, councilId, runId);
    if (run.status !== 'DRAFT') throw new AppError('CONFLICT', 'This payment run is already checked.');
    await tx.paymentRun.update({ where: { councilId_id: { councilId, id: runId } }, data: { status: 'CHECKED', checkedById: actor.userId, checkedAt: now } });
    await recordAudit(tx, actor, { councilId, action: 'payment-run.checked', entityType: 'PaymentRun', entityId: runId });
  });
}

/** Locks a checked run: from now on neither it nor its lines can change. */
export async function lockPaymentRun(db: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZPaymentRunIdSchema>, now = new Date()): Promise<void> {
  const { runId } = parseOrThrow(ZPaymentRunIdSchema, input);
  const { councilId } = actor;
  await db.$transaction(async (tx) => {
    const run = await runInState(tx, councilId, runId);
    if (run.status !== 'CHECKED') throw new AppError('CONFLICT', 'Check the payment run before locking it.');
    const earlierOpen = await tx.paymentRun.count({ where: { councilId, status: { not: 'LOCKED' }, periodStart: { lt: run.periodStart } } });
    if (earlierOpen > 0) throw new AppError('CONFLICT', 'Lock the earlier payment runs first.');
    await tx.paymentRun.update({ where: { councilId_id: { councilId, id: runId } }, data: { status: 'LOCKED', lockedById: actor.userId, lockedAt: now } });
    await recordAudit(tx, actor, { councilId, action: 'payment-run.locked', entityType: 'PaymentRun', entityId: runId });
  });
}

/** Discards a run that is not locked, so its period can be run again. */
export async function discardPaymentRun(db: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZPaymentRunIdSchema>): Promise<void> {
  const { runId } = parseOrThrow(ZPaymentRunIdSchema, input);
  const { councilId } = actor;
  await db.$transaction(async (tx) => {
    await runInState(tx, councilId, runId);
    await tx.paymentRun.delete({ where: { councilId_id: { councilId, id: runId } } });
    await recordAudit(tx, actor, { councilId, action: 'payment-run.discarded', entityType: 'PaymentRun', entityId: runId });
  });
}

/** Sets how the council pays a contract type: by actuals or by commissioned hours. */
export const ZPaymentBasisSchema = z.object({
  contractType: z.enum(['LOCALITY', 'STEP', 'DISCHARGE', 'ISF', 'ICB', 'SPOT'], { error: 'Choose a contract type' }),
  basis: z.enum(['ACTUALS', 'COMMISSIONED'], { error: 'Choose actuals or commissioned hours' }),
});

export async function setPaymentBasis(db: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZPaymentBasisSchema>): Promise<void> {
  const { contractType, basis } = parseOrThrow(ZPaymentBasisSchema, input);
  const { councilId } = actor;
  await db.$transaction(async (tx) => {
    await tx.paymentBasisSetting.upsert({
      where: { councilId_contractType: { councilId, contractType } },
      create: { councilId, contractType, basis },
      update: { basis },
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'money.payment-basis-set',
      entityType: 'Council',
      entityId: councilId,
      details: { contractType, basis },
    });
  });
}
