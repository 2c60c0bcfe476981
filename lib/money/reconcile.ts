import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { visitInForceSql } from '@/lib/domain/visit-versions';

// Reconciliation (docs/money.md): delivered care against commissioned care for the days
// [from, to), in one statement. It finds short, missed and late visits, over-delivery of a line in
// a week, and care delivered after a line ended or while the person was in hospital; writes each
// as a variance (keeping the council's decision on one found before) and removes undecided
// variances that no longer hold (the provider corrected its actuals).

export const ZReconcileSchema = z
  .object({
    from: z.iso.date({ error: 'Enter the first day, like 2026-12-07' }),
    to: z.iso.date({ error: 'Enter the day after the last, like 2027-01-04' }),
  })
  .refine((p) => p.to > p.from, { error: 'The end must be after the start', path: ['to'] });

export type TReconcileResult = { found: number; removed: number };

/** The SQL of the variances for council $1 over [$2, $3), late after $4 minutes: one row per variance. */
function foundSql(): string {
  return `
    WITH a AS (
      SELECT a.*, l."endDate" AS "lineEnd", l."hoursPerWeek", l."startDate" AS "lineStart"
      FROM "Actual" a JOIN "ServiceLine" l ON l."councilId" = a."councilId" AND l."id" = a."serviceLineId"
      WHERE a."councilId" = $1::uuid AND a."day" >= $2::date AND a."day" < $3::date
    ),
    per_visit AS (
      SELECT 'AFTER_LINE_END' AS kind, a."providerId", a."packageId", a."serviceLineId", a."id" AS "actualId", a."day", a."slot",
        0 AS expected, a."carerMinutes" AS actual, NULL::int AS late
      FROM a WHERE a."lineEnd" IS NOT NULL AND a."day" >= a."lineEnd"
      UNION ALL
      SELECT 'IN_HOSPITAL', a."providerId", a."packageId", a."serviceLineId", a."id", a."day", a."slot", 0, a."carerMinutes", NULL
      FROM a WHERE a."carerMinutes" > 0 AND EXISTS (
        SELECT 1 FROM "HospitalStay" s WHERE s."councilId" = a."councilId" AND s."packageId" = a."packageId"
          AND s."admittedOn" <= a."day" AND (s."returnedOn" IS NULL OR a."day" < s."returnedOn"))
      UNION ALL
      SELECT 'MISSED', a."providerId", a."packageId", a."serviceLineId", a."id", a."day", a."slot",
        coalesce(extract(epoch FROM (a."plannedEnd"::time - a."plannedStart"::time))::int / 60, 0) * a."carers", 0, NULL
      FROM a WHERE a."kind" = 'VISIT' AND a."missed"
      UNION ALL
      SELECT 'LATE', a."providerId", a."packageId", a."serviceLineId", a."id", a."day", a."slot", 0, a."carerMinutes",
        extract(epoch FROM (a."actualStart"::time - a."plannedStart"::time))::int / 60
      FROM a WHERE a."kind" = 'VISIT' AND NOT a."missed"
        AND extract(epoch FROM (a."actualStart"::time - a."plannedStart"::time)) / 60 > $4::int
      UNION ALL
      SELECT 'SHORT', a."providerId", a."packageId", a."serviceLineId", a."id", a."day", a."slot",
        extract(epoch FROM (a."plannedEnd"::time - a."plannedStart"::time))::int / 60 * a."carers", a."carerMinutes", NULL
      FROM a WHERE a."kind" = 'VISIT' AND NOT a."missed" AND a."plannedEnd" IS NOT NULL
        AND a."carerMinutes" < extract(epoch FROM (a."plannedEnd"::time - a."plannedStart"::time))::int / 60 * a."carers"
    ),
    days AS (SELECT d::date AS day FROM generate_series($2::date, $3::date - 1, interval '1 day') d),
    -- Visits the provider of a line in force that day was due to make, with nothing sent for them.
    unreported AS (
      SELECT DISTINCT ON (v."packageId", days.day, v."start") 'MISSED' AS kind, l."providerId", v."packageId", l."id" AS "serviceLineId",
        NULL::uuid AS "actualId", days.day, v."start"::text AS slot, v."minutes" * v."carers" AS expected, 0 AS actual, NULL::int AS late
      FROM days
      JOIN "Visit" v ON v."councilId" = $1::uuid AND ${visitInForceSql('v', 'days.day')}
        AND upper(to_char(days.day, 'DY'))::"Weekday" = ANY (v."days")
      JOIN "ServiceLine" l ON l."councilId" = v."councilId" AND l."packageId" = v."packageId" AND l."providerId" IS NOT NULL
        AND l."startDate" <= days.day AND (l."endDate" IS NULL OR days.day < l."endDate")
      WHERE NOT EXISTS (
          SELECT 1 FROM "Actual" x WHERE x."councilId" = v."councilId" AND x."packageId" = v."packageId" AND x."day" = days.day AND x."slot" = v."start")
        AND NOT EXISTS (
          SELECT 1 FROM "HospitalStay" s WHERE s."councilId" = v."councilId" AND s."packageId" = v."packageId"
            AND s."admittedOn" <= days.day AND (s."returnedOn" IS NULL OR days.day < s."returnedOn"))
        -- A provider reporting the package by the week has no visits to miss.
        AND NOT EXISTS (
          SELECT 1 FROM "Actual" w WHERE w."councilId" = v."councilId" AND w."packageId" = v."packageId" AND w."kind" = 'WEEK'
            AND w."day" = date_trunc('week', days.day)::date)
      ORDER BY v."packageId", days.day, v."start", l."hoursPerWeek" DESC, l."id"
    ),
    -- Each line version's carer-minutes in each week against what it commissioned for its days in force that week.
    weeks AS (
      SELECT a."providerId", a."packageId", a."serviceLineId", date_trunc('week', a."day")::date AS monday, sum(a."carerMinutes") AS delivered,
        min(a."hoursPerWeek") AS hpw, min(a."lineStart") AS ls, min(a."lineEnd") AS le
      FROM a GROUP BY 1, 2, 3, 4
    ),
    over AS (
      SELECT 'OVER_DELIVERY' AS kind, w."providerId", w."packageId", w."serviceLineId", NULL::uuid AS "actualId", w.monday AS day,
        w."serviceLineId"::text AS slot, c.expected, w.delivered::int AS actual, NULL::int AS late
      FROM weeks w
      CROSS JOIN LATERAL (
        SELECT round(w.hpw * 60 * greatest(0, least(coalesce(w.le, w.monday + 7), w.monday + 7) - greatest(w.ls, w.monday)) / 7)::int AS expected
      ) c
      WHERE w.delivered > c.expected
    )
    SELECT * FROM per_visit UNION ALL SELECT * FROM unreported UNION ALL SELECT * FROM over`;
}

