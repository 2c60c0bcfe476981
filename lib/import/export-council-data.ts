import { PassThrough, type Writable } from 'node:stream';
import type { Prisma, PrismaClient } from '@prisma/client';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { lastDayBefore } from '@/lib/package/line-dates';
import { guardFormula, SHEET_NAMES, SHEETS, yesNo, type TSheetName } from './sheets';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

// A council's data in the shapes the importer reads (lib/import/sheets.ts), so importing an
// export changes nothing. Every cell that a spreadsheet would run as a formula gets the guard
// quote (guardFormula). Like the importer it takes its database client from the caller.

type Db = PrismaClient | Prisma.TransactionClient;
type TCells = string[][];

const day = (d: Date | null) => (d === null ? '' : d.toISOString().slice(0, 10));
const money = (d: Prisma.Decimal | null) => (d === null ? '' : d.toFixed(2));
const share = (d: Prisma.Decimal | null) => (d === null ? '' : `:${Number(d)}`);
const percent = (d: Prisma.Decimal | null) => (d === null ? '' : String(Number(d)));
const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** One sheet's rows (without the header), newest data from the database. */
export async function exportSheet(db: Db, councilId: string, sheet: TSheetName): Promise<TCells> {
  switch (sheet) {
    case 'localities': {
      const rows = await db.locality.findMany({ where: { councilId }, include: { wards: { select: { ward: { select: { name: true } } } } } });
      return rows.sort(byCode).map((l) => [
        l.code,
        l.name,
        yesNo(l.rural),
        l.wards
          .map((w) => w.ward.name)
          .sort()
          .join(';'),
      ]);
    }
    case 'locality_neighbours': {
      const rows = await db.localityNeighbour.findMany({
        where: { councilId },
        select: { locality: { select: { code: true } }, neighbour: { select: { code: true } } },
      });
      return rows.map((n) => [n.locality.code, n.neighbour.code]).sort((a, b) => a.join('\u0001').localeCompare(b.join('\u0001')));
    }
    case 'postcode_districts': {
      const rows = await db.postcodeDistrict.findMany({ where: { councilId }, include: { locality: { select: { code: true } } }, orderBy: { code: 'asc' } });
      return rows.map((d) => [d.code, d.locality.code]);
    }
    case 'step_areas': {
      const rows = await db.stepArea.findMany({ where: { councilId }, include: { localities: { select: { locality: { select: { code: true } } } } } });
      return rows.sort(byCode).map((a) => [
        a.code,
        a.name,
        a.localities
          .map((l) => l.locality.code)
          .sort()
          .join(';'),
      ]);
    }
    case 'hospitals': {
      const rows = await db.hospital.findMany({ where: { councilId }, orderBy: { code: 'asc' } });
      return rows.map((h) => [h.code, h.name]);
    }
    case 'providers': {
      const rows = await db.councilProvider.findMany({ where: { councilId }, include: { provider: true }, orderBy: { provider: { cqcLocationId: 'asc' } } });
      return rows.map(({ provider: p, status, statusReason }) => [
        p.cqcLocationId,
        p.name,
        p.cqcRating,
        day(p.cqcRatedOn),
        yesNo(p.doubleHanded),
        p.skills.join(';'),
        p.phone ?? '',
        p.email ?? '',
        status,
        statusReason ?? '',
      ]);
    }
    case 'people': {
      const rows = await db.person.findMany({ where: { councilId }, include: { locality: { select: { code: true } } }, orderBy: { nhsNumber: 'asc' } });
      return rows.map((p) => [
        p.nhsNumber,
        p.givenName,
        p.familyName,
        day(p.dateOfBirth),
        p.addressLine1,
        p.addressLine2 ?? '',
        p.town,
        p.postcode,
        p.locality.code,
        p.clientGroup,
        p.phone ?? '',
      ]);
    }
    case 'contracts': {
      const rows = await db.contract.findMany({
        where: { councilId },
        include: {
          provider: { select: { cqcLocationId: true } },
          hospital: { select: { code: true } },
          person: { select: { nhsNumber: true } },
          localities: { include: { locality: { select: { code: true } } } },
        },
        orderBy: { reference: 'asc' },
      });
      return rows.map((c) => [
        c.reference,
        c.provider.cqcLocationId,
        c.type,
        c.hospital?.code ?? '',
        c.person?.nhsNumber ?? '',
        c.localities
          .map((l) => `${l.locality.code}${share(l.targetShare)}`)
          .sort()
          .join(';'),
        money(c.hourlyRate),
        day(c.validFrom),
        day(c.validTo),
        c.endReason ?? '',
      ]);
    }
    case 'contract_rates': {
      const rows = await db.contractRate.findMany({ where: { councilId }, include: { contract: { select: { reference: true } } } });
      return rows
        .map((r) => [r.contract.reference, day(r.validFrom), money(r.hourlyRate), r.reason ?? ''])
        .sort((a, b) => a.join('\u0001').localeCompare(b.join('\u0001')));
    }
    case 'packages':
    case 'visits':
    case 'service_lines':
      return (await exportPackages(db, councilId))[sheet];
  }
}

