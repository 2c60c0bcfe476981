import 'server-only';
import type { Prisma } from '@prisma/client';
import type { TContractOnRecord } from '@/lib/domain/contract-rules';
import { AppError } from '@/lib/errors/app-error';

// What every change to a council's contract register shares: one lock per council, so two
// administrators saving at once cannot both pass the overlap and share rules; the register as the
// rules read it; and days as the date columns hold them.

/** Holds the council's register lock until the transaction ends. */
export async function lockRegister(tx: Prisma.TransactionClient, councilId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`contract-register:${councilId}`}, 0))::text AS locked`;
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
export const dayColumn = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** Every contract of the council, as the rules in lib/domain/contract-rules.ts read them. */
export async function loadRegister(tx: Prisma.TransactionClient, councilId: string): Promise<TContractOnRecord[]> {
  const rows = await tx.contract.findMany({
    where: { councilId },
    select: {
      id: true,
      reference: true,
      providerId: true,
      type: true,
      hospitalId: true,
      personId: true,
      validFrom: true,
      validTo: true,
      localities: { select: { localityId: true, targetShare: true } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    reference: c.reference,
    providerId: c.providerId,
    type: c.type,
    hospitalId: c.hospitalId,
    personId: c.personId,
    localityIds: c.localities.map((l) => l.localityId),
    validFrom: isoDay(c.validFrom),
    validTo: c.validTo ? isoDay(c.validTo) : null,
    targetShares: Object.fromEntries(c.localities.filter((l) => l.targetShare !== null).map((l) => [l.localityId, Number(l.targetShare)])),
  }));
}

/** Refuses with each field's problem, so the form shows it by the field and nothing is written. */
export function refuseIfAny(errors: Partial<Record<string, string | undefined>>): void {
  const fieldErrors = Object.fromEntries(Object.entries(errors).flatMap(([field, message]) => (message ? [[field, [message]]] : [])));
  if (Object.keys(fieldErrors).length > 0) throw new AppError('VALIDATION', undefined, fieldErrors);
}

/** The ids that are not localities of the council. */
export async function councilLocalities(tx: Prisma.TransactionClient, councilId: string, ids: readonly string[]): Promise<{ unknown: string[] }> {
  const found = await tx.locality.findMany({ where: { councilId, id: { in: [...ids] } }, select: { id: true } });
  const known = new Set(found.map((l) => l.id));
  return { unknown: ids.filter((id) => !known.has(id)) };
}
