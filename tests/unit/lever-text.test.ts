import { describe, expect, it } from 'vitest';
import { leverAdvice, needText } from '@/lib/package/lever-text';

// The advisor's levers in plain English: what the provider misses the package by, and the change.

const names = { provider: 'Ace Care', locality: 'Wharfedale' };

describe('lever text', () => {
  it('says which days a provider does not cover, with the hours short', () => {
    const advice = leverAdvice({ kind: 'CAPACITY', providerId: 'P', band: 'EVENING', shortByHours: 3, missingDays: ['TUE', 'SAT'] }, names);
    expect(advice).toEqual({
      misses: 'Ace Care is 3 carer-hours a week short of room in the evening in Wharfedale, and has no evening room in Wharfedale on Tue and Sat.',
      change: '3 more evening carer-hours a week and evening cover on Tue and Sat from Ace Care in Wharfedale would place it.',
    });
  });

  it('names days alone, a skill and a neighbour’s contract', () => {
    expect(leverAdvice({ kind: 'CAPACITY', providerId: 'P', band: 'MORNING', shortByHours: 0, missingDays: ['SAT', 'SUN'] }, names)).toEqual({
      misses: 'Ace Care has no morning room in Wharfedale at weekends.',
      change: 'Morning cover at weekends from Ace Care in Wharfedale would place it.',
    });
    expect(leverAdvice({ kind: 'SKILL', providerId: 'P', skill: 'PEG_FEEDING' }, names).misses).toBe(
      'Ace Care lacks one skill the package needs: peg feeding.',
    );
    expect(
      leverAdvice(
        { kind: 'NEIGHBOUR_CONTRACT', providerId: 'P', contractId: 'C', neighbourLocalityId: 'L2' },
        { ...names, neighbour: 'Airedale', contract: 'LOC-7' },
      ),
    ).toEqual({
      misses: 'Ace Care has no contract for Wharfedale, but has one for Airedale next door.',
      change: 'Extending contract LOC-7 to Wharfedale would place it.',
    });
    expect(needText(null)).toBe('more than one change');
  });
});
