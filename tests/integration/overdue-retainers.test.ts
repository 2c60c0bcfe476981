import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { admitToHospital } from '@/lib/package/admit-to-hospital';
import { listOverdueRetainers } from '@/lib/package/list-overdue-retainers';
import { postPackage } from '@/lib/package/post-package';
import { returnFromHospital } from '@/lib/package/return-from-hospital';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
let other: TFixture;
const placedAt = new Date('2026-05-01T09:00:00Z');
const stays: Record<string, string> = {};

async function placed(f: TFixture): Promise<{ id: string; reference: string; providerId: string }> {
  const saved = await saveDraftPackage(prisma, f.broker, {
    draft: draftFor(f, { serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 3, startDate: '2026-05-01' }] }),
  });
  await postPackage(prisma, f.broker, { packageId: saved.id }, placedAt);
  const [offer] = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
  await acceptOffer(prisma, f.providerActor(offer.providerId), { offerId: offer.id }, placedAt);
  return { id: saved.id, reference: saved.reference, providerId: offer.providerId };
}

async function admitted(name: string, admittedOn: string, retainerDays: number, f: TFixture = fx) {
  const p = await placed(f);
  await admitToHospital(prisma, f.broker, { packageId: p.id, admittedOn, retainerDays }, placedAt);
  stays[name] = p.reference;
  return p;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'RET', localityProviders: 1 });
  other = await buildCouncil(prisma, { code: 'RTO', localityProviders: 1 });
  await admitted('overdue', '2026-06-03', 28); // paid until 30 June
  await admitted('endsFirst', '2026-06-20', 12); // until 1 July
  await admitted('endsFourth', '2026-06-25', 10); // until 4 July
  await admitted('endsFifth', '2026-06-25', 11); // until 5 July
  const home = await admitted('cameHome', '2026-06-01', 20); // until 20 June, but came home
  await returnFromHospital(prisma, fx.broker, { packageId: home.id, returnedOn: '2026-06-15', outcome: 'RESUMED' }, placedAt);
  await admitted('otherCouncil', '2026-06-01', 5, other); // long overdue, in another council
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('retainers overdue or ending soon', () => {
  it('counts days in London: at 00:30 on 1 July in London (23:30 UTC on 30 June) it lists retainers ending by 4 July', async () => {
    const { total, retainers } = await listOverdueRetainers(prisma, fx.broker, { take: 25 }, new Date('2026-06-30T23:30:00Z'));
    expect(total).toBe(3);
    expect(retainers.map((r) => [r.reference, r.admittedOn, r.retainerUntil, r.daysInHospital, r.daysLeft])).toEqual([
      [stays.overdue, '2026-06-03', '2026-06-30', 28, -1],
      [stays.endsFirst, '2026-06-20', '2026-07-01', 11, 0],
      [stays.endsFourth, '2026-06-25', '2026-07-04', 6, 3],
    ]);
    const provider = await prisma.provider.findFirstOrThrow({ where: { id: fx.locality[0] } });
    expect(retainers[0]).toMatchObject({ providerId: fx.locality[0], providerName: provider.name });
  });

  it('one minute before midnight in London it is still 30 June', async () => {
    const { retainers } = await listOverdueRetainers(prisma, fx.broker, { take: 25 }, new Date('2026-06-30T22:59:00Z'));
    expect(retainers.map((r) => [r.reference, r.daysLeft, r.daysInHospital])).toEqual([
      [stays.overdue, 0, 27],
      [stays.endsFirst, 1, 10],
    ]);
  });

  it('in winter London is on UTC: at 23:30 UTC on 1 December it is still 1 December', async () => {
    const { retainers } = await listOverdueRetainers(prisma, fx.broker, { take: 25 }, new Date('2026-12-01T23:30:00Z'));
    expect(retainers.map((r) => r.daysLeft)).toEqual([-154, -153, -150, -149]);
  });

  it('pages, and leaves out people who came home and other councils', async () => {
    const first = await listOverdueRetainers(prisma, fx.broker, { take: 2 }, new Date('2026-07-10T12:00:00Z'));
    const second = await listOverdueRetainers(prisma, fx.broker, { take: 2, skip: 2 }, new Date('2026-07-10T12:00:00Z'));
    expect(first.total).toBe(4);
    expect([...first.retainers, ...second.retainers].map((r) => r.reference)).toEqual([stays.overdue, stays.endsFirst, stays.endsFourth, stays.endsFifth]);
    expect((await listOverdueRetainers(prisma, other.broker, { take: 25 }, new Date('2026-07-10T12:00:00Z'))).retainers.map((r) => r.reference)).toEqual([
      stays.otherCouncil,
    ]);
  });
});
