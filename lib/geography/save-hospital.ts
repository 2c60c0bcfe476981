import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { MAX_HOSPITALS, ZDeleteHospitalSchema, ZSaveHospitalSchema, type TSaveHospital } from './geography-schema';

/**
 * Adds or renames a hospital the council takes discharges from. The placement engine tells at most
 * two hospitals apart (scenario-from-db's labels), so a third is refused rather than left unmatched.
 */
export async function saveHospital(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TSaveHospital,
  ip: string | null = null,
): Promise<{ hospitalId: string }> {
  const { councilId } = actor;
  const { hospitalId, ...fields } = parseOrThrow(ZSaveHospitalSchema, input);
  return prisma.$transaction(async (tx) => {
    const same = await tx.hospital.findUnique({ where: { councilId_code: { councilId, code: fields.code } }, select: { id: true } });
    if (same && same.id !== hospitalId)
      throw new AppError('VALIDATION', 'Check the highlighted fields.', { code: [`Another hospital already has the code ${fields.code}`] });
    let id = hospitalId;
    if (id) {
      const { count } = await tx.hospital.updateMany({ where: { councilId, id }, data: fields });
      if (count === 0) throw new AppError('NOT_FOUND', 'That hospital is not one of your council’s.');
    } else {
      // Counted under a lock on the council's row, so two adds at once cannot make a third.
      await tx.$queryRaw`SELECT 1 FROM "Council" WHERE "id" = ${councilId}::uuid FOR UPDATE`;
      if ((await tx.hospital.count({ where: { councilId } })) >= MAX_HOSPITALS) {
        throw new AppError('VALIDATION', 'Check the highlighted fields.', {
          code: [`Your council already has ${MAX_HOSPITALS} hospitals, the most the placement engine can tell apart. Rename one instead.`],
        });
      }
      id = (await tx.hospital.create({ data: { councilId, ...fields }, select: { id: true } })).id;
    }
    await recordAudit(tx, actor, { action: hospitalId ? 'hospital.updated' : 'hospital.created', entityType: 'Hospital', entityId: id, ip, details: fields });
    return { hospitalId: id };
  });
}

/** Deletes a hospital nothing refers to; one with discharge contracts or packages is refused, saying which. */
export async function deleteHospital(prisma: PrismaClient, actor: TCouncilActor, input: { hospitalId: string }, ip: string | null = null): Promise<void> {
  const { councilId } = actor;
  const { hospitalId } = parseOrThrow(ZDeleteHospitalSchema, input);
  await prisma.$transaction(async (tx) => {
    const hospital = await tx.hospital.findUnique({
      where: { councilId_id: { councilId, id: hospitalId } },
      select: { name: true, _count: { select: { contracts: true, packages: true } } },
    });
    if (!hospital) throw new AppError('NOT_FOUND', 'That hospital is not one of your council’s.');
    const { contracts, packages } = hospital._count;
    const uses = [
      contracts && `${contracts} discharge contract${contracts === 1 ? ' is' : 's are'} for it`,
      packages && `${packages} package${packages === 1 ? ' comes' : 's come'} from it`,
    ].filter(Boolean);
    if (uses.length) throw new AppError('CONFLICT', `${hospital.name} cannot be deleted: ${uses.join(', ')}.`);
    await tx.hospital.delete({ where: { councilId_id: { councilId, id: hospitalId } } });
    await recordAudit(tx, actor, { action: 'hospital.deleted', entityType: 'Hospital', entityId: hospitalId, ip, details: { name: hospital.name } });
  });
}
