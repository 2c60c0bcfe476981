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

/** A provider's upload: the CSV file (form field "file") and whether to apply it (mode=apply) or only check it. */
export async function readActualsUpload(request: Request): Promise<{ fileName: string; rows: TRawRow[]; apply: boolean }> {
  const length = Number(request.headers.get('content-length') ?? 0);
  const tooLarge = 'The file is larger than 20 MB: send a week or a month at a time';
  if (length > MAX_ACTUALS_BYTES + 64 * 1024) throw new AppError('VALIDATION', tooLarge, { file: [tooLarge] });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError('VALIDATION', 'Send the file as a form upload', { file: ['Send the file as a form upload'] });
  }
  const file = form.get('file');
  if (!file || typeof file === 'string' || file.size === 0)
    throw new AppError('VALIDATION', 'Choose a CSV file of delivered care', { file: ['Choose a CSV file of delivered care'] });
  if (file.size > MAX_ACTUALS_BYTES) throw new AppError('VALIDATION', tooLarge, { file: [tooLarge] });
  return { fileName: file.name, rows: readActualsCsv(await file.text()), apply: form.get('mode') === 'apply' };
}