export async function reconcile(db: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZReconcileSchema>): Promise<TReconcileResult> {
  const { from, to } = parseOrThrow(ZReconcileSchema, input);
  const { councilId } = actor;
  return db.$transaction(
    async (tx) => {
      const setting = await tx.councilSetting.findUnique({ where: { councilId }, select: { lateCallMinutes: true } });
      const late = setting?.lateCallMinutes ?? 30;
      const [row] = await tx.$queryRawUnsafe<{ found: number; removed: number }[]>(
        `WITH found AS (${foundSql()}),
        up AS (
          INSERT INTO "Variance" ("councilId", "id", "kind", "providerId", "packageId", "serviceLineId", "actualId", "day", "slot",
            "expectedMinutes", "actualMinutes", "lateMinutes")
          SELECT $1::uuid, gen_random_uuid(), f.kind::"VarianceKind", f."providerId", f."packageId", f."serviceLineId", f."actualId", f.day, f.slot,
            f.expected, f.actual, f.late
          FROM found f
          ON CONFLICT ("councilId", "kind", "packageId", "day", "slot") DO UPDATE SET
            "expectedMinutes" = EXCLUDED."expectedMinutes", "actualMinutes" = EXCLUDED."actualMinutes", "lateMinutes" = EXCLUDED."lateMinutes",
            "actualId" = EXCLUDED."actualId", "serviceLineId" = EXCLUDED."serviceLineId"
          RETURNING 1
        ),
        gone AS (
          DELETE FROM "Variance" v
          WHERE v."councilId" = $1::uuid AND v."status" = 'OPEN' AND v."day" >= $2::date AND v."day" < $3::date
            AND NOT EXISTS (SELECT 1 FROM found f WHERE f.kind = v."kind"::text AND f."packageId" = v."packageId" AND f.day = v."day" AND f.slot = v."slot")
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM up)::int AS found, (SELECT count(*) FROM gone)::int AS removed`,
        councilId,
        from,
        to,
        late,
      );
      await recordAudit(tx, actor, { councilId, action: 'money.reconciled', entityType: 'Council', entityId: councilId, details: { from, to, ...row } });
      return row;
    },
    { timeout: 120_000 },
  );
}

export const ZDecideVarianceSchema = z
  .object({
    varianceId: z.uuid({ error: 'Choose a variance' }),
    decision: z.enum(['ACCEPTED', 'QUERIED', 'REJECTED'], { error: 'Choose accept, query or reject' }),
    reason: z.string().trim().max(1000, { error: 'Keep the reason to 1,000 characters' }).default(''),
  })
  .refine((d) => d.decision === 'ACCEPTED' || d.reason.length > 0, { error: 'Give the reason for querying or rejecting it', path: ['reason'] });

/** The council accepts, queries or rejects a variance, with its reason (required unless accepting); the provider sees both. */
export async function decideVariance(db: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZDecideVarianceSchema>, now = new Date()): Promise<void> {
  const { varianceId, decision, reason } = parseOrThrow(ZDecideVarianceSchema, input);
  const { councilId } = actor;
  await db.$transaction(async (tx) => {
    const { count } = await tx.variance.updateMany({
      where: { councilId, id: varianceId },
      data: { status: decision, reason: reason || null, decidedById: actor.userId, decidedAt: now },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'That variance could not be found.');
    await recordAudit(tx, actor, { councilId, action: 'money.variance-decided', entityType: 'Variance', entityId: varianceId, details: { decision, reason } });
  });
}
