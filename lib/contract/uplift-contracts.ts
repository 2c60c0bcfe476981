import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { rateOnDay, upliftRate } from '@/lib/domain/contract-rules';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZApplyUpliftSchema, ZUpliftSchema } from './contract-schema';
import { dayColumn, isoDay, lockRegister } from './register';

// The annual uplift: every contract of one type in force on a day gets a new dated rate from that
// day, its rate the day before raised by a percentage to the penny. Previewed first, then applied
// as one action in one transaction.

export type TUpliftLine = { contractId: string; reference: string; providerName: string; from: number; to: number };
export type TUpliftPreview = {
  lines: TUpliftLine[];
  /** Contracts of the type in force that day that already have a rate from it: left as they are. */
  alreadyRated: { contractId: string; reference: string }[];
};

type Db = PrismaClient | Prisma.TransactionClient;

async function upliftLines(db: Db, councilId: string, input: z.output<typeof ZUpliftSchema>): Promise<TUpliftPreview> {
  const day = dayColumn(input.validFrom);
  const contracts = await db.contract.findMany({
    where: { councilId, type: input.type, validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] },
    select: {
      id: true,
      reference: true,
      hourlyRate: true,
      provider: { select: { name: true } },
      rates: { select: { validFrom: true, hourlyRate: true } },
    },
    orderBy: { reference: 'asc' },
  });
  const preview: TUpliftPreview = { lines: [], alreadyRated: [] };
  for (const c of contracts) {
    const rates = c.rates.map((r) => ({ validFrom: isoDay(r.validFrom), hourlyRate: Number(r.hourlyRate) }));
    if (rates.some((r) => r.validFrom === input.validFrom)) {
      preview.alreadyRated.push({ contractId: c.id, reference: c.reference });
      continue;
    }
    const from = rateOnDay(Number(c.hourlyRate), rates, input.validFrom);
    preview.lines.push({ contractId: c.id, reference: c.reference, providerName: c.provider.name, from, to: upliftRate(from, input.percent) });
  }
  return preview;
}

/** What an uplift would do, changing nothing. */
export async function previewUplift(prisma: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZUpliftSchema>): Promise<TUpliftPreview> {
  return upliftLines(prisma, actor.councilId, parseOrThrow(ZUpliftSchema, input));
}

/**
 * Applies an uplift under the register's lock: refused if the contracts it would change are no
 * longer as many as the preview showed (someone changed the register since), so what was shown is
 * what is applied. One audit event lists every contract's old and new rate.
 */
export async function applyUplift(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZApplyUpliftSchema>,
  ip: string | null = null,
): Promise<{ contracts: number }> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZApplyUpliftSchema, input);
  return prisma.$transaction(async (tx) => {
    await lockRegister(tx, councilId);
    const { lines } = await upliftLines(tx, councilId, parsed);
    if (lines.length === 0) throw new AppError('CONFLICT', 'No contract of that type in force that day is left to uplift.');
    if (lines.length !== parsed.expectedContracts)
      throw new AppError(
        'CONFLICT',
        `The register changed since the preview: ${lines.length} contracts would now be uplifted, not ${parsed.expectedContracts}. Preview again.`,
      );
    const reason = `Uplift of ${parsed.percent}% from ${parsed.validFrom}`;
    await tx.contractRate.createMany({
      data: lines.map((l) => ({
        councilId,
        contractId: l.contractId,
        validFrom: dayColumn(parsed.validFrom),
        hourlyRate: l.to,
        reason,
        createdById: actor.userId,
      })),
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'contract.uplift',
      entityType: 'ContractType',
      entityId: parsed.type,
      ip,
      details: {
        percent: parsed.percent,
        validFrom: parsed.validFrom,
        contracts: lines.map((l) => ({ id: l.contractId, reference: l.reference, from: l.from, to: l.to })),
      },
    });
    return { contracts: lines.length };
  });
}
