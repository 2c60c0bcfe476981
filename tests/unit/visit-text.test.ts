import { describe, expect, it } from 'vitest';
import { daysText, minutesText, visitText } from '@/lib/domain/visit-text';

describe('visits in plain English', () => {
  it('names common sets of days as people say them', () => {
    expect(daysText(['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'])).toBe('Every day');
    expect(daysText(['FRI', 'MON', 'TUE', 'WED', 'THU'])).toBe('Weekdays');
    expect(daysText(['SAT', 'SUN'])).toBe('Weekends');
    expect(daysText(['MON', 'TUE', 'WED', 'THU'])).toBe('Mon to Thu');
    expect(daysText(['FRI', 'MON', 'WED'])).toBe('Mon, Wed and Fri');
    expect(daysText(['TUE'])).toBe('Tue');
    expect(daysText(['MON', 'TUE'])).toBe('Mon and Tue');
  });

  it('gives durations in hours and minutes, and the carers in words', () => {
    expect(minutesText(30)).toBe('30 minutes');
    expect(minutesText(60)).toBe('1 hour');
    expect(minutesText(90)).toBe('1 hour 30 minutes');
    expect(minutesText(121)).toBe('2 hours 1 minute');
    expect(visitText({ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '08:00', minutes: 30, carers: 1 })).toBe(
      'Every day, 08:00, 30 minutes, one carer',
    );
    expect(visitText({ days: ['SAT', 'SUN'], start: '21:15', minutes: 45, carers: 2 })).toBe('Weekends, 21:15, 45 minutes, two carers');
  });
});
