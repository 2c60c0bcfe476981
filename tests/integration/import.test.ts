import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSheet, sheetCsv, workbookBuffer } from '@/lib/import/export-council-data';
import { importCouncilData, type TImportReport } from '@/lib/import/import-council-data';
import { sourceFromBuffer, sourceFromPath, type TImportSource } from '@/lib/import/read-sources';
import { SHEET_NAMES, SHEETS, type TSheetName } from '@/lib/import/sheets';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

let prisma: PrismaClient;
let bradfordId: string;
let testCouncilId: string;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date('2026-12-01T10:00:00Z'), force: true });
  bradfordId = (await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } })).id;
  testCouncilId = (await prisma.council.create({ data: { code: 'TST', name: 'Testshire' } })).id;
}, 300_000);

afterAll(async () => {
  await prisma.$disconnect();
});

/** Every table's rows, as one md5 each (the audit log aside: an applied import adds to it). */
async function digests(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'AuditEvent') ORDER BY 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ d: string | null; n: bigint }[]>(
      `SELECT md5(string_agg(t::text, '' ORDER BY t::text)) AS d, count(*) AS n FROM "${name}" t`,
    );
    out[name] = `${row.n}:${row.d}`;
  }
  return out;
}

const csv = (name: string, lines: string[]) => sourceFromBuffer(name, Buffer.from(`${lines.join('\n')}\n`));

const CLEAN: TImportSource[] = [
  csv('localities.csv', ['code,name,rural,wards', 'TS01,Testshire Centre,no,Market;Castle', 'TS02,Testshire Moor,yes,Moor']),
  csv('locality_neighbours.csv', ['locality_code,neighbour_code', 'TS01,TS02', 'TS02,TS01']),
  csv('postcode_districts.csv', ['code,locality_code', 'TS1,TS01', 'TS2,TS02']),
  csv('step_areas.csv', ['code,name,locality_codes', 'TS-STEP,Whole of Testshire,TS01;TS02']),
  csv('hospitals.csv', ['code,name', 'TGH,Testshire General']),
  csv('providers.csv', [
    'cqc_location_id,name,cqc_rating,cqc_rated_on,double_handed,skills,phone,email,status,status_reason',
    '1-900000001,Testshire Care,GOOD,2025-03-14,yes,DEMENTIA,01632 960001,office@testshire-care.example,ACTIVE,',
    '1-900000002,Moor Home Help,OUTSTANDING,2024-11-02,no,,,,ACTIVE,',
  ]),
  csv('people.csv', [
    'nhs_number,given_name,family_name,date_of_birth,address_line_1,address_line_2,town,postcode,locality_code,client_group,phone',
    '9990000018,Ada,Brown,1941-05-02,12 Mill Lane,,Testshire,TS1 2AB,TS01,OLDER_PEOPLE,01632 960456',
    '9990000026,Ben,Green,1950-01-30,3 Moor Road,Flat 2,Testshire,TS2 9ZZ,TS02,PHYSICAL_DISABILITY,',
  ]),
  csv('contracts.csv', [
    'reference,provider_cqc_location_id,type,hospital_code,person_nhs_number,localities,hourly_rate,valid_from,valid_to,end_reason',
    'TS-LOC-1,1-900000001,LOCALITY,,,TS01:70;TS02,22.50,2025-04-01,,',
    'TS-LOC-2,1-900000002,LOCALITY,,,TS01:30,23.00,2025-04-01,2027-03-31,',
    'TS-DIS-1,1-900000001,DISCHARGE,TGH,,TS01;TS02,25.00,2025-04-01,,',
    'TS-ISF-1,1-900000002,ISF,,9990000026,TS02,24.00,2025-06-01,,',
  ]),
  csv('contract_rates.csv', ['contract_reference,valid_from,hourly_rate,reason', 'TS-LOC-1,2026-04-01,23.85,Annual uplift']),
  csv('packages.csv', [
    'reference,person_nhs_number,locality_code,pathway,funding,hospital_code,status,contract_reference,placement_start,notes',
    'TS-M-1,9990000018,TS01,LONG_TERM,COUNCIL,,PLACED,TS-LOC-1,2026-05-04T08:00:00.000Z,Key safe at the back',
    'TS-M-2,9990000026,TS02,HOSPITAL_DISCHARGE,ICB,TGH,DRAFT,,,',
  ]),
  csv('visits.csv', [
    'package_reference,days,start,minutes,carers',
    'TS-M-1,MON;TUE;WED;THU;FRI,08:00,30,2',
    'TS-M-1,SAT;SUN,18:00,15,1',
    'TS-M-2,MON;WED;FRI,10:00,45,1',
  ]),
  csv('service_lines.csv', [
    'package_reference,type,hours_per_week,double_handed,start_date,end_date,contract_reference,hourly_rate',
    'TS-M-1,PERSONAL_CARE,5.50,yes,2026-05-04,,TS-LOC-1,',
    'TS-M-2,PERSONAL_CARE,2.25,no,2026-12-07,2027-01-31,,',
  ]),
];

