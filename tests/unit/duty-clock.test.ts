import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { londonDateAndTime, londonWallTime } from '@/lib/time/london';
import { clockStart, clockText, dutyClock, formatClockDuration, isLateFriday, targetMinutes, type TClockState } from '@/lib/domain/clock';

const MIN = 60_000;
const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MIN);

describe('duty board clock', () => {
  it('gives 2 hours to a discharge from hospital and 4 hours to other new short-term demand', () => {
    expect(targetMinutes({ pathway: 'HOSPITAL_DISCHARGE', hasHospital: true })).toBe(120);
    expect(targetMinutes({ pathway: 'HOSPITAL_DISCHARGE', hasHospital: false })).toBe(240);
    expect(targetMinutes({ pathway: 'REABLEMENT', hasHospital: false })).toBe(240);
  });

  it('a BRI discharge is on time at 89 minutes, at risk at 90, due at 120 and breached after', () => {
    const ready = new Date('2026-11-23T09:00:00Z');
    expect(dutyClock(ready, 120, at(ready, 89)).state).toBe('ON_TIME');
    expect(dutyClock(ready, 120, at(ready, 90)).state).toBe('AT_RISK');
    expect(dutyClock(ready, 120, at(ready, 120)).state).toBe('AT_RISK');
    expect(dutyClock(ready, 120, new Date(at(ready, 120).getTime() + 1)).state).toBe('BREACHED');
    expect(dutyClock(ready, 120, at(ready, 121)).state).toBe('BREACHED');
  });

  it('other demand is on time at 179 minutes, at risk at 180, breached after 240', () => {
    const ready = new Date('2026-11-23T09:00:00Z');
    expect(dutyClock(ready, 240, at(ready, 179)).state).toBe('ON_TIME');
    expect(dutyClock(ready, 240, at(ready, 180)).state).toBe('AT_RISK');
    expect(dutyClock(ready, 240, at(ready, 240)).state).toBe('AT_RISK');
    expect(dutyClock(ready, 240, at(ready, 241)).state).toBe('BREACHED');
  });

  it('says how long is left or overdue, never "0 min left" while time remains', () => {
    const ready = new Date('2026-11-23T09:00:00Z');
    expect(clockText(dutyClock(ready, 120, at(ready, 89)))).toBe('31 min left');
    expect(clockText(dutyClock(ready, 120, at(ready, 0)))).toBe('2 h left');
    expect(clockText(dutyClock(ready, 120, new Date(at(ready, 119).getTime() + 30_000)))).toBe('1 min left');
    expect(clockText(dutyClock(ready, 120, at(ready, 120)))).toBe('Due now');
    expect(clockText(dutyClock(ready, 120, new Date(at(ready, 120).getTime() + 1)))).toBe('1 min overdue');
    expect(clockText(dutyClock(ready, 240, at(ready, 240 + 65)))).toBe('1 h 5 min overdue');
    expect(formatClockDuration(2 * 1440 + 3 * 60 + 7)).toBe('2 days 3 h');
  });

  it('counts from when the person was ready, else from posting, else from when it was recorded', () => {
    const createdAt = new Date('2026-11-23T08:00:00Z');
    const postedAt = new Date('2026-11-23T08:30:00Z');
    const readyAt = new Date('2026-11-23T07:45:00Z');
    expect(clockStart({ readyAt, postedAt, createdAt })).toEqual({ at: readyAt, source: 'READY' });
    expect(clockStart({ readyAt: null, postedAt, createdAt })).toEqual({ at: postedAt, source: 'POSTED' });
    expect(clockStart({ readyAt: null, postedAt: null, createdAt })).toEqual({ at: createdAt, source: 'RECORDED' });
  });

  it('counts real minutes across the clocks changing: a discharge ready at 00:30 on the spring-forward night is breached at 03:31 London time', () => {
    // 29 March 2026: London goes from 01:00 GMT to 02:00 BST. 00:30 GMT + 2 real hours = 03:30 BST.
    const ready = new Date('2026-03-29T00:30:00Z');
    expect(dutyClock(ready, 120, new Date('2026-03-29T02:30:00Z')).state).toBe('AT_RISK'); // 03:30 BST, due now
    expect(dutyClock(ready, 120, new Date('2026-03-29T02:31:00Z')).state).toBe('BREACHED');
    // 25 October 2026: 02:00 BST goes back to 01:00 GMT. 00:30 BST (23:30 UTC) + 2 hours = 00:30 GMT + 1 h of wall clock.
    const autumn = new Date('2026-10-24T23:30:00Z');
    expect(dutyClock(autumn, 120, new Date('2026-10-25T01:00:00Z')).state).toBe('AT_RISK'); // 90 real minutes
    expect(dutyClock(autumn, 120, new Date('2026-10-25T01:31:00Z')).state).toBe('BREACHED');
  });

  describe('properties', () => {
    const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
    const target = fc.integer({ min: 1, max: 24 * 60 });
    const order: Record<TClockState, number> = { ON_TIME: 0, AT_RISK: 1, BREACHED: 2 };

    it('the state never goes back as time passes', () => {
      fc.assert(
        fc.property(instant, target, fc.integer({ min: -10_000_000, max: 200_000_000 }), fc.integer({ min: 0, max: 200_000_000 }), (start, t, a, step) => {
          const first = dutyClock(start, t, new Date(start.getTime() + a));
          const later = dutyClock(start, t, new Date(start.getTime() + a + step));
          expect(order[later.state]).toBeGreaterThanOrEqual(order[first.state]);
        }),
      );
    });

    it('at risk exactly in the last quarter of the target, breached exactly after it, and time left plus time used is the target', () => {
      fc.assert(
        fc.property(instant, target, fc.integer({ min: -10_000_000, max: 200_000_000 }), (start, t, elapsed) => {
          const clock = dutyClock(start, t, new Date(start.getTime() + elapsed));
          const targetMs = t * MIN;
          expect(clock.remainingMs + clock.elapsedMs).toBe(targetMs);
          expect(clock.dueAt.getTime() - start.getTime()).toBe(targetMs);
          const expected: TClockState = elapsed > targetMs ? 'BREACHED' : elapsed >= targetMs * 0.75 ? 'AT_RISK' : 'ON_TIME';
          expect(clock.state).toBe(expected);
          expect(clock.used).toBeGreaterThanOrEqual(0);
          expect(clock.used).toBeLessThanOrEqual(1);
        }),
      );
    });

    it('the words agree with the state', () => {
      fc.assert(
        fc.property(instant, target, fc.integer({ min: 0, max: 200_000_000 }), (start, t, elapsed) => {
          const clock = dutyClock(start, t, new Date(start.getTime() + elapsed));
          const text = clockText(clock);
          if (clock.state === 'BREACHED') expect(text).toMatch(/ overdue$/);
          else expect(text).toMatch(/ left$|^Due now$/);
          expect(text).not.toMatch(/^0 min/);
        }),
      );
    });

    it('late Friday is the same for every instant of the same London wall-clock hour, summer or winter', () => {
      fc.assert(
        fc.property(instant, (d) => {
          const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(d);
          const weekday = parts.find((p) => p.type === 'weekday')!.value;
          const hour = Number(parts.find((p) => p.type === 'hour')!.value);
          expect(isLateFriday(d)).toBe(weekday === 'Sat' || weekday === 'Sun' || (weekday === 'Fri' && hour >= 15));
        }),
      );
    });
  });

  it('late Friday runs from 15:00 London time on Friday to the end of Sunday, in summer and in winter', () => {
    // Winter (GMT): Friday 27 November 2026.
    expect(isLateFriday(new Date('2026-11-27T14:59:00Z'))).toBe(false);
    expect(isLateFriday(new Date('2026-11-27T15:00:00Z'))).toBe(true);
    expect(isLateFriday(new Date('2026-11-28T10:00:00Z'))).toBe(true); // Saturday
    expect(isLateFriday(new Date('2026-11-29T23:59:00Z'))).toBe(true); // Sunday night
    expect(isLateFriday(new Date('2026-11-30T00:00:00Z'))).toBe(false); // Monday
    expect(isLateFriday(new Date('2026-11-26T16:00:00Z'))).toBe(false); // Thursday afternoon
    // Summer (BST, UTC+1): Friday 3 July 2026, 15:00 London is 14:00 UTC.
    expect(isLateFriday(new Date('2026-07-03T13:59:00Z'))).toBe(false);
    expect(isLateFriday(new Date('2026-07-03T14:00:00Z'))).toBe(true);
    // Sunday 23:30 BST is 22:30 UTC; Monday 00:30 BST is Sunday 23:30 UTC.
    expect(isLateFriday(new Date('2026-07-05T22:30:00Z'))).toBe(true);
    expect(isLateFriday(new Date('2026-07-05T23:30:00Z'))).toBe(false);
  });
});

describe('London wall-clock times typed into a form', () => {
  it('names the right instant in winter, in summer and across the clocks changing', () => {
    expect(londonWallTime('2026-11-27', '16:00').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(londonWallTime('2026-07-03', '16:00').toISOString()).toBe('2026-07-03T15:00:00.000Z');
    // 01:30 on 25 October 2026 happens twice: the first (BST) is taken.
    expect(londonWallTime('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(londonWallTime('2026-10-25', '03:00').toISOString()).toBe('2026-10-25T03:00:00.000Z');
    expect(londonWallTime('2026-03-29', '00:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(londonWallTime('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });

  it('reads back what it was given for every instant on a whole minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / 60_000, max: Date.parse('2035-12-31T00:00:00Z') / 60_000 }), (minute) => {
        const instant = new Date(minute * 60_000);
        const { date, time } = londonDateAndTime(instant);
        const back = londonWallTime(date, time);
        // The repeated autumn hour maps back to its first occurrence; everything else exactly.
        expect(londonDateAndTime(back)).toEqual({ date, time });
        expect(instant.getTime() - back.getTime()).toBeGreaterThanOrEqual(0);
        expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });
});
