import 'server-only';
import type { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import type { TRawRow } from '@/lib/actuals/actual-rows';
import { ZActualsBody } from '@/lib/actuals/actuals-schema';
import { submitActuals } from '@/lib/actuals/submit-actuals';
import { listProviderSubmissions } from '@/lib/money/list-money';

function rowsOf(body: z.output<typeof ZActualsBody>): TRawRow[] {
  if (body.visits?.length)
    return body.visits.map((v, i) => ({
      row: i + 1,
      cells: {
        package_reference: v.packageReference,
        visit_date: v.date,
        planned_start: v.plannedStart,
        planned_end: v.plannedEnd ?? '',
        actual_start: v.actualStart ?? '',
        actual_end: v.actualEnd ?? '',
        carers: v.carers === undefined ? '' : String(v.carers),
        status: v.status ?? '',
        service_type: v.serviceType ?? '',
      },
    }));
  return (body.weeks ?? []).map((w, i) => ({
    row: i + 1,
    cells: { package_reference: w.packageReference, week_commencing: w.weekCommencing, service_type: w.serviceType, carer_hours: String(w.carerHours) },
  }));
}

/** Sends delivered care: mode dry-run checks every row and saves nothing; apply saves all of it, or nothing when a row has an error. */
export const POST = defineRoute({
  permission: 'actuals:submit',
  body: ZActualsBody,
  handler: async ({ actor, db, body }) => submitActuals(db, actor, { source: 'API', rows: rowsOf(body), apply: body.mode === 'apply' }),
});

/** The provider's latest submissions and their state. */
export const GET = defineRoute({
  permission: 'actuals:submit',
  handler: async ({ actor, db }) => (await listProviderSubmissions(db, actor.providerId)).map((s) => ({ ...s, submittedAt: s.submittedAt.toISOString() })),
});
