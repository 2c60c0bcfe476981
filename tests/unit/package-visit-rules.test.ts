import { describe, expect, it } from 'vitest';
import { ZChangePackageSchema } from '@/lib/package/change-package';
import { warningsFor, ZPackageDraftSchema, type TPackageDraftInput } from '@/lib/package/package-schema';

const valid: TPackageDraftInput = {
  personId: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
  localityId: '7d3f1a2e-6b4c-4a8e-9f1d-2c3b4a5d6e7f',
  pathway: 'LONG_TERM',
  funding: 'COUNCIL',
  visits: [{ days: ['MON', 'WED'], start: '07:30', minutes: 45, carers: 1 }],
  serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 1.5, startDate: '2026-12-01' }],
};

type TVisit = TPackageDraftInput['visits'][number];

function issuesWith(visits: TVisit[]): Record<string, string[]> {
  const result = ZPackageDraftSchema.safeParse({ ...valid, visits });
  const out: Record<string, string[]> = {};
  if (result.success) return out;
  for (const i of result.error.issues) (out[i.path.join('.')] ??= []).push(i.message);
  return out;
}

describe('visits a person can really receive', () => {
  it('refuses a visit that overlaps another on a shared day, naming both visits and the day on the later one', () => {
    const issues = issuesWith([
      { days: ['MON', 'TUE'], start: '08:00', minutes: 60, carers: 1 },
      { days: ['WED'], start: '08:30', minutes: 30, carers: 1 },
      { days: ['TUE', 'FRI'], start: '08:30', minutes: 30, carers: 1 },
    ]);
    expect(issues).toEqual({ 'visits.2.start': ['Visit 3 overlaps visit 1 on Tuesday: change its start time, length or days'] });
  });

  it('refuses a visit repeated on the same day, and one running past midnight into the next morning’s', () => {
    expect(
      issuesWith([
        { days: ['MON'], start: '08:00', minutes: 30, carers: 1 },
        { days: ['MON'], start: '08:00', minutes: 30, carers: 1 },
      ]),
    ).toEqual({ 'visits.1.start': ['Visit 2 repeats visit 1 on Monday: remove one of them or change its days'] });
    expect(
      issuesWith([
        { days: ['MON'], start: '07:00', minutes: 30, carers: 1 },
        { days: ['SUN'], start: '22:00', minutes: 600, carers: 1 },
      ]),
    ).toEqual({ 'visits.1.start': ['Visit 2 overlaps visit 1 on Sunday: change its start time, length or days'] });
  });

  it('lets one visit end as the next begins', () => {
    expect(
      issuesWith([
        { days: ['MON'], start: '08:00', minutes: 30, carers: 1 },
        { days: ['MON'], start: '08:30', minutes: 30, carers: 2 },
      ]),
    ).toEqual({});
  });

  it('refuses three overlapping 12-hour double-handed visits', () => {
    const long: TVisit = { days: ['MON'], start: '06:00', minutes: 720, carers: 2 };
    const issues = issuesWith([long, { ...long, start: '07:00' }, { ...long, start: '08:00' }]);
    expect(issues['visits.1.start']).toEqual(['Visit 2 overlaps visit 1 on Monday: change its start time, length or days']);
    expect(issues['visits.2.start']).toEqual(['Visit 3 overlaps visit 1 on Monday: change its start time, length or days']);
    expect(issues.visits).toEqual(['Visits on Monday add up to 36 hours: a day can hold at most 24 hours of visits']);
  });

  it('refuses more than 8 visits on a day but accepts 8', () => {
    const at = (hour: number): TVisit => ({ days: ['THU'], start: `${String(hour).padStart(2, '0')}:00`, minutes: 30, carers: 1 });
    const eight = Array.from({ length: 8 }, (_, i) => at(6 + i * 2));
    expect(issuesWith(eight)).toEqual({});
    expect(issuesWith([...eight, at(23)])).toEqual({ visits: ['Thursday has 9 visits: a day can have at most 8'] });
  });

  it('refuses more than 24 hours of visits starting on one day even when none overlap', () => {
    const issues = issuesWith([
      { days: ['SAT'], start: '00:00', minutes: 720, carers: 1 },
      { days: ['SAT'], start: '12:00', minutes: 710, carers: 1 },
      { days: ['SAT'], start: '23:50', minutes: 720, carers: 1 },
    ]);
    expect(issues).toEqual({ visits: ['Visits on Saturday add up to 35.83 hours: a day can hold at most 24 hours of visits'] });
  });

  it('applies the same rules to a change of an existing package', () => {
    const result = ZChangePackageSchema.safeParse({
      packageId: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
      expectedVersion: 1,
      visits: [
        { days: ['MON'], start: '08:00', minutes: 60, carers: 1 },
        { days: ['MON'], start: '08:15', minutes: 30, carers: 1 },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['visits.1.start', 'Visit 2 overlaps visit 1 on Monday: change its start time, length or days'],
    ]);
  });
});

describe('a start date in the past', () => {
  it('warns, naming the line and the day, but does not refuse the draft', () => {
    const draft = ZPackageDraftSchema.parse(valid);
    expect(warningsFor(draft, '2026-12-06')).toEqual([
      { path: 'serviceLines.0.startDate', message: 'Service line 1 starts on 1 Dec 2026, which is in the past: check the start date' },
    ]);
    expect(warningsFor(draft, '2026-12-01')).toEqual([]);
  });
});
