import { describe, expect, it } from 'vitest';
import type { TBand } from '@/lib/domain/carer-hours';
import { nextStep, previewPlan, type TPlanInput } from '@/lib/package/preview-plan';

const now = new Date('2026-12-06T16:00:00Z');
const offer = (providerName: string, contractType: string, tier: number) => ({ providerId: providerName, providerName, contractType, tier });
const base: TPlanInput = {
  offers: [
    offer('Bramble Community Care', 'LOCALITY', 1),
    offer('Saffron Care Services', 'LOCALITY', 2),
    ...Array.from({ length: 16 }, (_, i) => offer(`Spot ${i}`, 'SPOT', 3)),
  ],
  excluded: [
    ...Array.from({ length: 72 }, (_, i) => ({ providerId: `far ${i}`, providerName: `Far ${i}`, reasons: ['NO_CONTRACT_FOR_PACKAGE' as const] })),
    ...Array.from({ length: 47 }, (_, i) => ({ providerId: `unskilled ${i}`, providerName: `Unskilled ${i}`, reasons: ['MISSING_SKILL' as const] })),
  ],
  deadline: new Date('2026-12-07T16:00:00Z'),
  localityName: 'City A',
  requiredSkills: ['DEMENTIA'],
  preferredProviderId: null,
};

