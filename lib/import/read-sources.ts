import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { readXlsxSheets } from './read-xlsx';
import { isSheetName, optionalColumns, sheetOfFileName, SHEETS, unguardFormula, type TSheetName } from './sheets';

// Reading uploaded files as rows, streaming: a CSV through csv-parse, an XLSX worksheet by worksheet
// (read-xlsx.ts), so a large file never sits in memory whole. What a file is comes from its content
// (an XLSX is a zip; a CSV is UTF-8 text), and the name must agree.

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type TImportSource = { name: string; size: number; head: Buffer; open: () => Readable };

export type TSheetRow = { row: number; cells: Record<string, string> };
export type TSheetData = { sheet: TSheetName; file: string; rows: TSheetRow[] };
export type TImportIssue = { sheet: string; row: number; column: string; message: string };

export class ImportRefused extends Error {
  override name = 'ImportRefused';
}

const HEAD_BYTES = 8192;

export function sourceFromPath(file: string): TImportSource {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return { name: path.basename(file), size, head, open: () => fs.createReadStream(file) };
}

export async function sourceFromBlob(name: string, blob: Blob): Promise<TImportSource> {
  const head = Buffer.from(await blob.slice(0, HEAD_BYTES).arrayBuffer());
  return { name, size: blob.size, head, open: () => Readable.fromWeb(blob.stream() as Parameters<typeof Readable.fromWeb>[0]) };
}

export function sourceFromBuffer(name: string, data: Buffer): TImportSource {
  return { name, size: data.length, head: data.subarray(0, HEAD_BYTES), open: () => Readable.from([data]) };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function kindOf(source: TImportSource): 'csv' | 'xlsx' {
  const ext = path.extname(source.name).toLowerCase();
  const isZip = source.head.subarray(0, 4).equals(ZIP_MAGIC);
  if (ext === '.xlsx' && isZip) return 'xlsx';
  if (ext === '.csv' && !isZip && looksLikeText(source.head)) return 'csv';
  throw new ImportRefused(`${source.name} is not a CSV or XLSX file: upload a .csv file of text or an Excel .xlsx workbook`);
}

function looksLikeText(head: Buffer): boolean {
  // The head may end inside a multi-byte character: decode only up to the last full one.
  let end = head.length;
  while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}

/** Refuses what cannot be imported at all: too large, or not CSV/XLSX. */
export function checkSources(sources: readonly TImportSource[]): void {
  if (sources.length === 0) throw new ImportRefused('Choose a CSV or XLSX file to import');
  const total = sources.reduce((sum, s) => sum + s.size, 0);
  if (total > MAX_IMPORT_BYTES) throw new ImportRefused('The file is larger than 50 MB: split it into smaller files');
  for (const s of sources) kindOf(s);
}

/** Every sheet in the sources, with header problems reported as issues on row 1. */
export async function readSources(sources: readonly TImportSource[], issues: TImportIssue[]): Promise<Map<TSheetName, TSheetData>> {
  checkSources(sources);
  const sheets = new Map<TSheetName, TSheetData>();
  for (const source of sources) {
    const found = kindOf(source) === 'xlsx' ? readXlsx(source) : [await readCsv(source)];
    for await (const { name, records } of found) {
      const data = await toRows(name !== null && isSheetName(name) ? name : null, name ?? source.name, records, issues);
      if (data === null) continue;
      if (sheets.has(data.sheet))
        issues.push({ sheet: data.sheet, row: 1, column: '', message: `The ${data.sheet} sheet is given twice: give each sheet once` });
      else sheets.set(data.sheet, data);
    }
  }
  return sheets;
}

type TRawSheet = { name: string | null; records: AsyncIterable<string[]> | Iterable<string[]> };

async function readCsv(source: TImportSource): Promise<TRawSheet> {
  const parser = source.open().pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  return { name: sheetOfFileName(source.name), records: parser as AsyncIterable<string[]> };
}

async function* readXlsx(source: TImportSource): AsyncGenerator<TRawSheet> {
  const refuse = (error: unknown) =>
    error instanceof ImportRefused ? error : new ImportRefused(`${source.name} could not be read as an Excel workbook: save it again from Excel as .xlsx`);
  try {
    for await (const { name, records } of readXlsxSheets(source.open)) yield { name: isSheetName(name) ? name : null, records: refusing(records, refuse) };
  } catch (error) {
    throw refuse(error);
  }
}

/** The records, with a failure to read them turned into a refusal of the file. */
async function* refusing<T>(records: AsyncIterable<T>, refuse: (error: unknown) => Error): AsyncGenerator<T> {
  try {
    yield* records;
  } catch (error) {
    throw refuse(error);
  }
}

/** The sheet whose columns are exactly these (each sheet's set of columns is its own). */
function sheetOfHeader(header: readonly string[]): TSheetName | null {
  const given = header
    .filter((h) => h !== '')
    .sort()
    .join(',');
  return (
    (Object.keys(SHEETS) as TSheetName[]).find((name) => {
      const all: readonly string[] = SHEETS[name].columns;
      const required = all.filter((c) => !optionalColumns(name).includes(c));
      return [...all].sort().join(',') === given || [...required].sort().join(',') === given;
    }) ?? null
  );
}

/**
 * A sheet's rows by column name. The sheet is the one named (worksheet or file name), else the one
 * whose columns the header holds; the header must hold exactly the sheet's columns, in any order.
 */
async function toRows(named: TSheetName | null, label: string, records: TRawSheet['records'], issues: TImportIssue[]): Promise<TSheetData | null> {
  let header: string[] | null = null;
  let sheet: TSheetName | null = named;
  const rows: TSheetRow[] = [];
  let line = 0;
  try {
    for await (const record of records) {
      line++;
      if (header === null) {
        header = record.map((h) => h.trim().toLowerCase());
        sheet ??= sheetOfHeader(header);
        if (sheet === null) {
          issues.push({ sheet: label, row: 1, column: '', message: `Unknown sheet: name it one of ${Object.keys(SHEETS).join(', ')}` });
          return null;
        }
        const expected: readonly string[] = SHEETS[sheet].columns;
        const missing = expected.filter((c) => !header!.includes(c) && !optionalColumns(sheet!).includes(c));
        const unknown = header.filter((c) => c !== '' && !expected.includes(c));
        for (const c of missing) issues.push({ sheet, row: 1, column: c, message: `The column ${c} is missing` });
        for (const c of unknown) issues.push({ sheet, row: 1, column: c, message: `Unknown column ${c}: the ${sheet} columns are ${expected.join(', ')}` });
        if (missing.length > 0 || unknown.length > 0) return null;
        continue;
      }
      if (record.every((v) => v.trim() === '')) continue;
      const cells: Record<string, string> = {};
      header.forEach((c, i) => {
        if (c !== '') cells[c] = unguardFormula(record[i] ?? '').trim();
      });
      rows.push({ row: line, cells });
    }
  } catch (error) {
    // csv-parse stops at text that is not CSV (a stray quote, say): report where, read no further.
    if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_'))) throw error;
    const at = (error as { lines?: number }).lines ?? line + 1;
    issues.push({ sheet: sheet ?? label, row: at, column: '', message: `This row is not valid CSV (${error.message})` });
    return null;
  }
  if (sheet === null) return null;
  return { sheet, file: label, rows };
}
