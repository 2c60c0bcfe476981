import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { contractDraftErrors, type TContractDraft } from '@/lib/domain/contract-rules';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZVaryContractSchema } from './contract-schema';
import { councilLocalities, dayColumn, isoDay, loadRegister, lockRegister, refuseIfAny } from './register';

/**
 * Varies what a contract covers and when: its reference, hospital, localities and target shares,
 * first and last day. Its provider, type, person and starting rate stay; a new rate is a dated
 * rate (add-contract-rate.ts). Checked by the shared rules under the register's lock, written in
 * one transaction and audited with what it was before.
 */
export async function varyContract(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZVaryContractSchema>,
  ip: string | null = null,
): Promise<{ reference: string }> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZVaryContractSchema, input);
  return prisma.$transaction(async (tx) => {
    await lockRegister(tx, councilId);
    const register = await loadRegister(tx, councilId);
    const before = register.find((c) => c.id === parsed.contractId);
    if (!before) throw new AppError('NOT_FOUND', 'That contract is not in your council’s register.');
    const current = await tx.contract.findUniqueOrThrow({ where: { councilId_id: { councilId, id: before.id } }, select: { hourlyRate: true } });

    const errors: Record<string, string | undefined> = {};
    const { unknown } = await councilLocalities(tx, councilId, parsed.localityIds);
    if (unknown.length > 0) errors.localityIds = `${unknown.length === 1 ? 'A locality is' : `${unknown.length} localities are`} not one of your council’s`;
    if (parsed.hospitalId && !(await tx.hospital.findFirst({ where: { councilId, id: parsed.hospitalId }, select: { id: true } })))
      errors.hospitalId = 'Choose one of your council’s hospitals';
    const draft: TContractDraft = {
      reference: parsed.reference,
      providerId: before.providerId,
      type: before.type,
      hospitalId: parsed.hospitalId,
      personId: before.personId,
      localityIds: parsed.localityIds,
      hourlyRate: Number(current.hourlyRate),
      validFrom: parsed.validFrom,
      validTo: parsed.validTo,
      targetShares: parsed.targetShares,
    };
    const earliestRate = await tx.contractRate.findFirst({
      where: { councilId, contractId: before.id },
      orderBy: { validFrom: 'asc' },
      select: { validFrom: true },
    });
    if (earliestRate && isoDay(earliestRate.validFrom) < draft.validFrom)
      errors.validFrom = `The contract has a rate from ${isoDay(earliestRate.validFrom)}, so it cannot start after that day`;
    refuseIfAny({ ...contractDraftErrors(draft, register, before.id), ...errors });

    await tx.contract.update({
      where: { councilId_id: { councilId, id: before.id } },
      data: {
        reference: draft.reference,
        hospitalId: draft.hospitalId,
        validFrom: dayColumn(draft.validFrom),
        validTo: draft.validTo ? dayColumn(draft.validTo) : null,
      },
    });
    await tx.contractLocality.deleteMany({ where: { councilId, contractId: before.id } });
    await tx.contractLocality.createMany({
      data: draft.localityIds.map((localityId) => ({ councilId, contractId: before.id, localityId, targetShare: draft.targetShares[localityId] ?? null })),
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'contract.varied',
      entityType: 'Contract',
      entityId: before.id,
      ip,
      details: {
        reason: parsed.reason,
        before: { ...before, targetShares: before.targetShares ?? {} },
        after: {
          reference: draft.reference,
          hospitalId: draft.hospitalId,
          localityIds: draft.localityIds,
          validFrom: draft.validFrom,
          validTo: draft.validTo,
          targetShares: draft.targetShares,
        },
      },
    });
    return { reference: draft.reference };
  });
}
