import 'server-only';
import { PassThrough, Readable } from 'node:stream';
import type { PrismaClient } from '@prisma/client';
import { csvResponse } from '@/lib/csv/csv-file';
import { AppError } from '@/lib/errors/app-error';
import { exportSheet, sheetCsv, templateRows, writeWorkbook } from './export-council-data';
import { isSheetName, type TSheetName } from './sheets';

// The files the admin downloads: the council's data or the blank templates, as one XLSX workbook
// (streamed as it is written) or one CSV per sheet. The CSVs carry no header comment lines: they
// are read back by the importer as they are.

const headers = (filename: string, type: string) => ({
  'content-type': type,
  'content-disposition': `attachment; filename="${filename}"`,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `file` is "<sheet>.csv" or "<anything>.xlsx"; rows come from `rowsOf`. */
function download(file: string, prefix: string, rowsOf: (sheet: TSheetName) => Promise<string[][]>): Promise<Response> | Response {
  if (file.endsWith('.xlsx')) {
    const out = new PassThrough();
    writeWorkbook(out, rowsOf).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    return new Response(Readable.toWeb(out) as ReadableStream, { headers: headers(`${prefix}.xlsx`, XLSX) });
  }
  const sheet = file.replace(/\.csv$/, '');
  if (!file.endsWith('.csv') || !isSheetName(sheet)) throw new AppError('NOT_FOUND');
  return rowsOf(sheet).then((rows) => csvResponse(`${prefix}-${sheet}.csv`, sheetCsv(sheet, rows)));
}

export async function exportDownload(db: PrismaClient, councilId: string, file: string): Promise<Response> {
  const { code } = await db.council.findUniqueOrThrow({ where: { id: councilId }, select: { code: true } });
  return download(file, `${code.toLowerCase()}-data`, (sheet) => exportSheet(db, councilId, sheet));
}

export function templateDownload(file: string) {
  return download(file, 'homefirst-template', async (sheet) => templateRows(sheet));
}
