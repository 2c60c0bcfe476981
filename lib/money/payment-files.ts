import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { stringify } from 'csv-stringify/sync';
import { csvFileName, csvReport } from '@/lib/csv/csv-file';
import { costCode, FUNDERS } from '@/lib/domain/money';
import { AppError } from '@/lib/errors/app-error';

// A payment run's files (docs/money.md "Payment files"): the payment file in a ContrOCC-style
// layout (one row per person, service line, period, rate and kind), the general ledger by cost
// code and funder, and each provider's remittance. Amounts are pounds and pence from the stored
// pence-exact rows: a file's total is its run's total.

const day = (d: Date) => d.toISOString().slice(0, 10);

async function runOf(db: PrismaClient, councilId: string, runId: string) {
  const run = await db.paymentRun.findFirst({
    where: { councilId, id: runId },
    select: { id: true, periodStart: true, periodEnd: true, status: true, total: true },
  });
  if (!run) throw new AppError('NOT_FOUND', 'That payment run could not be found.');
  return run;
}

type TFileRow = {
  personId: string;
  externalId: string | null;
  nhsNumber: string;
  name: string;
  reference: string;
  serviceLineId: string;
  serviceType: string;
  contractType: string | null;
  contract: string | null;
  providerId: string;
  provider: string;
  cqc: string;
  kind: string;
  basis: string;
  fromDate: Date;
  toDate: Date;
  rate: string;
  hours: string;
  amount: string;
  funders: string;
};

/** The run's rows joined to who and what they pay for; a provider's only when `providerId` is given. */
async function fileRows(db: PrismaClient, councilId: string, runId: string, providerId: string | null): Promise<TFileRow[]> {
  return db.$queryRaw<TFileRow[]>`
    SELECT pl."personId"::text AS "personId", pe."externalId", pe."nhsNumber", pe."familyName" || ', ' || pe."givenName" AS name, p."reference",
      pl."serviceLineId"::text AS "serviceLineId", pl."serviceType"::text AS "serviceType", pl."contractType"::text AS "contractType",
      c."reference" AS contract, pl."providerId"::text AS "providerId", pr."name" AS provider, pr."cqcLocationId" AS cqc, pl."kind"::text AS kind,
      pl."basis"::text AS basis, pl."fromDate", pl."toDate", pl."hourlyRate"::text AS rate, sum(pl."hours")::text AS hours, sum(pl."amount")::text AS amount,
      string_agg(pl."funder"::text || ' ' || pl."amount"::text, '; ' ORDER BY pl."funder") AS funders
    FROM "PaymentLine" pl
    JOIN "Package" p ON p."councilId" = pl."councilId" AND p."id" = pl."packageId"
    JOIN "Person" pe ON pe."councilId" = pl."councilId" AND pe."id" = pl."personId"
    JOIN "Provider" pr ON pr."id" = pl."providerId"
    LEFT JOIN "ServiceLine" l ON l."councilId" = pl."councilId" AND l."id" = pl."serviceLineId"
    LEFT JOIN "Contract" c ON c."councilId" = l."councilId" AND c."id" = l."contractId"
    WHERE pl."councilId" = ${councilId}::uuid AND pl."runId" = ${runId}::uuid AND (${providerId}::uuid IS NULL OR pl."providerId" = ${providerId}::uuid)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
    ORDER BY provider, name, p."reference", pl."fromDate", kind, rate`;
}

/** The payment file's columns, in order (docs/money.md). */
export const PAYMENT_FILE_COLUMNS = [
  'Client ID',
  'NHS Number',
  'Client Name',
  'Package Reference',
  'Service Line ID',
  'Service Type',
  'Element Type',
  'Contract Type',
  'Contract Reference',
  'Provider Name',
  'Provider CQC Location ID',
  'Period Start',
  'Period End',
  'Payment Basis',
  'Unit Type',
  'Units',
  'Unit Rate',
  'Line Cost',
  'Cost Code',
  'Funding Split',
] as const;

function paymentCsv(rows: readonly TFileRow[]): string {
  return stringify([
    [...PAYMENT_FILE_COLUMNS],
    ...rows.map((r) => [
      r.externalId ?? r.personId,
      r.nhsNumber,
      r.name,
      r.reference,
      r.serviceLineId,
      r.serviceType,
      r.kind,
      r.contractType ?? '',
      r.contract ?? '',
      r.provider,
      r.cqc,
      day(r.fromDate),
      // Period end is the last day paid (inclusive), as payment systems expect.
      day(new Date(r.toDate.getTime() - 86_400_000)),
      r.basis,
      'Hours',
      Number(r.hours).toFixed(2),
      Number(r.rate).toFixed(2),
      Number(r.amount).toFixed(2),
      costCode(r.contractType as never, r.serviceType as never),
      r.funders,
    ]),
  ]);
}

