import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZEndContractSchema } from './contract-schema';
import { dayColumn, isoDay, lockRegister, refuseIfAny } from './register';

/**
 * Ends a contract after `lastDay`, with a reason: it is in force through that day and offers
 * nothing after it. Packages placed under it stay where they are until they are moved (a
 * re-tender, retender-contract.ts). Audited with the last day it had before.
 */
export async function endContract(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZEndContractSchema>,
  ip: string | null = null,
): Promise<{ reference: string; lastDay: string }> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZEndContractSchema, input);
  return prisma.$transaction(async (tx) => {
    await lockRegister(tx, councilId);
    const contract = await tx.contract.findFirst({
      where: { councilId, id: parsed.contractId },
      select: { id: true, reference: true, validFrom: true, validTo: true },
    });
    if (!contract) throw new AppError('NOT_FOUND', 'That contract is not in your council’s register.');
    const firstDay = isoDay(contract.validFrom);
    const wasLastDay = contract.validTo ? isoDay(contract.validTo) : null;
    refuseIfAny({
      lastDay:
        parsed.lastDay < firstDay
          ? `The last day cannot be before the contract’s first day, ${firstDay}`
          : wasLastDay !== null && parsed.lastDay > wasLastDay
            ? `The contract already ends on ${wasLastDay}; vary it to extend it`
            : undefined,
    });
    await tx.contract.update({
      where: { councilId_id: { councilId, id: contract.id } },
      data: { validTo: dayColumn(parsed.lastDay), endReason: parsed.reason },
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'contract.ended',
      entityType: 'Contract',
      entityId: contract.id,
      ip,
      details: { lastDay: parsed.lastDay, reason: parsed.reason, previousLastDay: wasLastDay },
    });
    return { reference: contract.reference, lastDay: parsed.lastDay };
  });
}
