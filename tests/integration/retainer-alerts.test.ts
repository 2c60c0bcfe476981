import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { admitToHospital } from '@/lib/package/admit-to-hospital';
import { alertOverdueRetainers } from '@/lib/package/alert-overdue-retainers';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
const now = new Date('2026-11-23T09:00:00Z');

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'RET', localityProviders: 1 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function inHospital(admittedOn: string, retainerDays: number) {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
  const offer = await prisma.offer.findFirstOrThrow({ where: { packageId: saved.id, status: 'OFFERED' } });
  await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
  await admitToHospital(prisma, fx.broker, { packageId: saved.id, admittedOn, retainerDays }, now);
  return saved;
}

describe('retainer alerts', () => {
  it('tell the broker once, the day after the last paid day, while the person is still in hospital', async () => {
    // Retainer paid for 14 days from 1 December: the last paid day is 14 December.
    const pkg = await inHospital('2026-12-01', 14);
    const alerts = () => prisma.notification.findMany({ where: { kind: 'RETAINER_OVERDUE', userId: fx.broker.userId } });

    // 23:30 on 14 December in London is still the last paid day.
    expect(await alertOverdueRetainers(prisma, new Date('2026-12-14T23:30:00Z'))).toEqual({ alerted: 0 });
    expect(await alertOverdueRetainers(prisma, new Date('2026-12-15T00:30:00Z'))).toEqual({ alerted: 1 });
    const [alert] = await alerts();
    expect(alert).toMatchObject({ title: `${pkg.reference}: retainer ended 2026-12-14`, link: `/packages/${pkg.reference}` });
    expect(alert.body).not.toContain('Ada');

    const [again, concurrent] = await Promise.all([
      alertOverdueRetainers(prisma, new Date('2026-12-16T09:00:00Z')),
      alertOverdueRetainers(prisma, new Date('2026-12-16T09:00:00Z')),
    ]);
    expect(again.alerted + concurrent.alerted).toBe(0);
    expect(await alerts()).toHaveLength(1);
  });

  it('say nothing about stays that ended or retainers still running', async () => {
    await prisma.notification.deleteMany({});
    await inHospital('2026-12-20', 28);
    expect(await alertOverdueRetainers(prisma, new Date('2027-01-16T12:00:00Z'))).toEqual({ alerted: 0 });
    expect(await alertOverdueRetainers(prisma, new Date('2027-01-17T12:00:00Z'))).toEqual({ alerted: 1 });
  });
});
