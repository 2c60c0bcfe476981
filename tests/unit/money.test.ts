import { describe, expect, it } from 'vitest';
import { amountForCommissionedDays, amountForMinutes, normaliseDay, normaliseTime, splitPence, toPence } from '@/lib/domain/money';

// The rounding rules the payment SQL follows (lib/money/payment-sql.ts), on the figures the
// integration test's recount uses: tests/integration/money.test.ts checks the SQL gives the same.

describe('money rules', () => {
  it('rounds a row once, half up, to the penny', () => {
    expect(amountForMinutes(160, 2250)).toBe(6000);
    expect(amountForMinutes(1, 2250)).toBe(38); // 37.5p rounds up
    expect(amountForCommissionedDays('2.5', 16, 2300)).toBe(13143); // £131.428…
    expect(amountForCommissionedDays('7', 14, 2300)).toBe(32200);
  });

  it('splits pence between funders so the shares add up to the row', () => {
    expect(
      splitPence(1001, [
        { funder: 'ICB', percent: 40 },
        { funder: 'COUNCIL', percent: 60 },
      ]),
    ).toEqual([
      { funder: 'COUNCIL', pence: 601 },
      { funder: 'ICB', pence: 400 },
    ]);
  });

  it('reads days, times and pounds as providers send them', () => {
    expect(normaliseDay('04/01/2027')).toBe('2027-01-04');
    expect(normaliseDay('31/02/2027')).toBeNull();
    expect(normaliseTime('7:30')).toBe('07:30');
    expect(normaliseTime('9.00')).toBeNull();
    expect(toPence('21.5')).toBe(2150);
  });
});
