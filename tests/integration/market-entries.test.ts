import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardFilters } from '@/lib/dashboard/filters';
import { getMarketOverview } from '@/lib/dashboard/get-market-overview';
import { getPickUpTimes } from '@/lib/dashboard/get-pick-up-times';
import { getWaitingNow } from '@/lib/dashboard/get-waiting-now';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { admitToHospital } from '@/lib/package/admit-to-hospital';
import { listWaitingPackages } from '@/lib/package/list-waiting-packages';
import { postPackage } from '@/lib/package/post-package';
import { returnFromHospital } from '@/lib/package/return-from-hospital';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { suspendProvider } from '@/lib/provider/suspend-provider';
import { previewReplacement } from '@/lib/replacement/preview-replacement';
import { sendReplacementOffers } from '@/lib/replacement/send-replacement-offers';
import { resetDatabase, testPrisma } from './support/database';
import { buildFailureCouncil, failureDraft, type TFailureFixture, type TVisitSpec } from './support/failure-fixtures';

// A package goes to market when it is posted, and again when its provider is suspended or hands it
// back after a hospital stay. Pick-up times run from the latest of these before each placement, and
// every placement keeps its own; waiting ages run from the latest.

let prisma: PrismaClient;
let fx: TFailureFixture;
const ALL: TVisitSpec['days'] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const morning: TVisitSpec[] = [{ days: ALL, start: '07:30', minutes: 45, carers: 1 }];
const minute = 60_000;
const hour = 60 * minute;

/** Saves and posts a draft at `postedAt`, and has `providerId` accept its offer at `acceptedAt`. */
async function postAndPlace(localityId: string, providerId: string, postedAt: Date, acceptedAt: Date): Promise<string> {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: failureDraft(localityId, morning) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, postedAt);
  const offer = await prisma.offer.findFirstOrThrow({ where: { councilId: fx.councilId, packageId: saved.id, providerId, status: 'OFFERED' } });
  await acceptOffer(prisma, fx.providerActor(providerId), { offerId: offer.id }, acceptedAt);
  return saved.id;
}

const entries = async (packageId: string) =>
  (await prisma.packageMarketEntry.findMany({ where: { councilId: fx.councilId, packageId }, orderBy: { enteredAt: 'asc' } })).map((e) => [
    e.reason,
    e.enteredAt,
  ]);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildFailureCouncil(prisma, 'ME');
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe('a package placed, failed and re-placed', () => {
  const posted = new Date('2026-06-01T10:00:00Z'); // Monday, in office hours
  const firstPlaced = new Date(posted.getTime() + 2 * hour);
  const suspended = new Date('2026-11-20T09:00:00Z'); // Friday
  const outAgain = new Date('2026-11-20T10:00:00Z');
  const rePlaced = new Date(outAgain.getTime() + minute);
  let id: string;

  beforeAll(async () => {
    id = await postAndPlace(fx.localities[0], fx.failing, posted, firstPlaced);
    await suspendProvider(prisma, fx.commissioner, { providerId: fx.failing, reason: 'CQC rated Inadequate' }, suspended);
    const { batchId } = await previewReplacement(prisma, fx.commissioner, { providerId: fx.failing }, outAgain, { timeLimitSeconds: 5 });
    await sendReplacementOffers(prisma, fx.commissioner, { batchId }, outAgain);
    const offer = await prisma.offer.findFirstOrThrow({ where: { councilId: fx.councilId, packageId: id, status: 'OFFERED' } });
    await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, rePlaced);
  }, 120_000);

  it('records each time it went to market', async () => {
    expect(await entries(id)).toEqual([
      ['POSTED', posted],
      ['PLACEMENT_ENDED', outAgain],
    ]);
    const pkg = await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id } } });
    expect(pkg).toMatchObject({ status: 'PLACED', postedAt: posted, marketEnteredAt: outAgain, placedAt: rePlaced });
  });

  it('measures the re-placement from going out again: one minute', async () => {
    const november = await getPickUpTimes(prisma, fx.councilId, dashboardFilters({ from: '2026-11-01', to: '2026-11-30' }, rePlaced));
    expect(november.overall).toMatchObject({ placements: 1 });
    expect(november.overall?.medianHours).toBeCloseTo(1 / 60, 9);
  });

  it('keeps the first placement in past figures, from its own posting', async () => {
    const june = await getPickUpTimes(prisma, fx.councilId, dashboardFilters({ from: '2026-06-01', to: '2026-06-30' }, rePlaced));
    expect(june.overall).toMatchObject({ placements: 1 });
    expect(june.overall?.medianHours).toBeCloseTo(2, 9);
    const year = await getPickUpTimes(prisma, fx.councilId, dashboardFilters({ from: '2026-01-01', to: '2026-12-31' }, rePlaced));
    expect(year.overall?.placements).toBe(2);
    expect(year.overall?.medianHours).toBeCloseTo((2 + 1 / 60) / 2, 9);
    expect(year.overall?.p90Hours).toBeCloseTo(1 / 60 + 0.9 * (2 - 1 / 60), 9);
  });
});

describe('a package handed back after a hospital stay', () => {
  const posted = new Date('2026-09-07T10:00:00Z'); // Monday
  const placed = new Date(posted.getTime() + 30 * minute);
  const handedBack = new Date('2026-11-23T09:00:00Z'); // Monday
  const now = new Date(handedBack.getTime() + 2 * hour);
  let id: string;

  beforeAll(async () => {
    id = await postAndPlace(fx.localities[2], fx.b, posted, placed);
    await admitToHospital(prisma, fx.broker, { packageId: id, admittedOn: '2026-11-10' }, new Date('2026-11-10T12:00:00Z'));
    await returnFromHospital(prisma, fx.broker, { packageId: id, returnedOn: '2026-11-23', outcome: 'HANDED_BACK' }, handedBack);
  }, 120_000);

  it('records going out again when it is handed back', async () => {
    expect(await entries(id)).toEqual([
      ['POSTED', posted],
      ['PLACEMENT_ENDED', handedBack],
    ]);
  });

  it('counts its waiting age from going out again, on the dashboard, the market page and the waiting list', async () => {
    const waiting = await getWaitingNow(prisma, fx.councilId, dashboardFilters({}, now));
    expect(waiting.total.packages).toBe(1);
    expect(waiting.byAge.find((a) => a.key === 'A_UNDER_4H')?.packages).toBe(1);

    const market = await getMarketOverview(prisma, fx.councilId, now);
    expect(market.waiting).toMatchObject([{ postedAt: posted, marketEnteredAt: handedBack }]);

    const list = await listWaitingPackages(prisma, fx.broker, {}, now);
    expect(list.packages.map((p) => [p.id, p.marketEnteredAt])).toEqual([[id, handedBack]]);
    expect((await listWaitingPackages(prisma, fx.broker, { waitingOverDay: true }, now)).total).toBe(0);
    expect((await listWaitingPackages(prisma, fx.broker, { waitingOverDay: true }, new Date(handedBack.getTime() + 25 * hour))).total).toBe(1);
  });
});
