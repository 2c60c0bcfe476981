import { parse } from 'csv-parse/sync';
import { AppError } from '@/lib/errors/app-error';
import type { TRawRow } from './actual-rows';

/** Most a provider's file may hold: a large provider's month of visits fits well within it. */
export const MAX_ACTUALS_BYTES = 20 * 1024 * 1024;

/** The rows of a CSV file of delivered care, numbered as a spreadsheet shows them (the header is row 1). */
export function readActualsCsv(text: string): TRawRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    const message = `The file is not a CSV file that can be read: ${(error as Error).message}`;
    throw new AppError('VALIDATION', message, { file: [message] });
  }
  return records.map((cells, i) => ({ row: i + 2, cells }));
}
