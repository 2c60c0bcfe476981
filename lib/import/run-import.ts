import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { importCouncilData, type TImportReport } from './import-council-data';
import { ImportRefused, MAX_IMPORT_BYTES, sourceFromBlob, type TImportSource } from './read-sources';

// The admin's import, from an upload: the request body is read through a counter that stops at
// the limit, so an oversized upload is refused before it is all received; the import itself is
// lib/import/import-council-data.ts, audited once when it changes anything.

// Room for the multipart framing around the files themselves.
const FORM_OVERHEAD = 64 * 1024;
const TOO_LARGE = 'The file is larger than 50 MB: split it into smaller files';

export type TUpload = { apply: boolean; sources: TImportSource[] };

export async function readUpload(request: Request): Promise<TUpload> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_IMPORT_BYTES + FORM_OVERHEAD) throw new AppError('VALIDATION', TOO_LARGE, { file: [TOO_LARGE] });
  if (!request.body) throw new AppError('VALIDATION', 'Choose a CSV or XLSX file to import', { file: ['Choose a CSV or XLSX file to import'] });
  let seen = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > MAX_IMPORT_BYTES + FORM_OVERHEAD) controller.error(new ImportRefused(TOO_LARGE));
        else controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(limited, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch (error) {
    const message = error instanceof ImportRefused || seen > MAX_IMPORT_BYTES ? TOO_LARGE : 'Send the files as a form upload';
    throw new AppError('VALIDATION', message, { file: [message] });
  }
  const files = form.getAll('file').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  return { apply: form.get('mode') === 'apply', sources: await Promise.all(files.map((f) => sourceFromBlob(f.name, f))) };
}

export async function runImport(db: PrismaClient, actor: TCouncilActor, upload: TUpload, ip: string | null): Promise<TImportReport> {
  try {
    return await importCouncilData(db, upload.sources, {
      councilId: actor.councilId,
      apply: upload.apply,
      onApplied: (tx, report) =>
        recordAudit(tx, actor, {
          action: 'data.import',
          entityType: 'Council',
          entityId: actor.councilId,
          details: { files: report.files, summary: report.summary },
          ip,
        }),
    });
  } catch (error) {
    if (error instanceof ImportRefused) throw new AppError('VALIDATION', error.message, { file: [error.message] });
    throw error;
  }
}
