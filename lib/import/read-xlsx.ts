import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';

// An XLSX workbook read as a stream, worksheet by worksheet and row by row, so a large workbook
// never sits in memory whole. exceljs parses the XML; the archive is walked here, not by exceljs's
// own streaming loop (WorkbookReader.parse), which loses parts of a workbook:
// - it stops at the 'end' that unzipper's parser emits when the archive's last bytes are parsed,
//   while entries it has parsed may still wait in its queue (the parser runs ahead over small
//   entries); those are dropped. A workbook written by exceljs's streaming writer (our own export)
//   puts xl/workbook.xml and the small last worksheets there, so sheets went missing and the rest
//   lost their names;
// - it reads a worksheet as soon as the shared strings and relationships are known, even if
//   xl/workbook.xml (the sheet names) or xl/styles.xml (which numbers are dates) comes later.
// So the source is read twice: first the parts that say how to read a worksheet (relationships,
// workbook, shared strings, styles), then the worksheets, each knowing its name from the start.

export type TXlsxSheet = { name: string; records: AsyncIterable<string[]> };

type TEntry = Readable & { path: string; autodrain(): unknown };
type TWorksheetReader = AsyncIterable<ExcelJS.Row> & { name: string };
/** The parts of exceljs's WorkbookReader used here: its parsers for each part of the archive. */
type TWorkbookParts = {
  model?: { sheets?: unknown[] };
  _parseRels(entry: TEntry): Promise<void>;
  _parseWorkbook(entry: TEntry): Promise<void>;
  _parseSharedStrings(entry: TEntry): AsyncIterable<unknown>;
  _parseStyles(entry: TEntry): Promise<void>;
  _parseWorksheet(entry: TEntry, sheetNo: string): Iterable<{ value: TWorksheetReader }>;
};

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The workbook's worksheets in the order the archive holds them; read each one's records before the next. */
export async function* readXlsxSheets(open: () => Readable): AsyncGenerator<TXlsxSheet> {
  const first = open();
  // Styles are kept because they tell a date from a number; hyperlinks are not needed.
  const parts = new ExcelJS.stream.xlsx.WorkbookReader(first, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  }) as unknown as TWorkbookParts;
  const metadata = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  for await (const entry of zipEntries(first, (path) => metadata.includes(path))) {
    if (entry.path === 'xl/_rels/workbook.xml.rels') await parts._parseRels(entry);
    else if (entry.path === 'xl/workbook.xml') await parts._parseWorkbook(entry);
    else if (entry.path === 'xl/styles.xml') await parts._parseStyles(entry);
    else if (entry.path === 'xl/sharedStrings.xml') await drain(parts._parseSharedStrings(entry)[Symbol.asyncIterator]());
  }
  if (!parts.model) throw new Error('The workbook has no xl/workbook.xml');
  for await (const entry of zipEntries(open(), (path) => WORKSHEET.test(path))) {
    const sheetNo = WORKSHEET.exec(entry.path)![1];
    for (const { value: worksheet } of parts._parseWorksheet(entry, sheetNo)) {
      const rows = records(worksheet);
      // The caller may stop reading a sheet early (its header is wrong): the records it gets
      // cannot close the sheet, which is then read to its end here, so the archive moves on.
      yield { name: worksheet.name, records: { [Symbol.asyncIterator]: () => ({ next: () => rows.next() }) } };
      await drain(rows);
    }
  }
}

/** A worksheet's rows as text cells, a blank row standing in for each row the sheet leaves out. */
async function* records(worksheet: TWorksheetReader): AsyncGenerator<string[]> {
  let last = 0;
  for await (const row of worksheet) {
    const number = Number.isNaN(row.number) ? last + 1 : row.number;
    for (; last < number - 1; last++) yield [];
    last = number;
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    yield cells;
  }
}

async function drain(iterator: AsyncIterator<unknown>): Promise<void> {
  for (let next = await iterator.next(); !next.done; next = await iterator.next());
}

/** A spreadsheet cell as the text a CSV would hold. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return '';
}

/**
 * The wanted entries of a zip archive, in order; the others are skipped unread. Entries are taken
 * as unzipper announces them and queued here, and the walk ends when the parser has taken in the
 * whole archive, so none is lost however far the parser runs ahead. Each entry is drained once
 * the caller moves on.
 */
async function* zipEntries(input: Readable, wanted: (path: string) => boolean): AsyncGenerator<TEntry> {
  const zip = unzipper.Parse();
  const queue: TEntry[] = [];
  let finished = false;
  let failure: unknown = null;
  let wake = () => {};
  const fail = (error: unknown) => {
    failure ??= error;
    wake();
  };
  zip.on('entry', (entry: TEntry) => {
    // Drained at once, an entry is not even unpacked.
    if (!wanted(entry.path)) entry.autodrain();
    else {
      queue.push(entry);
      wake();
    }
  });
  zip.on('finish', () => {
    finished = true;
    wake();
  });
  zip.on('error', fail);
  input.on('error', fail);
  input.pipe(zip);
  try {
    for (;;) {
      if (failure !== null) throw failure;
      const entry = queue.shift();
      if (entry) {
        yield entry;
        entry.autodrain();
      } else if (finished) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    input.unpipe(zip);
    input.destroy();
    for (const entry of queue) entry.autodrain();
  }
}
