import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, warningsFor, ZExpectedVersionSchema, ZPackageDraftSchema, type TPackageDraftInput } from '@/lib/package/package-schema';

const LOCALITY = '7d3f1a2e-6b4c-4a8e-9f1d-2c3b4a5d6e7f';
const PERSON = '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

const valid: TPackageDraftInput = {
  personId: PERSON,
  localityId: LOCALITY,
  pathway: 'LONG_TERM',
  funding: 'COUNCIL',
  visits: [{ days: ['MON', 'WED'], start: '07:30', minutes: 45, carers: 1 }],
  serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 1.5, startDate: '2026-12-01' }],
};

function errorsOf(input: unknown): Record<string, string> {
  const result = ZPackageDraftSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('the draft package schema', () => {
  it('accepts a complete draft and fills in defaults', () => {
    const parsed = ZPackageDraftSchema.parse(valid);
    expect(parsed.excludedProviderIds).toEqual([]);
    expect(parsed.requiredSkills).toEqual([]);
  });

  it('refuses packages too large to be real, naming the list, so no save runs into its time limit', () => {
    const visit = valid.visits[0];
    const errors = errorsOf({
      ...valid,
      visits: Array.from({ length: 101 }, () => visit),
      requiredSkills: Array.from({ length: 21 }, (_, i) => `SKILL_${i}`),
      excludedProviderIds: Array.from({ length: 201 }, () => PERSON),
      serviceLines: Array.from({ length: 21 }, () => valid.serviceLines[0]),
    });
    expect(errors.visits).toBe('A package can have at most 100 visits a week: split it into more than one package');
    expect(errors.requiredSkills).toBe('Ask for at most 20 skills');
    expect(errors.excludedProviderIds).toBe('Exclude at most 200 providers');
    expect(errors.serviceLines).toBe('A package can have at most 20 service lines');
    // The most a week can hold: eight separate visits on each of the seven days.
    const days = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
    const fullWeek = days.flatMap((day) => Array.from({ length: 8 }, (_, i) => ({ ...visit, days: [day], start: `${String(6 + 2 * i).padStart(2, '0')}:00` })));
    expect(errorsOf({ ...valid, visits: fullWeek })).toEqual({});
  });

  it('takes a package version only as a whole number the database can hold', () => {
    expect(ZExpectedVersionSchema.safeParse(2 ** 31 - 1).success).toBe(true);
    for (const bad of [2 ** 31, 0, 1.5, Number.NaN]) expect(ZExpectedVersionSchema.safeParse(bad).success, String(bad)).toBe(false);
  });

  it('names the field in each message', () => {
    const errors = errorsOf({
      ...valid,
      visits: [{ days: ['MON', 'MON'], start: '7.30', minutes: 17, carers: 3 }],
      serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 0, startDate: '2026-12-01', endDate: '2026-11-01' }],
    });
    expect(errors['visits.0.start']).toBe('Enter a start time like 07:30');
    expect(errors['visits.0.days']).toBe('Choose each day of the visit only once');
    expect(errors['visits.0.minutes']).toBe('Enter the visit length in steps of 5 minutes');
    expect(errors['visits.0.carers']).toBe('Choose 1 or 2 carers for the visit');
    expect(errors['serviceLines.0.hoursPerWeek']).toBe('Hours per week must be more than 0');
    expect(errors['serviceLines.0.endDate']).toMatch(/end date must be the same as or after the start date/);
  });

  it('asks for a person, and a hospital only for a discharge', () => {
    const { personId: _omit, ...noPerson } = valid;
    expect(errorsOf(noPerson).personId).toMatch(/existing person or enter a new person/);
    expect(errorsOf({ ...valid, pathway: 'HOSPITAL_DISCHARGE' }).hospitalId).toMatch(/hospital the person is being discharged from/);
    expect(errorsOf({ ...valid, hospitalId: LOCALITY }).hospitalId).toMatch(/Only choose a hospital/);
    expect(errorsOf({ ...valid, visits: [] }).visits).toBe('Add at least one visit');
    expect(errorsOf({ ...valid, serviceLines: [] }).serviceLines).toBe('Add at least one service line');
  });

  it('checks a new person’s NHS number, postcode and date of birth', () => {
    const person = {
      givenName: 'Ada',
      familyName: 'Smith',
      dateOfBirth: '1938-02-30',
      nhsNumber: '943 476 5918',
      addressLine1: '1 High St',
      town: 'Bradford',
      postcode: 'BD1',
    };
    const { personId: _omit, ...rest } = valid;
    const errors = errorsOf({ ...rest, person });
    expect(errors['person.nhsNumber']).toBe('The NHS number is not valid: check each digit');
    expect(errors['person.postcode']).toBe('Enter a real postcode, like BD1 1HY');
    expect(errors['person.dateOfBirth']).toMatch(/date of birth as a real date/);
    const ok = ZPackageDraftSchema.parse({ ...rest, person: { ...person, dateOfBirth: '1938-02-28', nhsNumber: '943 476 5919', postcode: 'bd11hy' } });
    expect(ok.person).toMatchObject({ nhsNumber: '9434765919', postcode: 'BD1 1HY' });
  });

  it('knows the NHS check digit', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('123456789')).toBe(false);
  });
});

describe('warnings on a draft', () => {
  it('warns about short personal-care calls', () => {
    const draft = ZPackageDraftSchema.parse({
      ...valid,
      visits: [{ days: ['MON'], start: '12:00', minutes: 15, carers: 1 }],
      serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 0.25, startDate: '2026-12-01' }],
    });
    expect(warningsFor(draft)).toEqual([
      { path: 'visits.0.minutes', message: expect.stringContaining('15-minute personal-care calls are being phased out under the Ethical Care Charter') },
    ]);
  });

  it('does not warn about a short domestic call, but notes hours that do not add up', () => {
    const draft = ZPackageDraftSchema.parse({
      ...valid,
      visits: [{ days: ['MON'], start: '12:00', minutes: 15, carers: 1 }],
      serviceLines: [{ type: 'DOMESTIC', hoursPerWeek: 2, startDate: '2026-12-01' }],
    });
    expect(warningsFor(draft).map((w) => w.path)).toEqual(['serviceLines']);
  });

  it('has nothing to say about a sound draft', () => {
    expect(warningsFor(ZPackageDraftSchema.parse(valid))).toEqual([]);
  });
});