describe('the preview as a plan', () => {
  it('names who is asked first and until when, then who next, and groups who was left out', () => {
    const plan = previewPlan(base, now);
    expect(plan.steps).toEqual([
      'First: Bramble Community Care (locality provider for City A) has 24 hours to answer (until Mon 7 Dec, 16:00).',
      'Then: Saffron Care Services (locality provider for a neighbouring locality).',
      'Then: 16 spot providers at once.',
      'If nobody accepts: the open market, every provider with a contract covering City A at once.',
    ]);
    expect(plan.leftOut).toEqual(['72 have no contract here', '47 lack the dementia skill']);
    expect(plan.chosen).toBeNull();
    expect(plan.nearMisses).toEqual([]);
  });

  it('says first when the person’s chosen provider cannot be offered it, and why', () => {
    const plan = previewPlan(
      {
        ...base,
        preferredProviderId: 'unskilled 3',
        excluded: [{ providerId: 'unskilled 3', providerName: 'Hazel Homecare', reasons: ['MISSING_SKILL', 'NO_CAPACITY'] }],
      },
      now,
    );
    expect(plan.chosen).toBe('Hazel Homecare, the person’s chosen provider, cannot be offered it: it lacks the dementia skill and has no room at these times.');
  });

  it("names the first tier's contract holders who cannot be offered it, and why; not those of later tiers", () => {
    const plan = previewPlan(
      {
        ...base,
        excluded: [
          ...base.excluded,
          { providerId: 'h', providerName: 'Holly Home Care', reasons: ['NO_CAPACITY'], standing: { tier: 1, contractType: 'LOCALITY' } },
          { providerId: 'i', providerName: 'Ivy Care', reasons: ['NO_DOUBLE_HANDED', 'MISSING_SKILL'], standing: { tier: 1, contractType: 'LOCALITY' } },
          { providerId: 'j', providerName: 'Juniper Spot Care', reasons: ['NO_CAPACITY'], standing: { tier: 3, contractType: 'SPOT' } },
        ],
      },
      now,
    );
    expect(plan.passedOver).toEqual([
      'Holly Home Care, the locality provider for City A, cannot be offered it: it has no room at these times.',
      'Ivy Care, the locality provider for City A, cannot be offered it: it does not send two carers and lacks the dementia skill.',
    ]);
    expect(previewPlan(base, now).passedOver).toEqual([]);
    const step = previewPlan(
      {
        ...base,
        excluded: [{ providerId: 's', providerName: 'Sorrel STEP Care', reasons: ['EXCLUDED_BY_PACKAGE'], standing: { tier: 1, contractType: 'STEP' } }],
      },
      now,
    );
    expect(step.passedOver).toEqual(['Sorrel STEP Care, the STEP provider, cannot be offered it: it is excluded for this person.']);
  });

  it('when nobody is eligible, goes straight to the open market and lists who is one fixable reason away', () => {
    const plan = previewPlan(
      {
        ...base,
        offers: [],
        excluded: [
          { providerId: 'a', providerName: 'Acorn Care', reasons: ['NO_DOUBLE_HANDED'] },
          { providerId: 'b', providerName: 'Beech Care', reasons: ['NO_CAPACITY'] },
          { providerId: 'c', providerName: 'Cedar Care', reasons: ['NO_CONTRACT_FOR_PACKAGE', 'NO_CAPACITY'] },
        ],
      },
      now,
    );
    expect(plan.steps).toEqual([
      'Nobody is eligible in any tier: it goes straight to the open market, every provider with a contract covering City A at once.',
    ]);
    expect(plan.nearMisses.map((m) => m.text)).toEqual([
      'Acorn Care lacks only two carers: split the two-carer visits off, or offer by hand if it can send two',
      'Beech Care has not declared room at these times: offer by hand, or split the visits',
    ]);
    expect(plan.leftOut).toEqual(['2 have no room at these times', '1 does not send two carers', '1 has no contract here']);
  });

  it('says which time bands a provider short only of room can and cannot take, and where next door it has room', () => {
    const room = (roomIn: TBand[], shortIn: TBand[], neighboursWithRoom: string[] = []) => ({ roomIn, shortIn, neighboursWithRoom });
    const plan = previewPlan(
      {
        ...base,
        offers: [],
        excluded: [
          { providerId: 'a', providerName: 'Acorn Care', reasons: ['NO_CAPACITY'], capacity: room(['MORNING', 'MIDDAY'], ['EVENING']) },
          { providerId: 'b', providerName: 'Beech Care', reasons: ['NO_CAPACITY'], capacity: room([], ['MORNING', 'EVENING'], ['Shipley']) },
          { providerId: 'c', providerName: 'Cedar Care', reasons: ['NO_CAPACITY'], capacity: room([], ['NIGHT']) },
        ],
      },
      now,
    );
    expect(plan.nearMisses.map((m) => m.text)).toEqual([
      'Acorn Care has room for the morning and midday visits but not the evening ones: offer by hand, or split the evening visits off',
      'Beech Care has no room declared in City A, but has room for every visit in Shipley next door: ask whether it can cover City A',
      'Cedar Care has no room declared in City A for the night visits: offer by hand if it can staff them',
    ]);
  });

  it('names up to three providers sharing the first round', () => {
    const plan = previewPlan({ ...base, offers: [offer('Ash', 'STEP', 1), offer('Birch', 'STEP', 1)], deadline: new Date(now.getTime() + 2 * 3_600_000) }, now);
    expect(plan.steps[0]).toBe('First: Ash and Birch (STEP providers) have 2 hours to answer (until 18:00).');
  });
});

describe('what happens when the open round closes unanswered', () => {
  const ranked = [offer('Bramble', 'LOCALITY', 1), offer('Saffron', 'LOCALITY', 2), offer('Spot A', 'SPOT', 3), offer('Spot B', 'SPOT', 3)];
  const asked = (round: number, tier: number | null, ...names: string[]) => names.map((providerId) => ({ providerId, round, tier }));

  it('asks the next tier above the round’s, less providers already asked', () => {
    expect(nextStep(ranked, asked(1, 1, 'Bramble'), 1, 'OFFERING')).toEqual({ kind: 'TIER', names: ['Saffron'] });
    expect(nextStep(ranked, [...asked(1, 1, 'Bramble'), ...asked(2, 2, 'Saffron', 'Spot A')], 2, 'OFFERING')).toEqual({ kind: 'TIER', names: ['Spot B'] });
  });

  it('goes to the open market when the cascade is spent, and after the open market to nobody', () => {
    expect(nextStep(ranked, asked(1, 3, 'Spot A'), 1, 'OFFERING')).toEqual({ kind: 'OPEN_MARKET' });
    expect(nextStep(ranked, asked(1, null, 'Bramble'), 1, 'OPEN_MARKET')).toEqual({ kind: 'NOBODY' });
  });
});
