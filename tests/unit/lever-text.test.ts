import { describe, expect, it } from 'vitest';
import { leverAdvice, needText, runSentence, upliftAdvice } from '@/lib/package/lever-text';
import type { TLever } from '@/lib/placement/placeability';

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

  it('says which part of a split each provider takes', () => {
    const split: TLever = {
      kind: 'SPLIT',
      providerId: 'P',
      partnerId: 'Q',
      parts: [
        { providerId: 'P', bands: ['MORNING', 'MIDDAY'], starts: ['07:30', '12:00'], hours: 8.75 },
        { providerId: 'Q', bands: ['EVENING'], starts: ['18:00'], hours: 7 },
      ],
    };
    expect(leverAdvice(split, { ...names, partner: 'Bee Care' })).toEqual({
      misses: 'Neither Ace Care nor Bee Care has room for all of it in Wharfedale, but between them they have.',
      change:
        'Ace Care taking the morning and midday visits (07:30 and 12:00, 8.75 carer-hours a week) and Bee Care the evening visit (18:00, 7 carer-hours a week) would place it: offer each provider its part.',
    });
    expect(needText(split)).toBe('a split between two providers');
  });

  it('names the uplift to the local rate in pounds an hour and a week, and a rural run', () => {
    const uplift = { rate: 21, localRate: 24.5, accepted: 3, more: 3.5, weekly: 24.5, setTo: 3.5 };
    expect(
      upliftAdvice({
        uplift,
        declined: 2,
        lapsed: 1,
        reasons: ['no capacity', 'cannot do the times'],
        locality: 'Wharfedale',
        pathway: 'long-term care',
        hours: 7,
      }),
    ).toEqual({
      misses:
        'Offered at £21.00 an hour, 2 providers declined it (no capacity, cannot do the times) and 1 provider let its offer lapse. Offers accepted for long-term care in Wharfedale in the last 12 weeks paid £24.50 an hour (the 75th percentile of 3 offers).',
      change: '£3.50 an hour more would bring it up to that, adding £24.50 to its weekly cost (7 carer-hours a week): set the rate uplift to £3.50 an hour.',
    });
    expect(runSentence({ packages: 3, locality: 'Wharfedale', band: 'MORNING', hours: 14.5, providers: ['Ace Care'] })).toBe(
      '3 packages wait in Wharfedale in the morning; together 14.5 carer-hours a week of morning care; Ace Care has room for all their morning visits: offer them as one run.',
    );
    expect(runSentence({ packages: 2, locality: 'Wharfedale', band: 'EVENING', hours: 7, providers: ['Ace Care', 'Bee Care'] })).toContain(
      'Ace Care and Bee Care each have room for all their evening visits',
    );
  });
});
