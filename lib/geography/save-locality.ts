import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZDeleteLocalitySchema, ZSaveLocalitySchema, type TSaveLocality } from './geography-schema';

const invalid = (fieldErrors: Record<string, string[]>) => new AppError('VALIDATION', 'Check the highlighted fields.', fieldErrors);

/** Ids among `wanted` that are not rows of the council's `table`. */
async function foreign(tx: Prisma.TransactionClient, table: 'ward' | 'locality', councilId: string, wanted: string[]): Promise<boolean> {
  if (wanted.length === 0) return false;
  const where = { councilId, id: { in: wanted } };
  const found = table === 'ward' ? await tx.ward.count({ where }) : await tx.locality.count({ where });
  return found !== new Set(wanted).size;
}

/**
 * Adds or changes a locality with its wards, neighbours and postcode districts, in one
 * transaction. The engine reads localities afresh for each ranking, so a change applies to the
 * next one; offers already made keep the tier and reasons they were made with.
 */
export async function saveLocality(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TSaveLocality,
  ip: string | null = null,
): Promise<{ localityId: string }> {
  const { councilId } = actor;
  const { localityId, wardIds, neighbourIds, districts, ...fields } = parseOrThrow(ZSaveLocalitySchema, input);
  return prisma.$transaction(async (tx) => {
    const errors: Record<string, string[]> = {};
    const sameCode = await tx.locality.findUnique({ where: { councilId_code: { councilId, code: fields.code } }, select: { id: true } });
    if (sameCode && sameCode.id !== localityId) errors.code = [`Another locality already has the code ${fields.code}`];
    if (localityId && neighbourIds.includes(localityId)) errors.neighbourIds = ['A locality cannot be its own neighbour'];
    else if (await foreign(tx, 'locality', councilId, neighbourIds)) errors.neighbourIds = ['Choose neighbours from your council’s localities'];
    if (await foreign(tx, 'ward', councilId, wardIds)) errors.wardIds = ['Choose wards from your council’s wards'];
    const unique = [...new Set(districts)];
    const taken = await tx.postcodeDistrict.findMany({
      where: { councilId, code: { in: unique }, ...(localityId ? { localityId: { not: localityId } } : {}) },
      select: { code: true, locality: { select: { name: true } } },
    });
    if (taken.length) errors.districts = taken.map((t) => `${t.code} is already in ${t.locality.name}`);
    if (Object.keys(errors).length) throw invalid(errors);

    let id: string;
    if (localityId) {
      const { count } = await tx.locality.updateMany({ where: { councilId, id: localityId }, data: fields });
      if (count === 0) throw new AppError('NOT_FOUND', 'That locality is not one of your council’s.');
      id = localityId;
      await tx.localityWard.deleteMany({ where: { councilId, localityId } });
      await tx.localityNeighbour.deleteMany({ where: { councilId, localityId } });
      await tx.postcodeDistrict.deleteMany({ where: { councilId, localityId } });
    } else {
      id = (await tx.locality.create({ data: { councilId, ...fields }, select: { id: true } })).id;
    }
    await tx.localityWard.createMany({ data: [...new Set(wardIds)].map((wardId) => ({ councilId, localityId: id, wardId })) });
    await tx.localityNeighbour.createMany({ data: [...new Set(neighbourIds)].map((neighbourId) => ({ councilId, localityId: id, neighbourId })) });
    await tx.postcodeDistrict.createMany({ data: unique.map((code) => ({ councilId, code, localityId: id })) });
    await recordAudit(tx, actor, {
      action: localityId ? 'locality.updated' : 'locality.created',
      entityType: 'Locality',
      entityId: id,
      ip,
      details: { ...fields, wards: wardIds.length, neighbours: neighbourIds, districts: unique },
    });
    return { localityId: id };
  });
}

/**
 * Deletes a locality that nothing depends on. One with people, packages, contracts or declared
 * capacity is refused, saying which: those records would lose where they are.
 */
export async function deleteLocality(prisma: PrismaClient, actor: TCouncilActor, input: { localityId: string }, ip: string | null = null): Promise<void> {
  const { councilId } = actor;
  const { localityId } = parseOrThrow(ZDeleteLocalitySchema, input);
  await prisma.$transaction(async (tx) => {
    const locality = await tx.locality.findUnique({
      where: { councilId_id: { councilId, id: localityId } },
      select: { name: true, _count: { select: { people: true, packages: true, contracts: true, capacity: true } } },
    });
    if (!locality) throw new AppError('NOT_FOUND', 'That locality is not one of your council’s.');
    const { people, packages, contracts, capacity } = locality._count;
    const uses = [
      people && `${people} ${people === 1 ? 'person lives' : 'people live'} there`,
      packages && `${packages} package${packages === 1 ? ' is' : 's are'} for it`,
      contracts && `${contracts} contract${contracts === 1 ? ' covers' : 's cover'} it`,
      capacity && 'providers have declared capacity in it',
    ].filter(Boolean);
    if (uses.length) throw new AppError('CONFLICT', `${locality.name} cannot be deleted: ${uses.join(', ')}.`);
    await tx.locality.delete({ where: { councilId_id: { councilId, id: localityId } } });
    await recordAudit(tx, actor, { action: 'locality.deleted', entityType: 'Locality', entityId: localityId, ip, details: { name: locality.name } });
  });
}