export async function paymentFileCsv(db: PrismaClient, councilId: string, councilName: string, runId: string, now = new Date()) {
  const run = await runOf(db, councilId, runId);
  const rows = await fileRows(db, councilId, runId, null);
  const filters = [
    `${day(run.periodStart)} to ${day(new Date(run.periodEnd.getTime() - 86_400_000))}`,
    `run ${run.status.toLowerCase()}`,
    `total £${run.total.toFixed(2)}`,
  ];
  return {
    filename: csvFileName([councilName, 'payments', day(run.periodStart)]),
    csv: csvReport({ council: councilName, title: 'Payment file', filters, madeAt: now }, paymentCsv(rows)),
  };
}

/** The general ledger: the run's amounts by cost code and funder (each line's share of a split package under its funder), in cost-code order. */
export async function ledgerCsv(db: PrismaClient, councilId: string, councilName: string, runId: string, now = new Date()) {
  const run = await runOf(db, councilId, runId);
  const rows = await db.paymentLine.groupBy({
    by: ['contractType', 'serviceType', 'funder'],
    where: { councilId, runId },
    _sum: { amount: true, hours: true },
    orderBy: [{ contractType: 'asc' }, { serviceType: 'asc' }, { funder: 'asc' }],
  });
  const byCode = new Map<string, { code: string; funder: string; amount: number; hours: number }>();
  for (const r of rows) {
    const code = costCode(r.contractType, r.serviceType);
    const key = `${code}|${r.funder}`;
    const pence = Math.round(Number(r._sum.amount ?? 0) * 100);
    const entry = byCode.get(key) ?? { code, funder: r.funder, amount: 0, hours: 0 };
    entry.amount += pence;
    entry.hours += Number(r._sum.hours ?? 0);
    byCode.set(key, entry);
  }
  const body = stringify([
    ['Cost Code', 'Funder', 'Period Start', 'Period End', 'Hours', 'Amount'],
    ...[...byCode.values()]
      .sort((a, b) => a.code.localeCompare(b.code) || FUNDERS.indexOf(a.funder as never) - FUNDERS.indexOf(b.funder as never))
      .map((e) => [
        e.code,
        e.funder,
        day(run.periodStart),
        day(new Date(run.periodEnd.getTime() - 86_400_000)),
        e.hours.toFixed(2),
        (e.amount / 100).toFixed(2),
      ]),
  ]);
  return {
    filename: csvFileName([councilName, 'ledger', day(run.periodStart)]),
    csv: csvReport({ council: councilName, title: 'General ledger', filters: [`total £${run.total.toFixed(2)}`], madeAt: now }, body),
  };
}

/** A provider's remittance for a locked run: what it is paid for each person and line. Only locked runs are remitted. */
export async function remittanceCsv(db: PrismaClient, providerId: string, councilId: string, runId: string, now = new Date()) {
  const run = await runOf(db, councilId, runId);
  if (run.status !== 'LOCKED') throw new AppError('NOT_FOUND', 'That payment run could not be found.');
  const [rows, council, provider] = await Promise.all([
    fileRows(db, councilId, runId, providerId),
    db.council.findUniqueOrThrow({ where: { id: councilId }, select: { name: true, code: true } }),
    db.provider.findUniqueOrThrow({ where: { id: providerId }, select: { name: true } }),
  ]);
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'That payment run could not be found.');
  const total = rows.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
  return {
    filename: csvFileName([council.code, 'remittance', provider.name, day(run.periodStart)]),
    csv: csvReport(
      { council: council.name, title: `Remittance to ${provider.name}`, filters: [`total £${(total / 100).toFixed(2)}`], madeAt: now },
      paymentCsv(rows),
    ),
  };
}

/** A provider's locked runs with what each paid it. */
export async function listRemittances(db: PrismaClient, providerId: string) {
  const rows = await db.$queryRaw<{ councilId: string; council: string; runId: string; periodStart: Date; periodEnd: Date; amount: string }[]>`
    SELECT r."councilId"::text AS "councilId", c."name" AS council, r."id"::text AS "runId", r."periodStart", r."periodEnd", sum(pl."amount")::text AS amount
    FROM "PaymentLine" pl JOIN "PaymentRun" r ON r."councilId" = pl."councilId" AND r."id" = pl."runId" JOIN "Council" c ON c."id" = r."councilId"
    WHERE pl."providerId" = ${providerId}::uuid AND r."status" = 'LOCKED'
    GROUP BY 1, 2, 3, 4, 5 ORDER BY r."periodStart" DESC LIMIT 52`;
  return rows;
}
