import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { contractDraftErrors, type TContractDraft } from '@/lib/domain/contract-rules';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZCreateContractSchema } from './contract-schema';
import { councilLocalities, dayColumn, loadRegister, lockRegister, refuseIfAny } from './register';

/**
 * Registers a contract: checks the provider is on the council's register, the localities (or the
 * STEP area filling them), hospital and person are the council's, and the shared contract rules
 * (lib/domain/contract-rules.ts) against the council's other contracts, all under the register's
 * lock in one transaction; then writes it with its localities and target shares and audits it.
 */
export async function createContract(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZCreateContractSchema>,
  now: Date = new Date(),
  ip: string | null = null,
): Promise<{ id: string; reference: string }> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZCreateContractSchema, input);
  return prisma.$transaction(async (tx) => {
    await lockRegister(tx, councilId);
    const errors: Record<string, string | undefined> = {};

    const registered = await tx.councilProvider.findUnique({
      where: { councilId_providerId: { councilId, providerId: parsed.providerId } },
      select: { status: true },
    });
    if (!registered) errors.providerId = 'Choose a provider on your council’s register';

    const localityIds = new Set(parsed.localityIds);
    if (parsed.stepAreaId) {
      if (parsed.type !== 'STEP') errors.stepAreaId = 'Only a STEP contract is filled from a STEP area';
      const area = await tx.stepArea.findFirst({ where: { councilId, id: parsed.stepAreaId }, select: { localities: { select: { localityId: true } } } });
      if (!area) errors.stepAreaId = 'Choose one of your council’s STEP areas';
      else area.localities.forEach((l) => localityIds.add(l.localityId));
    }
    const { unknown } = await councilLocalities(tx, councilId, [...localityIds]);
    if (unknown.length > 0) errors.localityIds = `${unknown.length === 1 ? 'A locality is' : `${unknown.length} localities are`} not one of your council’s`;
    else if (localityIds.size === 0) errors.localityIds = 'Choose at least one locality';

    if (parsed.hospitalId && !(await tx.hospital.findFirst({ where: { councilId, id: parsed.hospitalId }, select: { id: true } })))
      errors.hospitalId = 'Choose one of your council’s hospitals';
    let personId: string | null = null;
    if (parsed.personNhsNumber) {
      const person = await tx.person.findFirst({ where: { councilId, nhsNumber: parsed.personNhsNumber }, select: { id: true } });
      if (person) personId = person.id;
      else errors.personNhsNumber = `No one with NHS number ${parsed.personNhsNumber} is in your council’s records`;
    }

    const draft: TContractDraft = {
      reference: parsed.reference,
      providerId: parsed.providerId,
      type: parsed.type,
      hospitalId: parsed.hospitalId,
      personId,
      localityIds: [...localityIds],
      hourlyRate: parsed.hourlyRate,
      validFrom: parsed.validFrom,
      validTo: parsed.validTo,
      targetShares: parsed.targetShares,
    };
    const { personId: personError, ...rules } = contractDraftErrors(draft, await loadRegister(tx, councilId));
    // The form names the person by NHS number.
    refuseIfAny({ ...rules, ...errors, personNhsNumber: errors.personNhsNumber ?? personError });

    const contract = await tx.contract.create({
      data: {
        councilId,
        reference: draft.reference,
        providerId: draft.providerId,
        type: draft.type,
        hospitalId: draft.hospitalId,
        personId: draft.personId,
        hourlyRate: draft.hourlyRate,
        validFrom: dayColumn(draft.validFrom),
        validTo: draft.validTo ? dayColumn(draft.validTo) : null,
        createdAt: now,
        localities: { create: draft.localityIds.map((localityId) => ({ localityId, targetShare: draft.targetShares[localityId] ?? null })) },
      },
      select: { id: true, reference: true },
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'contract.created',
      entityType: 'Contract',
      entityId: contract.id,
      ip,
      details: { ...draft, stepAreaId: parsed.stepAreaId },
    });
    return contract;
  });
}
