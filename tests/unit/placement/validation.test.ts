import { describe, expect, it } from 'vitest';
import { bandOf, demandByBand, generate, parseScenario } from '@/lib/placement';
import { withPackages } from '@/lib/placement/parse-scenario';

function errorsFor(mutate: (s: Record<string, any>) => void): string[] {
  const s = JSON.parse(JSON.stringify(generate({ seed: 5, scale: 0.1 })));
  mutate(s);
  const r = parseScenario(s);
  return r.ok ? [] : r.errors;
}

describe('parseScenario', () => {
  it('accepts a generated scenario', () => {
    expect(parseScenario(JSON.parse(JSON.stringify(generate({ seed: 5, scale: 0.1 })))).ok).toBe(true);
  });

  it('names the JSON path of a shape error', () => {
    expect(errorsFor((s) => (s.packages[3].visits[0].start = '7:30'))).toEqual(['packages[3].visits[0].start: expected HH:MM']);
    expect(errorsFor((s) => (s.packages[0].visits[0].start = '24:00'))).toEqual(['packages[0].visits[0].start: expected HH:MM']);
  });

  it('refuses minutes outside 15–720 or off the 5-minute step, and carers other than 1 or 2', () => {
    const m = 'expected whole minutes from 15 to 720 in steps of 5';
    expect(errorsFor((s) => (s.packages[1].visits[0].minutes = 10))).toEqual([`packages[1].visits[0].minutes: ${m}`]);
    expect(errorsFor((s) => (s.packages[1].visits[0].minutes = 725))).toEqual([`packages[1].visits[0].minutes: ${m}`]);
    expect(errorsFor((s) => (s.packages[1].visits[0].minutes = 33))).toEqual([`packages[1].visits[0].minutes: ${m}`]);
    expect(errorsFor((s) => (s.packages[1].visits[0].carers = 3))).toEqual(['packages[1].visits[0].carers: expected 1 or 2']);
  });

  it('refuses negative capacity and rates', () => {
    expect(errorsFor((s) => (s.providers[0].capacity[0].carerHours = -1))).toEqual(['providers[0].capacity[0].carerHours: expected a number ≥ 0']);
    expect(errorsFor((s) => (s.contracts[2].hourlyRate = -0.5))).toEqual(['contracts[2].hourlyRate: expected a number ≥ 0']);
  });

  it('reports every problem, not just the first', () => {
    const errors = errorsFor((s) => {
      s.packages[0].pathway = 'RESPITE';
      delete s.providers[1].status;
      s.contracts[0].validFrom = '2019-13-01';
    });
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(['contracts[0].validFrom', 'packages[0].pathway', 'providers[1].status']);
  });

  it('refuses duplicate ids and references that do not resolve', () => {
    const errors = errorsFor((s) => {
      s.contracts[1].id = s.contracts[0].id;
      s.packages[2].localityId = 'L99';
      s.packages[2].excludedProviderIds = ['NOPE'];
      s.contracts[1].providerId = 'GHOST';
      s.localities[0].neighbours = ['LX'];
    });
    expect(errors).toEqual([
      'contracts[1].id: duplicate id C01',
      'localities[0].neighbours[0]: unknown locality LX',
      'contracts[1].providerId: unknown provider GHOST',
      'packages[2].localityId: unknown locality L99',
      'packages[2].excludedProviderIds[0]: unknown provider NOPE',
    ]);
  });

  it('refuses a discharge without its hospital, and a day listed twice', () => {
    const errors = errorsFor((s) => {
      s.packages[0].pathway = 'HOSPITAL_DISCHARGE';
      s.packages[0].hospital = null;
      s.packages[1].visits[0].days = ['MON', 'MON'];
    });
    expect(errors).toEqual(['packages[0].hospital: expected BRI or AGH for a HOSPITAL_DISCHARGE package', 'packages[1].visits[0].days[1]: duplicate day MON']);
  });

  it('refuses something that is not a scenario at all', () => {
    const r = parseScenario([1, 2]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^\(scenario\): /);
  });
});

describe('bands and demand', () => {
  it('cuts the day at 06:00, 11:00, 14:00, 17:00 and 22:00', () => {
    const cases: [string, string][] = [
      ['05:59', 'NIGHT'],
      ['06:00', 'MORNING'],
      ['10:59', 'MORNING'],
      ['11:00', 'MIDDAY'],
      ['13:59', 'MIDDAY'],
      ['14:00', 'AFTERNOON'],
      ['16:59', 'AFTERNOON'],
      ['17:00', 'EVENING'],
      ['21:59', 'EVENING'],
      ['22:00', 'NIGHT'],
      ['00:00', 'NIGHT'],
    ];
    for (const [start, band] of cases) expect(bandOf(start), start).toBe(band);
  });

  it('counts minutes / 60 × carers × days in each band', () => {
    const s = generate({ seed: 1, scale: 0.1 });
    const p = {
      ...s.packages[0],
      visits: [
        { days: ['MON', 'WED', 'FRI'] as ('MON' | 'WED' | 'FRI')[], start: '07:30', minutes: 45, carers: 2 as const },
        { days: ['SAT'] as 'SAT'[], start: '22:15', minutes: 30, carers: 1 as const },
      ],
    };
    expect(demandByBand(p)).toEqual({ MORNING: 4.5, MIDDAY: 0, AFTERNOON: 0, EVENING: 0, NIGHT: 0.5 });
  });
});

describe('withPackages', () => {
  const full = () => JSON.parse(JSON.stringify(generate({ seed: 5, scale: 0.1 }))) as Record<string, any>;
  const market = () => {
    const parsed = parseScenario({ ...full(), packages: [] });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.scenario;
  };

  it('gives what parseScenario gives for the whole scenario', () => {
    const s = full();
    const whole = parseScenario(s);
    expect(withPackages(market(), s.packages)).toEqual(whole);
  });

  it("checks the packages as parseScenario does, naming each by its place among them, and leaves the market's own checks alone", () => {
    const s = full();
    s.packages[3].visits[0].start = '7:30';
    expect(withPackages(market(), s.packages)).toEqual({ ok: false, errors: ['packages[3].visits[0].start: expected HH:MM'] });
    const t = full();
    t.packages[1].localityId = 'nowhere';
    t.packages[2].excludedProviderIds = ['nobody'];
    t.packages[4].id = t.packages[0].id;
    expect(withPackages(market(), t.packages)).toEqual(parseScenario(t));
    expect(parseScenario(t).ok).toBe(false);
  });
});
