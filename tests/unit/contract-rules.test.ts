import { describe, expect, it } from 'vitest';
import { contractDraftErrors, dayRangesOverlap, rateOnDay, upliftRate, ZContractDraft, type TContractOnRecord } from '@/lib/domain/contract-rules';

const P = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const L1 = '00000000-0000-4000-8000-0000000000a1';
const L2 = '00000000-0000-4000-8000-0000000000a2';
const H = '00000000-0000-4000-8000-0000000000b1';
const PERSON = '00000000-0000-4000-8000-0000000000c1';

const draft = (over: Partial<Record<string, unknown>> = {}) =>
  ZContractDraft.parse({
    reference: 'LOC-01',
    providerId: P,
    type: 'LOCALITY',
    hospitalId: null,
    personId: null,
    localityIds: [L1],
    hourlyRate: 21.5,
    validFrom: '2026-04-01',
    validTo: null,
    ...over,
  });

const onRecord = (over: Partial<TContractOnRecord> = {}): TContractOnRecord => ({
  id: '00000000-0000-4000-8000-0000000000d1',
  reference: 'LOC-00',
  providerId: P,
  type: 'LOCALITY',
  hospitalId: null,
  personId: null,
  localityIds: [L1],
  validFrom: '2024-04-01',
  validTo: '2026-03-31',
  ...over,
});

describe('contract rules', () => {
  it('accepts a locality contract that starts the day after the last one ended', () => {
    expect(contractDraftErrors(draft(), [onRecord()])).toEqual({});
  });

  it('refuses dates that overlap the same provider’s contract of the same type in the same locality', () => {
    const errors = contractDraftErrors(draft({ validFrom: '2026-03-31' }), [onRecord()]);
    expect(errors.validFrom).toMatch(/overlap contract LOC-00/);
    // Another locality, another type or another provider is not an overlap.
    expect(contractDraftErrors(draft({ validFrom: '2026-03-31', localityIds: [L2] }), [onRecord()])).toEqual({});
    expect(contractDraftErrors(draft({ validFrom: '2026-03-31', type: 'SPOT' }), [onRecord()])).toEqual({});
    // The contract being varied is not compared with itself.
    expect(contractDraftErrors(draft({ validFrom: '2026-03-31' }), [onRecord()], onRecord().id)).toEqual({});
  });

  it('refuses a duplicate reference whatever its case', () => {
    expect(contractDraftErrors(draft({ reference: 'loc-00', localityIds: [L2] }), [onRecord()]).reference).toMatch(/already has the reference LOC-00/);
  });

  it('ties a hospital to discharge contracts and a person to ISF contracts', () => {
    expect(contractDraftErrors(draft({ hospitalId: H }), []).hospitalId).toMatch(/Only a hospital discharge/);
    expect(contractDraftErrors(draft({ type: 'DISCHARGE' }), []).hospitalId).toMatch(/names its hospital/);
    expect(contractDraftErrors(draft({ type: 'ISF' }), []).personId).toMatch(/names the person/);
    expect(contractDraftErrors(draft({ personId: PERSON }), []).personId).toMatch(/Only an individual service fund/);
    expect(contractDraftErrors(draft({ type: 'ISF', personId: PERSON }), [])).toEqual({});
  });

  it('refuses a last day before the first and a share for a locality the contract does not cover', () => {
    expect(contractDraftErrors(draft({ validTo: '2026-03-31' }), []).validTo).toMatch(/cannot be before/);
    expect(contractDraftErrors(draft({ targetShares: { [L2]: 30 } }), []).targetShares).toMatch(/own localities/);
  });

  it('lets the holders of a shared locality split it by target, never past 100% on any day', () => {
    const lead = onRecord({ reference: 'LOC-LEAD', providerId: OTHER, validTo: null, targetShares: { [L1]: 70 } });
    expect(contractDraftErrors(draft({ targetShares: { [L1]: 30 } }), [lead])).toEqual({});
    expect(contractDraftErrors(draft({ targetShares: { [L1]: 30.01 } }), [lead]).targetShares).toMatch(/more than 100%.*LOC-LEAD 70%/);
    // A holder whose contract has ended by then, or one not sharing by target, does not count.
    expect(contractDraftErrors(draft({ targetShares: { [L1]: 40 } }), [{ ...lead, validTo: '2026-03-31' }])).toEqual({});
    expect(contractDraftErrors(draft({ targetShares: { [L1]: 40 } }), [{ ...lead, targetShares: {} }])).toEqual({});
    // A holder starting later in the draft's term is checked on its first day.
    const later = { ...lead, validFrom: '2027-01-01' };
    expect(contractDraftErrors(draft({ targetShares: { [L1]: 40 } }), [later]).targetShares).toMatch(/on 2027-01-01/);
    // Varying the contract itself does not count its own old share.
    expect(contractDraftErrors(draft({ targetShares: { [L1]: 100 } }), [{ ...lead, id: 'self' }], 'self')).toEqual({});
  });

  it('refuses a rate of £0, fractions of a penny and dates that do not exist', () => {
    const bad = ZContractDraft.safeParse({ ...draft(), hourlyRate: 0, validFrom: '2026-02-30' });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['hourlyRate', 'validFrom']));
    expect(ZContractDraft.safeParse({ ...draft(), hourlyRate: 21.505 }).success).toBe(false);
  });

  it('reads the rate in force on a day and applies an uplift to the penny', () => {
    const rates = [
      { validFrom: '2026-04-01', hourlyRate: 22 },
      { validFrom: '2027-04-01', hourlyRate: 23.58 },
    ];
    expect(rateOnDay(21, rates, '2026-03-31')).toBe(21);
    expect(rateOnDay(21, rates, '2026-04-01')).toBe(22);
    expect(rateOnDay(21, rates, '2028-01-01')).toBe(23.58);
    expect(upliftRate(21.5, 7.2)).toBe(23.05);
    expect(upliftRate(22, 7.2)).toBe(23.58);
    expect(dayRangesOverlap({ validFrom: '2026-01-01', validTo: null }, { validFrom: '2030-01-01', validTo: '2030-01-02' })).toBe(true);
  });
});
