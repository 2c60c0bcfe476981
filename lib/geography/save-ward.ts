import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZDeleteWardSchema, ZSaveWardSchema, type TSaveWard } from './geography-schema';

/** Adds or changes one of the council's wards (name unique within the council). */
export async function saveWard(prisma: PrismaClient, actor: TCouncilActor, input: TSaveWard, ip: string | null = null): Promise<{ wardId: string }> {
  const { councilId } = actor;
  const { wardId, ...fields } = parseOrThrow(ZSaveWardSchema, input);
  return prisma.$transaction(async (tx) => {
    const same = await tx.ward.findUnique({ where: { councilId_name: { councilId, name: fields.name } }, select: { id: true } });
    if (same && same.id !== wardId)
      throw new AppError('VALIDATION', 'Check the highlighted fields.', { name: [`There is already a ward called ${fields.name}`] });
    let id = wardId;
    if (id) {
      const { count } = await tx.ward.updateMany({ where: { councilId, id }, data: fields });
      if (count === 0) throw new AppError('NOT_FOUND', 'That ward is not one of your council’s.');
    } else {
      id = (await tx.ward.create({ data: { councilId, ...fields }, select: { id: true } })).id;
    }
    await recordAudit(tx, actor, { action: wardId ? 'ward.updated' : 'ward.created', entityType: 'Ward', entityId: id, ip, details: fields });
    return { wardId: id };
  });
}

/** Deletes a ward; the localities built from it simply no longer list it. */
export async function deleteWard(prisma: PrismaClient, actor: TCouncilActor, input: { wardId: string }, ip: string | null = null): Promise<void> {
  const { councilId } = actor;
  const { wardId } = parseOrThrow(ZDeleteWardSchema, input);
  await prisma.$transaction(async (tx) => {
    const deleted = await tx.ward.deleteMany({ where: { councilId, id: wardId } });
    if (deleted.count === 0) throw new AppError('NOT_FOUND', 'That ward is not one of your council’s.');
    await recordAudit(tx, actor, { action: 'ward.deleted', entityType: 'Ward', entityId: wardId, ip });
  });
}
