import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZDeleteStepAreaSchema, ZSaveStepAreaSchema, type TSaveStepArea } from './geography-schema';

/** Adds or changes a STEP area and the localities it groups, in one transaction. */
export async function saveStepArea(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TSaveStepArea,
  ip: string | null = null,
): Promise<{ stepAreaId: string }> {
  const { councilId } = actor;
  const { stepAreaId, localityIds, ...fields } = parseOrThrow(ZSaveStepAreaSchema, input);
  const localities = [...new Set(localityIds)];
  return prisma.$transaction(async (tx) => {
    const errors: Record<string, string[]> = {};
    const same = await tx.stepArea.findUnique({ where: { councilId_code: { councilId, code: fields.code } }, select: { id: true } });
    if (same && same.id !== stepAreaId) errors.code = [`Another STEP area already has the code ${fields.code}`];
    if ((await tx.locality.count({ where: { councilId, id: { in: localities } } })) !== localities.length) {
      errors.localityIds = ['Choose localities from your council’s localities'];
    }
    if (Object.keys(errors).length) throw new AppError('VALIDATION', 'Check the highlighted fields.', errors);
    let id = stepAreaId;
    if (id) {
      const { count } = await tx.stepArea.updateMany({ where: { councilId, id }, data: fields });
      if (count === 0) throw new AppError('NOT_FOUND', 'That STEP area is not one of your council’s.');
      await tx.stepAreaLocality.deleteMany({ where: { councilId, stepAreaId: id } });
    } else {
      id = (await tx.stepArea.create({ data: { councilId, ...fields }, select: { id: true } })).id;
    }
    await tx.stepAreaLocality.createMany({ data: localities.map((localityId) => ({ councilId, stepAreaId: id, localityId })) });
    await recordAudit(tx, actor, {
      action: stepAreaId ? 'step-area.updated' : 'step-area.created',
      entityType: 'StepArea',
      entityId: id,
      ip,
      details: { ...fields, localities },
    });
    return { stepAreaId: id };
  });
}

/** Deletes a STEP area (its localities stay; contracts name their localities themselves). */
export async function deleteStepArea(prisma: PrismaClient, actor: TCouncilActor, input: { stepAreaId: string }, ip: string | null = null): Promise<void> {
  const { councilId } = actor;
  const { stepAreaId } = parseOrThrow(ZDeleteStepAreaSchema, input);
  await prisma.$transaction(async (tx) => {
    const deleted = await tx.stepArea.deleteMany({ where: { councilId, id: stepAreaId } });
    if (deleted.count === 0) throw new AppError('NOT_FOUND', 'That STEP area is not one of your council’s.');
    await recordAudit(tx, actor, { action: 'step-area.deleted', entityType: 'StepArea', entityId: stepAreaId, ip });
  });
}
