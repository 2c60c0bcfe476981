import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { parse } from 'csv-parse';
import type { CqcRating } from '@prisma/client';
import { AppError } from '@/lib/errors/app-error';

// CQC's public care-directory ratings file, as CSV: one row per location × service or population
// group × key question ("Domain"). A location's overall rating is its row whose Domain and
// Service / Population Group are both "Overall". Everything else in the file is ignored.

export const CQC_FILE_MAX_BYTES = 50 * 1024 * 1024;

export const CQC_COLUMNS = {
  locationId: 'Location ID',
  locationName: 'Location Name',
  group: 'Service / Population Group',
  domain: 'Domain',
  rating: 'Latest Rating',
  published: 'Publication Date',
} as const;

const REQUIRED = [CQC_COLUMNS.locationId, CQC_COLUMNS.group, CQC_COLUMNS.domain, CQC_COLUMNS.rating, CQC_COLUMNS.published];

const RATING_WORDS: Record<string, CqcRating> = {
  outstanding: 'OUTSTANDING',
  good: 'GOOD',
  'requires improvement': 'REQUIRES_IMPROVEMENT',
  inadequate: 'INADEQUATE',
  'insufficient evidence to rate': 'NOT_RATED',
  'not rated': 'NOT_RATED',
};

export type TCqcOverall = { locationId: string; locationName: string; rating: CqcRating; ratedOn: string; line: number };
export type TCqcFileProblem = { line: number; problem: string };
export type TCqcFile = { overall: Map<string, TCqcOverall>; rows: number; problems: TCqcFileProblem[] };

/** The uploaded file's parts this needs: what a browser's File (and a Blob with a name) has. */
export type TUploadedFile = { name: string; size: number; type?: string; stream(): ReadableStream<Uint8Array> };

const fileError = (message: string) => new AppError('VALIDATION', message, { file: [message] });

/** "12/03/2025" (day/month/year, as CQC writes it) as "2025-03-12", or null when it is no such day. */
export function cqcDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads the overall rating of each location from the file, streaming it through csv-parse, so a
 * 50 MB file is never held as one string. Refuses a file that is not CSV, too big, or lacks the
 * columns needed; a row that cannot be read is reported with its line, not guessed at.
 */
export async function readCqcFile(file: TUploadedFile): Promise<TCqcFile> {
  if (!/\.csv$/i.test(file.name)) throw fileError(`“${file.name}” is not a CSV file. Upload CQC’s ratings file saved as CSV (.csv).`);
  if (file.size === 0) throw fileError('The file is empty. Upload CQC’s ratings file saved as CSV.');
  if (file.size > CQC_FILE_MAX_BYTES) throw fileError('The file is larger than 50 MB. Upload CQC’s ratings file as published, saved as CSV.');

  const overall = new Map<string, TCqcOverall>();
  const problems: TCqcFileProblem[] = [];
  let rows = 0;
  let missing: string[] | null = null;
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    columns: (header: string[]) => {
      missing = REQUIRED.filter((c) => !header.includes(c));
      if (missing.length) throw new Error('missing columns');
      return header;
    },
  });
  Readable.fromWeb(file.stream() as NodeReadableStream<Uint8Array>).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      rows++;
      if (record[CQC_COLUMNS.domain] !== 'Overall' || record[CQC_COLUMNS.group] !== 'Overall') continue;
      const line = info.lines;
      const locationId = record[CQC_COLUMNS.locationId];
      const rating = RATING_WORDS[(record[CQC_COLUMNS.rating] ?? '').toLowerCase()];
      const ratedOn = cqcDate(record[CQC_COLUMNS.published] ?? '');
      if (!locationId) problems.push({ line, problem: 'No location ID' });
      else if (!rating) problems.push({ line, problem: `“${record[CQC_COLUMNS.rating] ?? ''}” is not a CQC rating` });
      else if (!ratedOn) problems.push({ line, problem: `“${record[CQC_COLUMNS.published] ?? ''}” is not a date like 12/03/2025` });
      else {
        const known = overall.get(locationId);
        // A location listed twice: its latest publication stands.
        if (!known || known.ratedOn < ratedOn)
          overall.set(locationId, { locationId, locationName: record[CQC_COLUMNS.locationName] ?? '', rating, ratedOn, line });
      }
    }
  } catch (error) {
    if (missing !== null && (missing as string[]).length) {
      throw fileError(
        `The file lacks the column${(missing as string[]).length > 1 ? 's' : ''} ${(missing as string[]).map((c) => `“${c}”`).join(', ')}. Upload CQC’s care-directory ratings file.`,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    throw fileError(`The file could not be read as CSV (${message}). Upload CQC’s ratings file saved as CSV.`);
  }
  if (missing === null) throw fileError('The file has no header row. Upload CQC’s care-directory ratings file.');
  return { overall, rows, problems };
}
