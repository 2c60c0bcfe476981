import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { workbookBuffer } from '@/lib/import/export-council-data';
import { readSources, sourceFromBlob, sourceFromBuffer, type TImportIssue } from '@/lib/import/read-sources';
import { cellText, readXlsxSheets } from '@/lib/import/read-xlsx';
import { SHEET_NAMES, SHEETS, type TSheetName } from '@/lib/import/sheets';

// The XLSX reader streams a workbook; what it reads must be what exceljs reads from the same
// workbook held whole in memory, sheet for sheet and row for row.

type TSheetRows = { name: string; rows: string[][] };

/** A workbook read whole with exceljs: each worksheet's rows, a blank row for each row left out. */
async function readWhole(data: Buffer): Promise<TSheetRows[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook.worksheets.map((worksheet) => {
    const rows: string[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      rows[number - 1] = (row.values as unknown[]).slice(1).map(cellText);
    });
    return { name: worksheet.name, rows: withoutTrailingBlanks(Array.from(rows, (r) => r ?? [])) };
  });
}

async function readStreaming(data: Buffer): Promise<TSheetRows[]> {
  const sheets: TSheetRows[] = [];
  for await (const { name, records } of readXlsxSheets(() => sourceFromBuffer('book.xlsx', data).open())) {
    const rows: string[][] = [];
    for await (const record of records) rows.push(record);
    sheets.push({ name, rows: withoutTrailingBlanks(rows) });
  }
  return sheets;
}

/** Rows without the blank cells and rows at their ends (the importer reads a missing cell as blank). */
function withoutTrailingBlanks(rows: string[][]): string[][] {
  const trimmed = rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end);
  });
  while (trimmed.length > 0 && trimmed.at(-1)!.length === 0) trimmed.pop();
  return trimmed;
}

/** Rows for each sheet of the export: `count` rows of made-up text in the sheet's columns. */
function exportRows(count: (sheet: TSheetName) => number) {
  return async (sheet: TSheetName) => Array.from({ length: count(sheet) }, (_, i) => SHEETS[sheet].columns.map((column) => `${sheet}-${column}-${i + 1}`));
}

describe('reading an XLSX workbook as a stream', () => {
  it('reads every worksheet of an exported workbook with its name, however small its sheets (the workbook part comes last)', async () => {
    for (const count of [() => 0, () => 1, (s: TSheetName) => (s === 'people' ? 3000 : 2)]) {
      const data = await workbookBuffer(exportRows(count));
      const streamed = await readStreaming(data);
      expect(streamed.map((s) => s.name)).toEqual(SHEET_NAMES);
      expect(streamed).toEqual(await readWhole(data));

      const issues: TImportIssue[] = [];
      // An upload arrives as a Blob, which the reader opens once for each of its two passes.
      const sheets = await readSources([await sourceFromBlob('council.xlsx', new Blob([new Uint8Array(data)]))], issues);
      expect(issues).toEqual([]);
      expect([...sheets.keys()].sort()).toEqual([...SHEET_NAMES].sort());
      const people = sheets.get('people')!;
      expect(people.rows.length).toBe(count('people'));
      if (people.rows.length > 0)
        expect(people.rows.at(-1)).toEqual({
          row: count('people') + 1,
          cells: Object.fromEntries(SHEETS.people.columns.map((c) => [c, `people-${c}-${count('people')}`])),
        });
    }
  });

  it('reads what a spreadsheet holds as a whole-workbook read does: dates, rich text, formulas, numbers, blank and missing rows, names and headers', async () => {
    const workbook = new ExcelJS.Workbook();
    // A sheet whose header is wrong comes first: reading stops there and goes on to the next sheet.
    workbook.addWorksheet('contracts').addRow(['reference', 'type']);
    const people = workbook.addWorksheet('people');
    people.addRow([...SHEETS.people.columns]);
    people.addRow([
      '9990000018',
      { richText: [{ text: 'A', font: { bold: true } }, { text: 'da' }] },
      'Brown',
      new Date('1941-05-02T00:00:00Z'),
      '\'=HYPERLINK("http://x.example")',
      '',
      { formula: 'UPPER("testshire")', result: 'TESTSHIRE' },
      'TS1 2AB',
      'TS01',
      'OLDER_PEOPLE',
      1632960456,
    ]);
    people.addRow([]);
    people.getRow(6).values = ['9990000026', 'Ben', 'Green', new Date('1950-01-30T00:00:00Z'), '3 Moor Road', 'Flat 2', 'Testshire', 'TS2 9ZZ', 'TS02', '', ''];
    workbook.addWorksheet('Sheet9').addRows([[...SHEETS.hospitals.columns].reverse(), ['Testshire General', 'TGH']]);
    workbook.addWorksheet('Notes').addRows([['Read me'], ['These are the live packages']]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());

    const streamed = await readStreaming(data);
    expect(streamed.map((s) => s.name)).toEqual(['contracts', 'people', 'Sheet9', 'Notes']);
    expect(streamed).toEqual(await readWhole(data));

    const issues: TImportIssue[] = [];
    const sheets = await readSources([sourceFromBuffer('testshire.xlsx', data)], issues);
    expect([...sheets.keys()]).toEqual(['people', 'hospitals']);
    expect(sheets.get('people')!.rows).toEqual([
      {
        row: 2,
        cells: {
          nhs_number: '9990000018',
          given_name: 'Ada',
          family_name: 'Brown',
          date_of_birth: '1941-05-02',
          address_line_1: '=HYPERLINK("http://x.example")',
          address_line_2: '',
          town: 'TESTSHIRE',
          postcode: 'TS1 2AB',
          locality_code: 'TS01',
          client_group: 'OLDER_PEOPLE',
          phone: '1632960456',
        },
      },
      expect.objectContaining({ row: 6, cells: expect.objectContaining({ nhs_number: '9990000026', date_of_birth: '1950-01-30', address_line_2: 'Flat 2' }) }),
    ]);
    expect(sheets.get('hospitals')!.rows).toEqual([{ row: 2, cells: { code: 'TGH', name: 'Testshire General' } }]);
    expect(issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ...SHEETS.contracts.columns.filter((c) => c !== 'reference' && c !== 'type').map((c) => ['contracts', 1, c]),
      ['testshire.xlsx', 1, ''],
    ]);
  });

  it('refuses a file that is a zip but not a workbook, naming the file', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await expect(readSources([sourceFromBuffer('people.xlsx', broken)], [])).rejects.toThrow(
      'people.xlsx could not be read as an Excel workbook: save it again from Excel as .xlsx',
    );
  });
});
