import type { ContractType } from '@prisma/client';

// Contracts between the council and a provider, and when one is in force.

/** Contract types, in the order the council lists them. */
export const CONTRACT_TYPES = ['LOCALITY', 'STEP', 'DISCHARGE', 'ISF', 'ICB', 'SPOT'] as const satisfies readonly ContractType[];
export type TContractType = (typeof CONTRACT_TYPES)[number];

const DAY_MS = 86_400_000;

/** A contract's first or last day: 'YYYY-MM-DD', or a Date at that day's midnight UTC (how a date column is read). */
type TContractDay = Date | string;

const dayStartMs = (day: TContractDay) => (typeof day === 'string' ? Date.parse(`${day}T00:00:00Z`) : day.getTime());

/** In force from the start of its first day through the whole of its last day: validFrom ≤ at < validTo + 1 day. */
export function isContractInForce(contract: { validFrom: TContractDay; validTo: TContractDay | null }, at: Date | number): boolean {
  const atMs = typeof at === 'number' ? at : at.getTime();
  if (dayStartMs(contract.validFrom) > atMs) return false;
  return contract.validTo === null || atMs < dayStartMs(contract.validTo) + DAY_MS;
}

/** The same rule as a Prisma filter on a contract. */
export function contractInForceWhere(at: Date): { validFrom: { lte: Date }; OR: [{ validTo: null }, { validTo: { gt: Date } }] } {
  return { validFrom: { lte: at }, OR: [{ validTo: null }, { validTo: { gt: new Date(at.getTime() - DAY_MS) } }] };
}

/** The same rule in SQL, for the "Contract" row aliased `c` at the timestamp expression `at`. */
export function contractInForceSql(c: string, at: string): string {
  return `(${c}."validFrom" <= ${at} AND (${c}."validTo" IS NULL OR ${at} < ${c}."validTo" + 1))`;
}
