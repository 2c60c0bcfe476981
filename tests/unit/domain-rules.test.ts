import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS, bandOf, carerHours, carerMinutes, visitCarerMinutes } from '@/lib/domain/carer-hours';
import { AT_RISK_SHARE, clockAtRiskSql, DISCHARGE_TARGET_MINUTES, SHORT_TERM_TARGET_MINUTES, targetMinutesSql } from '@/lib/domain/clock';
import { CONTRACT_TYPES, contractInForceWhere, isContractInForce } from '@/lib/domain/contract';
import { PHONE_OUTCOMES, REABLEMENT_OUTCOMES } from '@/lib/domain/enums';
import {
  BAND_LABEL,
  bandLabel,
  CONTRACT_TYPE_LABEL,
  CQC_LABEL,
  labelOf,
  PACKAGE_STATUS_LABEL,
  PATHWAY_LABEL,
  PHONE_OUTCOME_LABEL,
  REABLEMENT_OUTCOME_LABEL,
  ROLE_LABEL,
} from '@/lib/domain/labels';
import {
  isLive,
  isOffering,
  isPostedOpen,
  isUnplaced,
  LIVE_STATUSES,
  OFFERING_STATUSES,
  POSTED_OPEN_STATUSES,
  statusIn,
  statusListSql,
  UNPLACED_STATUSES,
} from '@/lib/domain/package-status';
import { REABLEMENT_DAYS, reablementEndsOn, reablementLastDay } from '@/lib/domain/reablement';

const DAY = 86_400_000;
const ALL_STATUSES = ['DRAFT', 'OFFERING', 'OPEN_MARKET', 'PLACED', 'IN_HOSPITAL', 'ENDED', 'CANCELLED'] as const;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

const visit = fc.record({
  minutes: fc.integer({ min: 1, max: 48 }).map((n) => n * 5),
  carers: fc.constantFrom(1, 2),
  days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
});

