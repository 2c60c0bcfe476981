import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { rateOnDay } from '@/lib/domain/contract-rules';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZAddContractRateSchema } from './contract-schema';
import { dayColumn, isoDay, lockRegister, refuseIfAny } from './register';

/**
 * A new rate for a contract from a day on: a dated ContractRate row, never an overwrite, so offers
 * before that day keep the rate they had. The day falls within the contract's term and has no
 * rate yet. Audited with the rate it replaces from that day.
 */
export async function addContractRate(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZAddContractRateSchema>,
  ip: string | null = null,
): Promise<{ reference: string }> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZAddContractRateSchema, input);
  return prisma.$transaction(async (tx) => {
    await lockRegister(tx, councilId);
    const contract = await tx.contract.findFirst({
      where: { councilId, id: parsed.contractId },
      select: { id: true, reference: true, hourlyRate: true, validFrom: true, validTo: true, rates: { select: { validFrom: true, hourlyRate: true } } },
    });
    if (!contract) throw new AppError('NOT_FOUND', 'That contract is not in your council’s register.');
    const rates = contract.rates.map((r) => ({ validFrom: isoDay(r.validFrom), hourlyRate: Number(r.hourlyRate) }));
    const firstDay = isoDay(contract.validFrom);
    const lastDay = contract.validTo ? isoDay(contract.validTo) : null;
    refuseIfAny({
      validFrom:
        parsed.validFrom <= firstDay
          ? `A new rate starts after the contract’s first day, ${firstDay}`
          : lastDay !== null && parsed.validFrom > lastDay
            ? `The contract ends on ${lastDay}, so a new rate must start by then`
            : rates.some((r) => r.validFrom === parsed.validFrom)
              ? `The contract already has a rate from ${parsed.validFrom}`
              : undefined,
    });
    const previous = rateOnDay(Number(contract.hourlyRate), rates, parsed.validFrom);
    await tx.contractRate.create({
      data: {
        councilId,
        contractId: contract.id,
        validFrom: dayColumn(parsed.validFrom),
        hourlyRate: parsed.hourlyRate,
        reason: parsed.reason,
        createdById: actor.userId,
      },
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'contract.rate-added',
      entityType: 'Contract',
      entityId: contract.id,
      ip,
      details: { validFrom: parsed.validFrom, hourlyRate: parsed.hourlyRate, previous, reason: parsed.reason },
    });
    return { reference: contract.reference };
  });
}
