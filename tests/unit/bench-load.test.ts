import { describe, expect, it } from 'vitest';
import { lateStretches, percentile, type TRun } from '../../scripts/bench-claim/load';

const run = (ms: number[]): TRun => ({ samples: ms.map((m, index) => ({ index, ms: m, status: 200 })), seconds: ms.length / 10, ranOut: false });

describe('claim benchmark figures', () => {
  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100)]).toEqual([50, 99, 100]);
    expect(percentile([], 99)).toBeNaN();
  });

  it('groups late answers of an open loop into the stretches they were due in', () => {
    // 10 a second: answers 3–5 are late together, 30 alone, 7 s later.
    const ms = Array.from({ length: 40 }, () => 4);
    ms[3] = 300;
    ms[4] = 290;
    ms[5] = 280;
    ms[30] = 60;
    expect(lateStretches(run(ms), 10, 50)).toEqual([
      { from: 0.3, to: 0.5, late: 3, longestMs: 300 },
      { from: 3, to: 3, late: 1, longestMs: 60 },
    ]);
    expect(lateStretches(run(ms.map(() => 4)), 10, 50)).toEqual([]);
  });
});