describe('carer-hours', () => {
  it('counts minutes / 60 × carers × days, so a double-handed hour counts twice', () => {
    expect(carerHours([{ minutes: 60, carers: 2, days: ['MON'] }])).toBe(2);
    expect(carerHours([{ minutes: 45, carers: 1, days: [...WEEKDAYS] }])).toBe(5.25);
    expect(carerHours([])).toBe(0);
  });

  it('agrees with the per-visit formula for any visits, and sums exactly in carer-minutes', () => {
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 12 }), (visits) => {
        const byFormula = visits.reduce((s, v) => s + (v.minutes / 60) * v.carers * v.days.length, 0);
        expect(carerHours(visits)).toBeCloseTo(byFormula, 9);
        expect(carerMinutes(visits)).toBe(visits.reduce((s, v) => s + visitCarerMinutes(v), 0));
        expect(Number.isInteger(carerMinutes(visits))).toBe(true);
      }),
    );
  });

  it('puts every start time in the band whose hours hold it, night running past midnight', () => {
    const expected = (hour: number) =>
      hour >= 6 && hour < 11
        ? 'MORNING'
        : hour < 14 && hour >= 11
          ? 'MIDDAY'
          : hour >= 14 && hour < 17
            ? 'AFTERNOON'
            : hour >= 17 && hour < 22
              ? 'EVENING'
              : 'NIGHT';
    for (let hour = 0; hour < 24; hour++)
      for (const minute of [0, 59]) expect(bandOf(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`)).toBe(expected(hour));
  });
});

describe('package status groups', () => {
  const groups = [
    [OFFERING_STATUSES, isOffering],
    [UNPLACED_STATUSES, isUnplaced],
    [LIVE_STATUSES, isLive],
    [POSTED_OPEN_STATUSES, isPostedOpen],
  ] as const;

  it('names what each group means', () => {
    expect([...OFFERING_STATUSES]).toEqual(['OFFERING', 'OPEN_MARKET']);
    expect([...UNPLACED_STATUSES].sort()).toEqual(['DRAFT', 'OFFERING', 'OPEN_MARKET']);
    expect([...LIVE_STATUSES]).toEqual(['PLACED', 'IN_HOSPITAL']);
    expect([...POSTED_OPEN_STATUSES].sort()).toEqual(['IN_HOSPITAL', 'OFFERING', 'OPEN_MARKET', 'PLACED']);
  });

  it('each guard holds exactly for its group, and the SQL list and Prisma filter hold the same statuses', () => {
    for (const [group, guard] of groups) {
      for (const s of ALL_STATUSES) expect(guard(s), s).toBe((group as readonly string[]).includes(s));
      expect(statusListSql(group)).toBe(`(${group.map((s) => `'${s}'`).join(', ')})`);
      expect(statusIn(group).in).toEqual([...group]);
    }
  });

  it('a live package is never waiting, and ended or cancelled ones are in no group', () => {
    for (const s of ALL_STATUSES) expect(isLive(s) && isUnplaced(s)).toBe(false);
    for (const s of ['ENDED', 'CANCELLED']) expect(groups.some(([, guard]) => guard(s))).toBe(false);
  });
});

describe('contract in force', () => {
  const day = fc.integer({ min: Date.UTC(2018, 0, 1) / DAY, max: Date.UTC(2030, 0, 1) / DAY }).map((d) => new Date(d * DAY));
  const contract = fc.tuple(day, fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null })).map(([from, length]) => ({
    validFrom: from,
    validTo: length === null ? null : new Date(from.getTime() + length * DAY),
  }));
  const instant = fc.integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2031, 0, 1) }).map((ms) => new Date(ms));

  it('runs from the start of the first day through the whole of the last day', () => {
    const c = { validFrom: '2026-04-01', validTo: '2026-04-30' };
    expect(isContractInForce(c, new Date('2026-03-31T23:59:59.999Z'))).toBe(false);
    expect(isContractInForce(c, new Date('2026-04-01T00:00:00Z'))).toBe(true);
    expect(isContractInForce(c, new Date('2026-04-30T23:59:59.999Z'))).toBe(true);
    expect(isContractInForce(c, new Date('2026-05-01T00:00:00Z'))).toBe(false);
    expect(isContractInForce({ validFrom: '2020-01-01', validTo: null }, new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('reads a day the same as text or as a date column', () => {
    fc.assert(
      fc.property(contract, instant, (c, at) => {
        const asText = { validFrom: c.validFrom.toISOString().slice(0, 10), validTo: c.validTo ? c.validTo.toISOString().slice(0, 10) : null };
        expect(isContractInForce(asText, at)).toBe(isContractInForce(c, at));
        expect(isContractInForce(c, at.getTime())).toBe(isContractInForce(c, at));
      }),
    );
  });

  it('the Prisma filter selects exactly the contracts the predicate calls in force', () => {
    fc.assert(
      fc.property(contract, instant, (c, at) => {
        const where = contractInForceWhere(at);
        const matches =
          c.validFrom.getTime() <= where.validFrom.lte.getTime() && (c.validTo === null || c.validTo.getTime() > where.OR[1].validTo.gt.getTime());
        expect(matches).toBe(isContractInForce(c, at));
      }),
    );
  });

  it('lists every contract type once', () => {
    expect(new Set(CONTRACT_TYPES).size).toBe(6);
    for (const t of CONTRACT_TYPES) expect(CONTRACT_TYPE_LABEL[t]).toBeTruthy();
  });
});

describe('clock thresholds in SQL', () => {
  it('takes the targets and the at-risk share from the same constants as the clock', () => {
    expect(targetMinutesSql('p')).toContain(`THEN ${DISCHARGE_TARGET_MINUTES} ELSE ${SHORT_TERM_TARGET_MINUTES} END`);
    expect(clockAtRiskSql('p')).toContain(`interval '${(1 - AT_RISK_SHARE) * 60} seconds'`);
    expect(clockAtRiskSql('p')).toContain(`interval '45 seconds'`);
  });
});

describe('reablement', () => {
  it('ends on the 42nd day counted in London from the day of award', () => {
    expect(REABLEMENT_DAYS).toBe(42);
    expect(reablementEndsOn(new Date('2026-11-23T09:00:00Z'))).toBe('2027-01-03');
    // 23:30 UTC on 31 May is already 1 June in London (BST).
    expect(reablementEndsOn(new Date('2026-05-31T23:30:00Z'))).toBe('2026-07-12');
  });

  it('keeps the last day recorded at award, and otherwise counts from the placement', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
        const placedAt = new Date(ms);
        const days = (Date.parse(`${reablementEndsOn(placedAt)}T00:00:00Z`) - Date.parse(`${placedAt.toISOString().slice(0, 10)}T00:00:00Z`)) / DAY;
        expect([REABLEMENT_DAYS - 1, REABLEMENT_DAYS]).toContain(days);
        expect(reablementLastDay({ reablementEndsOn: null, placedAt })).toBe(reablementEndsOn(placedAt));
        expect(reablementLastDay({ reablementEndsOn: new Date('2030-01-05T00:00:00Z'), placedAt })).toBe('2030-01-05');
      }),
    );
  });
});

describe('labels', () => {
  it('labels every value of each enumeration', () => {
    for (const map of [PATHWAY_LABEL, CQC_LABEL, ROLE_LABEL, PACKAGE_STATUS_LABEL, REABLEMENT_OUTCOME_LABEL, PHONE_OUTCOME_LABEL])
      for (const label of Object.values(map)) expect(label).toMatch(/\S/);
    for (const o of REABLEMENT_OUTCOMES) expect(REABLEMENT_OUTCOME_LABEL[o]).toBeTruthy();
    for (const o of PHONE_OUTCOMES) expect(PHONE_OUTCOME_LABEL[o]).toBeTruthy();
  });

  it('gives each band its hours, from the hours the bands start at', () => {
    expect(BANDS.map((b) => bandLabel(b))).toEqual([
      'Morning 06:00–10:59',
      'Midday 11:00–13:59',
      'Afternoon 14:00–16:59',
      'Evening 17:00–21:59',
      'Night 22:00–05:59',
    ]);
    expect(BAND_LABEL.MORNING).toBe('Morning (06:00–10:59)');
    expect(BAND_LABEL.NIGHT).toBe('Night (22:00–05:59)');
    expect(BAND_LABEL.NONE).toBe('No visits yet');
  });

  it('falls back to the code for a code read back as text that has no label', () => {
    expect(labelOf(PATHWAY_LABEL, 'REABLEMENT')).toBe('Reablement');
    expect(labelOf(PATHWAY_LABEL, 'SOMETHING_ELSE')).toBe('SOMETHING_ELSE');
  });
});
