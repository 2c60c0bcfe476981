import { describe, expect, it } from 'vitest';
import { roundJobId, roundKey } from '@/lib/jobs/queues';

describe('round timer ids', () => {
  const job = { councilId: '2f0a4a51-8a53-4c8b-9d0e-5a1f3b2c4d5e', packageId: '7b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b', round: 3 };

  it('are the same for the same round, so scheduling twice leaves one job', () => {
    expect(roundJobId(job)).toBe(roundJobId({ ...job }));
    expect(roundKey(job)).toBe(`round-${job.packageId}-3`);
  });

  it('differ by round, package and council, and are uuids PostgreSQL accepts', () => {
    const ids = new Set([
      roundJobId(job),
      roundJobId({ ...job, round: 4 }),
      roundJobId({ ...job, packageId: job.councilId }),
      roundJobId({ ...job, councilId: job.packageId }),
    ]);
    expect(ids.size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