// Live packages only: drafts, and packages placed with one open placement.
const LIVE_PACKAGES = (councilId: string) => ({ councilId, status: { in: ['DRAFT' as const, 'PLACED' as const] } });

async function exportPackages(db: Db, councilId: string): Promise<Record<'packages' | 'visits' | 'service_lines', TCells>> {
  const rows = await db.package.findMany({
    where: LIVE_PACKAGES(councilId),
    include: {
      person: { select: { nhsNumber: true } },
      locality: { select: { code: true } },
      hospital: { select: { code: true } },
      placements: { where: { endedAt: null }, include: { contract: { select: { reference: true } } } },
      visits: { where: visitsInForceWhere(new Date()), orderBy: [{ start: 'asc' }, { id: 'asc' }] },
      serviceLines: { include: { contract: { select: { reference: true } } }, orderBy: [{ startDate: 'asc' }, { id: 'asc' }] },
    },
    orderBy: { reference: 'asc' },
  });
  const out: Record<'packages' | 'visits' | 'service_lines', TCells> = { packages: [], visits: [], service_lines: [] };
  for (const p of rows) {
    const placement = p.placements[0] ?? null;
    if (p.status === 'PLACED' && placement === null) continue;
    out.packages.push([
      p.reference,
      p.person.nhsNumber,
      p.locality.code,
      p.pathway,
      p.funding,
      percent(p.icbSharePercent),
      yesNo(p.s117Aftercare),
      p.clientContributionWeekly === null ? '' : money(p.clientContributionWeekly),
      p.financialAssessmentOn === null ? '' : day(p.financialAssessmentOn),
      p.hospital?.code ?? '',
      p.status,
      placement?.contract.reference ?? '',
      placement?.startedAt.toISOString() ?? '',
      p.notes ?? '',
    ]);
    for (const v of p.visits) out.visits.push([p.reference, v.days.join(';'), v.start, String(v.minutes), String(v.carers)]);
    for (const l of p.serviceLines)
      out.service_lines.push([
        p.reference,
        l.type,
        money(l.hoursPerWeek),
        yesNo(l.doubleHanded),
        day(l.startDate),
        l.endDate === null ? '' : day(lastDayBefore(l.endDate)),
        l.contract?.reference ?? '',
        money(l.hourlyRate),
      ]);
  }
  return out;
}

const guarded = (rows: TCells) => rows.map((r) => r.map(guardFormula));

/** A sheet as CSV text: header, then rows, every cell guarded. */
export function sheetCsv(sheet: TSheetName, rows: TCells): string {
  return stringify([[...SHEETS[sheet].columns], ...guarded(rows)]);
}

/** The blank template of a sheet: its header and one example row. */
export function templateRows(sheet: TSheetName): TCells {
  return [[...SHEETS[sheet].example]];
}

/**
 * Writes a workbook with one worksheet per sheet to `out`, streaming (exceljs's WorkbookWriter),
 * every cell as text so a spreadsheet never turns a reference into a number or a date.
 */
export async function writeWorkbook(out: Writable, sheets: (sheet: TSheetName) => Promise<TCells>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  for (const sheet of SHEET_NAMES) {
    const rows = guarded(await sheets(sheet));
    const ws = workbook.addWorksheet(sheet);
    ws.addRow([...SHEETS[sheet].columns]).commit();
    for (const row of rows) ws.addRow(row).commit();
    await ws.commit();
  }
  await workbook.commit();
}

/** The whole workbook in memory (tests and small councils); the download route streams instead. */
export async function workbookBuffer(sheets: (sheet: TSheetName) => Promise<TCells>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  await writeWorkbook(out, sheets);
  await done;
  return Buffer.concat(chunks);
}
