import { Prisma } from '@prisma/client';
import { describe, expect, it } from 'vitest';
import { contractRateAt } from '@/lib/contract/contract-rate';

// The rate an offer or a placement is priced at: the contract's dated rate for the London day of
// the moment, never the starting rate once a later one applies.

const contract = {
  hourlyRate: new Prisma.Decimal('21.00'),
  rates: [
    { validFrom: new Date('2027-04-01T00:00:00Z'), hourlyRate: new Prisma.Decimal('22.51') },
    { validFrom: new Date('2026-12-01T00:00:00Z'), hourlyRate: new Prisma.Decimal('21.40') },
  ],
};

describe('the rate in force at a moment', () => {
  it('is the starting rate before any dated rate, then the latest dated rate from on or before the day', () => {
    expect(contractRateAt(contract, new Date('2026-11-30T23:59:00Z'))).toBe(21);
    expect(contractRateAt(contract, new Date('2026-12-01T00:00:00Z'))).toBe(21.4);
    expect(contractRateAt(contract, new Date('2028-01-01T12:00:00Z'))).toBe(22.51);
  });

  it('reads the day in London: half past midnight on 1 April (British Summer Time) is already 1 April', () => {
    expect(contractRateAt(contract, new Date('2027-03-31T22:59:00Z'))).toBe(21.4);
    expect(contractRateAt(contract, new Date('2027-03-31T23:30:00Z'))).toBe(22.51);
  });
});
