import type { Prisma } from '@prisma/client';
import { rateOnDay } from '@/lib/domain/contract-rules';
import { londonDate } from '@/lib/time/london';

// The one way code that offers or places under a contract reads its rate: select this fragment with
// the contract, then ask for the rate on the day. Contract.hourlyRate is only the starting rate; a
// later rate is a dated ContractRate row (an uplift, a variation), never an overwrite.

/** Select (or spread into a select) beside the contract's other fields. */
export const CONTRACT_RATES_SELECT = {
  hourlyRate: true,
  rates: { select: { validFrom: true, hourlyRate: true } },
} as const satisfies Prisma.ContractSelect;

export type TContractWithRates = Prisma.ContractGetPayload<{ select: typeof CONTRACT_RATES_SELECT }>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The rate in force at `at` (its London day), in pounds. */
export function contractRateAt(contract: TContractWithRates, at: Date): number {
  return rateOnDay(
    Number(contract.hourlyRate),
    contract.rates.map((r) => ({ validFrom: isoDay(r.validFrom), hourlyRate: Number(r.hourlyRate) })),
    londonDate(at),
  );
}