const total = (r: TImportReport, what: 'created' | 'updated' | 'unchanged') => Object.values(r.summary).reduce((n, c) => n + c[what], 0);

async function exportCsvs(councilId: string): Promise<TImportSource[]> {
  const out: TImportSource[] = [];
  for (const sheet of SHEET_NAMES) out.push(sourceFromBuffer(`${sheet}.csv`, Buffer.from(sheetCsv(sheet, await exportSheet(prisma, councilId, sheet)))));
  return out;
}

describe('importing a council’s data', () => {
  it('seeds Kirkholme’s localities, neighbours, postcode districts, STEP area and hospital from its CSV files through the importer', async () => {
    const kirkholme = await prisma.council.findUniqueOrThrow({ where: { code: 'KHC' } });
    expect(await prisma.postcodeDistrict.count({ where: { councilId: kirkholme.id } })).toBe(5);
    const step = await prisma.stepArea.findFirstOrThrow({ where: { councilId: kirkholme.id }, include: { localities: true } });
    expect([step.code, step.localities.length]).toEqual(['KHC-STEP-1', 5]);
    const files = ['localities', 'locality_neighbours', 'postcode_districts', 'step_areas', 'hospitals'].map((f) =>
      sourceFromPath(path.join('prisma', 'seed', 'kirkholme', `${f}.csv`)),
    );
    const report = await importCouncilData(prisma, files, { councilId: kirkholme.id, apply: false });
    expect(report.errors).toEqual([]);
    expect(total(report, 'created') + total(report, 'updated')).toBe(0);
    expect(report.summary.localities).toEqual({ created: 0, updated: 0, unchanged: 5 });
  });

  it('a dry run of a file with five bad rows writes nothing and names exactly those rows and columns', async () => {
    const before = await digests();
    const bad = CLEAN.map((s) => s);
    bad[0] = csv('localities.csv', ['code,name,rural,wards', 'TS01,Testshire Centre,no,Market', 'TS02,Testshire Moor,perhaps,Moor']);
    bad[7] = csv('contracts.csv', [
      'reference,provider_cqc_location_id,type,hospital_code,person_nhs_number,localities,hourly_rate,valid_from,valid_to,end_reason',
      'TS-LOC-1,1-900000001,LOCALITY,,,TS01;ZZ9,22.50,2025-04-01,,',
      'TS-LOC-2,1-900000002,LOCALITY,TGH,,TS01,23.00,2025-04-01,,',
      'TS-DIS-1,1-900000001,DISCHARGE,TGH,,TS01,0,2025-04-01,,',
      'TS-ISF-1,1-900000002,ISF,,,TS02,24.00,2025-06-31,,',
    ]);
    const report = await importCouncilData(prisma, bad, { councilId: testCouncilId, apply: false });
    expect(report.applied).toBe(false);
    expect(report.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['localities', 3, 'rural'],
      ['contracts', 2, 'localities'],
      ['contracts', 3, 'hospital_code'],
      ['contracts', 4, 'hourly_rate'],
      ['contracts', 5, 'valid_from'],
    ]);
    expect(report.errors[1].message).toBe('Unknown locality "ZZ9"');
    expect(report.errors[3].message).toBe('The hourly rate must be more than £0');
    // Applying the same bad file writes nothing either.
    const applied = await importCouncilData(prisma, bad, { councilId: testCouncilId, apply: true });
    expect(applied.applied).toBe(false);
    expect(await digests()).toEqual(before);
  });

  it('reports duplicate references, an ISF contract without its person and overlapping dates', async () => {
    const sources = [
      ...CLEAN.slice(0, 7),
      csv('contracts.csv', [
        'reference,provider_cqc_location_id,type,hospital_code,person_nhs_number,localities,hourly_rate,valid_from,valid_to,end_reason',
        'TS-LOC-1,1-900000001,LOCALITY,,,TS01,22.50,2025-04-01,,',
        'TS-LOC-1,1-900000001,LOCALITY,,,TS02,22.50,2025-04-01,,',
        'TS-LOC-3,1-900000001,LOCALITY,,,TS01,22.50,2026-01-01,,',
        'TS-ISF-1,1-900000002,ISF,,,TS02,24.00,2025-06-01,,',
      ]),
    ];
    const report = await importCouncilData(prisma, sources, { councilId: testCouncilId, apply: false });
    expect(report.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['contracts', 2, 'valid_from'],
      ['contracts', 3, 'reference'],
      ['contracts', 4, 'valid_from'],
      ['contracts', 5, 'person_nhs_number'],
    ]);
    expect(report.errors[1].message).toBe('Duplicate reference TS-LOC-1: it is already on row 2');
    expect(report.errors[2].message).toMatch(/^These dates overlap contract TS-LOC-1 /);
  });

  it('applies a clean file in one go, then a second import of it changes nothing', async () => {
    const dry = await importCouncilData(prisma, CLEAN, { councilId: testCouncilId, apply: false });
    expect(dry.errors).toEqual([]);
    expect(dry.summary.packages).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await prisma.package.count({ where: { councilId: testCouncilId } })).toBe(0);

    const audits = await prisma.auditEvent.count();
    const applied = await importCouncilData(prisma, CLEAN, {
      councilId: testCouncilId,
      apply: true,
      onApplied: async (tx, r) => {
        await tx.auditEvent.create({ data: { councilId: testCouncilId, action: 'data.import', entityType: 'Council', details: r.summary } });
      },
    });
    expect(applied.errors).toEqual([]);
    expect(applied.applied).toBe(true);
    expect(await prisma.auditEvent.count()).toBe(audits + 1);
    const placed = await prisma.package.findFirstOrThrow({
      where: { councilId: testCouncilId, reference: 'TS-M-1' },
      include: { placements: true, serviceLines: true },
    });
    expect(placed.status).toBe('PLACED');
    expect(placed.placements).toHaveLength(1);
    // The line's rate is the contract's rate on its first day: the uplift from April 2026.
    expect(placed.serviceLines[0].hourlyRate?.toFixed(2)).toBe('23.85');
    const shares = await prisma.contractLocality.findMany({
      where: { councilId: testCouncilId, contract: { reference: 'TS-LOC-1' } },
      orderBy: { targetShare: 'asc' },
    });
    expect(shares.map((s) => s.targetShare?.toString() ?? null)).toEqual(['70', null]);

    const before = await digests();
    const again = await importCouncilData(prisma, CLEAN, { councilId: testCouncilId, apply: true });
    expect(again.errors).toEqual([]);
    expect(total(again, 'created') + total(again, 'updated')).toBe(0);
    expect(await digests()).toEqual(before);
    expect(await prisma.auditEvent.count()).toBe(audits + 1);
  });

  it('an update changes only what differs', async () => {
    const people = csv('people.csv', [
      'nhs_number,given_name,family_name,date_of_birth,address_line_1,address_line_2,town,postcode,locality_code,client_group,phone',
      '9990000018,Ada,Brown,1941-05-02,14 Mill Lane,,Testshire,TS1 2AB,TS01,OLDER_PEOPLE,01632 960456',
    ]);
    const report = await importCouncilData(prisma, [...CLEAN.slice(0, 6), people], { councilId: testCouncilId, apply: true });
    expect(report.summary.people).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(report.summary.providers).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const ada = await prisma.person.findFirstOrThrow({ where: { councilId: testCouncilId, nhsNumber: '9990000018' } });
    expect(ada.addressLine1).toBe('14 Mill Lane');
  });

  it('reads who pays from the optional icb_share_percent column: a bad share names its row and column and writes nothing', async () => {
    const header = 'reference,person_nhs_number,locality_code,pathway,funding,icb_share_percent,hospital_code,status,contract_reference,placement_start,notes';
    const packages = (share: string) =>
      csv('packages.csv', [
        header,
        'TS-M-1,9990000018,TS01,LONG_TERM,COUNCIL,40,,PLACED,TS-LOC-1,2026-05-04T08:00:00.000Z,Key safe at the back',
        `TS-M-2,9990000026,TS02,HOSPITAL_DISCHARGE,ICB,${share},TGH,DRAFT,,,`,
      ]);
    const before = await digests();
    for (const [share, message] of [
      ['100', "The ICB's share must be less than 100%: otherwise the ICB pays it all"],
      ['forty', "Enter the ICB's share as a percentage"],
    ]) {
      const bad = await importCouncilData(prisma, [...CLEAN.slice(0, 9), packages(share), ...CLEAN.slice(10)], { councilId: testCouncilId, apply: true });
      expect(bad.applied).toBe(false);
      expect(bad.errors.map((e) => [e.sheet, e.row, e.column, e.message])).toEqual([['packages', 3, 'icb_share_percent', message]]);
    }
    expect(await digests()).toEqual(before);

    const good = await importCouncilData(prisma, [...CLEAN.slice(0, 9), packages(''), ...CLEAN.slice(10)], { councilId: testCouncilId, apply: true });
    expect(good.errors).toEqual([]);
    expect(good.summary.packages).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const shares = await prisma.package.findMany({
      where: { councilId: testCouncilId },
      orderBy: { reference: 'asc' },
      select: { funding: true, icbSharePercent: true },
    });
    expect(shares.map((p) => [p.funding, p.icbSharePercent?.toString() ?? null])).toEqual([
      ['COUNCIL', '40'],
      ['ICB', null],
    ]);
    // The export writes the share, so what it gives imports unchanged (the round trip below checks every table).
    expect(sheetCsv('packages', await exportSheet(prisma, testCouncilId, 'packages'))).toContain('TS-M-1,9990000018,TS01,LONG_TERM,COUNCIL,40,no,,,,PLACED');
  });

  it("reads Section 117 and the person's contribution from their optional columns, checked as the form checks them", async () => {
    const header =
      'reference,person_nhs_number,locality_code,pathway,funding,icb_share_percent,s117_aftercare,client_contribution_weekly,financial_assessment_on,hospital_code,status,contract_reference,placement_start,notes';
    const packages = (s117: string, contribution: string, assessedOn: string) =>
      csv('packages.csv', [
        header,
        `TS-M-1,9990000018,TS01,LONG_TERM,COUNCIL,40,${s117},${contribution},${assessedOn},,PLACED,TS-LOC-1,2026-05-04T08:00:00.000Z,Key safe at the back`,
        'TS-M-2,9990000026,TS02,HOSPITAL_DISCHARGE,ICB,,,,,TGH,DRAFT,,,',
      ]);
    const before = await digests();
    for (const [cells, column, message] of [
      [['yes', '15.00', '2026-04-20'], 'client_contribution_weekly', 'Section 117 aftercare is free to the person: leave the contribution empty'],
      [['no', '15.00', ''], 'financial_assessment_on', 'Enter the day of the financial assessment the contribution comes from'],
      [['no', 'fifteen', '2026-04-20'], 'client_contribution_weekly', 'Enter the contribution a week in pounds'],
      [['perhaps', '', ''], 's117_aftercare', 'Enter yes or no, not "perhaps"'],
    ] as const) {
      const bad = await importCouncilData(prisma, [...CLEAN.slice(0, 9), packages(cells[0], cells[1], cells[2]), ...CLEAN.slice(10)], {
        councilId: testCouncilId,
        apply: true,
      });
      expect(bad.applied, cells.join()).toBe(false);
      expect(
        bad.errors.map((e) => [e.sheet, e.row, e.column, e.message]),
        cells.join(),
      ).toEqual([['packages', 2, column, message]]);
    }
    expect(await digests()).toEqual(before);

    const good = await importCouncilData(prisma, [...CLEAN.slice(0, 9), packages('no', '15.00', '2026-04-20'), ...CLEAN.slice(10)], {
      councilId: testCouncilId,
      apply: true,
    });
    expect(good.errors).toEqual([]);
    const charged = await prisma.package.findFirstOrThrow({ where: { councilId: testCouncilId, reference: 'TS-M-1' } });
    expect([charged.s117Aftercare, charged.clientContributionWeekly?.toString(), charged.financialAssessmentOn?.toISOString().slice(0, 10)]).toEqual([
      false,
      '15',
      '2026-04-20',
    ]);
    // A file without the columns leaves them as HomeFirst holds them.
    const older = csv('packages.csv', [
      'reference,person_nhs_number,locality_code,pathway,funding,icb_share_percent,hospital_code,status,contract_reference,placement_start,notes',
      'TS-M-1,9990000018,TS01,LONG_TERM,COUNCIL,40,,PLACED,TS-LOC-1,2026-05-04T08:00:00.000Z,Key safe at the back',
      'TS-M-2,9990000026,TS02,HOSPITAL_DISCHARGE,ICB,,TGH,DRAFT,,,',
    ]);
    const kept = await importCouncilData(prisma, [...CLEAN.slice(0, 9), older, ...CLEAN.slice(10)], { councilId: testCouncilId, apply: true });
    expect(kept.summary.packages).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(sheetCsv('packages', await exportSheet(prisma, testCouncilId, 'packages'))).toContain(
      'TS-M-1,9990000018,TS01,LONG_TERM,COUNCIL,40,no,15.00,2026-04-20,,PLACED',
    );

    const aftercare = await importCouncilData(prisma, [...CLEAN.slice(0, 9), packages('yes', '', ''), ...CLEAN.slice(10)], {
      councilId: testCouncilId,
      apply: true,
    });
    expect(aftercare.errors).toEqual([]);
    const free = await prisma.package.findFirstOrThrow({ where: { councilId: testCouncilId, reference: 'TS-M-1' } });
    expect([free.s117Aftercare, free.clientContributionWeekly, free.financialAssessmentOn]).toEqual([true, null, null]);
  });

  it('export then import leaves every table byte for byte unchanged, through CSV and through XLSX', async () => {
    // A split package among Bradford's, so its share goes out and comes back too.
    const live = await prisma.package.findFirstOrThrow({ where: { councilId: bradfordId, status: 'PLACED' }, orderBy: { reference: 'asc' } });
    await prisma.package.update({
      where: { councilId_id: { councilId: bradfordId, id: live.id } },
      data: { icbSharePercent: 62.5, clientContributionWeekly: 31.2, financialAssessmentOn: new Date('2026-09-14T00:00:00Z') },
    });
    expect(
      (await exportSheet(prisma, bradfordId, 'packages')).find((row) => row[0] === live.reference)?.[SHEETS.packages.columns.indexOf('icb_share_percent')],
    ).toBe('62.5');
    const before = await digests();
    const viaCsv = await importCouncilData(prisma, await exportCsvs(bradfordId), { councilId: bradfordId, apply: true });
    expect(viaCsv.errors).toEqual([]);
    expect(total(viaCsv, 'unchanged')).toBeGreaterThan(2000);
    expect(total(viaCsv, 'created') + total(viaCsv, 'updated')).toBe(0);
    expect(await digests()).toEqual(before);

    const xlsx = await workbookBuffer((sheet: TSheetName) => exportSheet(prisma, testCouncilId, sheet));
    const viaXlsx = await importCouncilData(prisma, [sourceFromBuffer('testshire.xlsx', xlsx)], { councilId: testCouncilId, apply: true });
    expect(viaXlsx.errors).toEqual([]);
    expect(viaXlsx.summary.packages).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await digests()).toEqual(before);
  }, 120_000);

  it('an XLSX export imports into another council as the same data', async () => {
    const xlsx = await workbookBuffer((sheet: TSheetName) => exportSheet(prisma, testCouncilId, sheet));
    const other = await prisma.council.create({ data: { code: 'TS2', name: 'Testshire Two' } });
    const report = await importCouncilData(prisma, [sourceFromBuffer('testshire.xlsx', xlsx)], { councilId: other.id, apply: true });
    expect(report.errors).toEqual([]);
    expect(report.summary.packages).toEqual({ created: 2, updated: 0, unchanged: 0 });
    for (const sheet of SHEET_NAMES) expect(await exportSheet(prisma, other.id, sheet)).toEqual(await exportSheet(prisma, testCouncilId, sheet));
  });

  it('neutralises a formula on export and reads it back as it was', async () => {
    await prisma.person.updateMany({ where: { councilId: testCouncilId, nhsNumber: '9990000026' }, data: { addressLine2: '=HYPERLINK("http://x.example")' } });
    const text = sheetCsv('people', await exportSheet(prisma, testCouncilId, 'people'));
    expect(text).toContain(`"'=HYPERLINK(""http://x.example"")"`);
    const xlsx = await workbookBuffer((sheet: TSheetName) => exportSheet(prisma, testCouncilId, sheet));
    const before = await digests();
    for (const sources of [[sourceFromBuffer('people.csv', Buffer.from(text))], [sourceFromBuffer('all.xlsx', xlsx)]]) {
      const report = await importCouncilData(prisma, sources, { councilId: testCouncilId, apply: true });
      expect(report.errors).toEqual([]);
      expect(report.summary.people).toEqual({ created: 0, updated: 0, unchanged: 2 });
    }
    expect(await digests()).toEqual(before);
  });

  it('refuses a file that is not CSV or XLSX, whatever its name, and a file over 50 MB', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    await expect(importCouncilData(prisma, [sourceFromBuffer('people.csv', png)], { councilId: testCouncilId, apply: false })).rejects.toThrow(
      'people.csv is not a CSV or XLSX file',
    );
    await expect(
      importCouncilData(prisma, [sourceFromBuffer('people.xlsx', Buffer.from('nhs_number\n'))], { councilId: testCouncilId, apply: false }),
    ).rejects.toThrow('is not a CSV or XLSX file');
    const huge: TImportSource = { ...sourceFromBuffer('people.csv', Buffer.from('nhs_number\n')), size: 50 * 1024 * 1024 + 1 };
    await expect(importCouncilData(prisma, [huge], { councilId: testCouncilId, apply: false })).rejects.toThrow('larger than 50 MB');
  });
});
