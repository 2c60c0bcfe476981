import { describe, expect, it } from 'vitest';
import { ZServiceLineDraftSchema } from '@/lib/package/package-schema';
import { ZDeclareCapacitySchema } from '@/lib/provider/provider-capacity';

const COUNCIL = '0f1e2d3c-4b5a-4968-8776-655443322110';
const LOCALITY = '7d3f1a2e-6b4c-4a8e-9f1d-2c3b4a5d6e7f';
const hoursOf = (carerHours: unknown) =>
  ZDeclareCapacitySchema.safeParse({ councilId: COUNCIL, rows: [{ localityId: LOCALITY, band: 'MORNING', carerHours }] });

describe('declared capacity', () => {
  it('takes hours as a number or the text of one, an emptied cell as none', () => {
    for (const [given, read] of [
      [12.5, 12.5],
      ['12.5', 12.5],
      [' 40 ', 40],
      ['', 0],
    ] as const) {
      const parsed = hoursOf(given);
      expect(parsed.success && parsed.data.rows[0].carerHours, String(given)).toBe(read);
    }
  });

  it('refuses what is not a number of hours instead of reading it as 0 or 1', () => {
    for (const given of [null, true, [], {}, 'twelve', '1e3', 5e-324, -1, 2001]) expect(hoursOf(given).success, JSON.stringify(given)).toBe(false);
  });
});

describe('hours per week on a service line', () => {
  it('are refused past two decimal places, so 5e-324 is not an hour', () => {
    const line = (hoursPerWeek: number) => ZServiceLineDraftSchema.safeParse({ type: 'PERSONAL_CARE', hoursPerWeek, startDate: '2026-12-01' }).success;
    expect(line(7.25)).toBe(true);
    expect(line(5e-324)).toBe(false);
    expect(line(7.125)).toBe(false);
  });
});
