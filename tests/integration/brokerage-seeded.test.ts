import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { reconcileRounds } from '@/lib/worker/start-worker';
import { postPackage } from '@/lib/package/post-package';
import { previewCascade } from '@/lib/package/preview-cascade';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// The brokerage loop on the seeded market: both councils, the seeded rounds already out.

let prisma: PrismaClient;
const now = new Date('2026-11-23T09:00:00Z');
const DAY = 24 * 3_600_000;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true });
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function brokerOf(code: string): Promise<TCouncilActor> {
  const u = await prisma.user.findFirstOrThrow({ where: { role: 'BROKER', council: { code } } });
  if (!u.councilId) throw new Error(`${u.email} has no council`);
  return { userId: u.id, email: u.email, name: u.name, role: 'BROKER', councilId: u.councilId, providerId: null, providerManager: false, mfaEnabled: false };
}

describe('on the seeded market', () => {
  it('previews and posts a draft in each council, including a discharge from a hospital the engine does not name', async () => {
    for (const code of ['BDC', 'KHC']) {
      const broker = await brokerOf(code);
      const draft = await prisma.package.findFirstOrThrow({ where: { council: { code }, status: 'DRAFT' } });
      const preview = await previewCascade(prisma, broker, { packageId: draft.id }, now);
      expect(preview.offers.length + preview.excluded.length).toBe(await prisma.councilProvider.count({ where: { council: { code } } }));
      const outcome = await postPackage(prisma, broker, { packageId: draft.id }, now);
      expect(outcome.offers).toBeGreaterThan(0);
    }
    const khc = await brokerOf('KHC');
    const hospital = await prisma.hospital.findFirstOrThrow({ where: { councilId: khc.councilId!, code: 'KGH' } });
    const discharge = await prisma.contract.findFirst({ where: { councilId: khc.councilId!, type: 'DISCHARGE' }, include: { localities: true } });
    const localityId = discharge?.localities[0]?.localityId ?? (await prisma.locality.findFirstOrThrow({ where: { councilId: khc.councilId! } })).id;
    const preview = await previewCascade(
      prisma,
      khc,
      {
        draft: {
          personId: (await prisma.person.findFirstOrThrow({ where: { councilId: khc.councilId! } })).id,
          localityId,
          pathway: 'HOSPITAL_DISCHARGE',
          hospitalId: hospital.id,
          visits: [{ days: ['MON'], start: '09:00', minutes: 30, carers: 1 }],
          serviceLines: [{ type: 'REABLEMENT', hoursPerWeek: 0.5, startDate: '2026-11-23' }],
        },
      },
      now,
    );
    if (discharge) {
      const offer = preview.offers.find((o) => o.contractId === discharge.id);
      expect(offer?.reasons.join('; ')).toContain(hospital.name);
    }
    expect(preview.offers.every((o) => !o.reasons.join(' ').includes('Bradford Royal Infirmary'))).toBe(true);
  });

  it('closes every seeded round once its deadline has passed, and only once', async () => {
    const later = new Date(now.getTime() + 30 * DAY);
    const open = await prisma.package.count({ where: { status: { in: ['OFFERING', 'OPEN_MARKET'] }, offers: { some: { status: 'OFFERED' } } } });
    expect(open).toBeGreaterThan(0);
    const first = await reconcileRounds(prisma, later);
    expect(first.closed).toBe(open);
    // The seed records each waiting package's current round, so there is nothing to realign.
    expect(first.aligned).toBe(0);
    expect(await reconcileRounds(prisma, later)).toMatchObject({ closed: 0 });
    expect(await prisma.offer.count({ where: { status: 'OFFERED', deadline: { lte: later } } })).toBe(0);
  });
});
