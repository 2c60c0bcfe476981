import { randomUUID } from 'node:crypto';
import type { CqcRating, PrismaClient } from '@prisma/client';
import type { TCouncilActor, TProviderActor } from '@/lib/auth/permissions';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { nextNhsNumber } from './brokerage-fixtures';

// A council where one provider (the `failing` one) is the cheapest, best-rated locality contract
// holder everywhere and so holds many placed packages, with a market around it to re-place them:
//   a: LOCALITY in L1 and L2, double-handed, tight capacity
//   b: LOCALITY in L3 and L4, single-handed only
//   c: SPOT everywhere, double-handed, some capacity
//   lapsed: SPOT everywhere with plenty of capacity, but its contract ended in June
//   inadequate: SPOT everywhere with plenty of capacity, rated Inadequate
//   stepOnly: STEP everywhere (no tier for long-term care): asked only on the open market
// L1–L2 and L3–L4 are neighbours.

export const BANDS = ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT'] as const;
type TBandName = (typeof BANDS)[number];

export type TFailureFixture = {
  councilId: string;
  localities: string[];
  failing: string;
  a: string;
  b: string;
  c: string;
  lapsed: string;
  inadequate: string;
  stepOnly: string;
  broker: TCouncilActor;
  commissioner: TCouncilActor;
  providerActor: (providerId: string) => TProviderActor;
};

export async function buildFailureCouncil(prisma: PrismaClient, code: string): Promise<TFailureFixture> {
  const councilId = (await prisma.council.create({ data: { code, name: `${code} Council` } })).id;
  const localities: string[] = [];
  for (const n of [1, 2, 3, 4]) {
    localities.push((await prisma.locality.create({ data: { councilId, code: `${code}-L${n}`, name: `${code} Area ${n}`, rural: n > 2 } })).id);
  }
  const [l1, l2, l3, l4] = localities;
  await prisma.localityNeighbour.createMany({
    data: [
      { councilId, localityId: l1, neighbourId: l2 },
      { councilId, localityId: l2, neighbourId: l1 },
      { councilId, localityId: l3, neighbourId: l4 },
      { councilId, localityId: l4, neighbourId: l3 },
    ],
  });
  const declaredAt = new Date('2026-01-01T00:00:00Z');
  let n = 0;
  const provider = async (o: {
    type: 'LOCALITY' | 'SPOT' | 'STEP';
    localityIds: string[];
    rating: CqcRating;
    doubleHanded: boolean;
    rate: number;
    capacity: Partial<Record<TBandName, number>>;
    validTo?: Date;
  }) => {
    n++;
    const p = await prisma.provider.create({
      data: {
        name: `${code} Home Care ${String(n).padStart(2, '0')}`,
        cqcLocationId: `${code}-${n}-${randomUUID()}`,
        cqcRating: o.rating,
        doubleHanded: o.doubleHanded,
      },
    });
    await prisma.councilProvider.create({ data: { councilId, providerId: p.id } });
    await prisma.contract.create({
      data: {
        councilId,
        reference: `${code}-${o.type}-${n}`,
        providerId: p.id,
        type: o.type,
        hourlyRate: o.rate,
        validFrom: new Date('2025-04-01'),
        validTo: o.validTo ?? null,
        localities: { create: o.localityIds.map((localityId) => ({ localityId })) },
      },
    });
    await prisma.capacityDeclaration.createMany({
      data: o.localityIds.flatMap((localityId) =>
        Object.entries(o.capacity).map(([band, carerHours]) => ({ councilId, providerId: p.id, localityId, band: band as TBandName, carerHours, declaredAt })),
      ),
    });
    return p.id;
  };
  const plenty = { MORNING: 500, MIDDAY: 500, AFTERNOON: 500, EVENING: 500, NIGHT: 500 };
  const failing = await provider({ type: 'LOCALITY', localityIds: localities, rating: 'OUTSTANDING', doubleHanded: true, rate: 19.5, capacity: plenty });
  const a = await provider({ type: 'LOCALITY', localityIds: [l1, l2], rating: 'GOOD', doubleHanded: true, rate: 21, capacity: { MORNING: 30, EVENING: 8 } });
  const b = await provider({
    type: 'LOCALITY',
    localityIds: [l3, l4],
    rating: 'GOOD',
    doubleHanded: false,
    rate: 21.5,
    capacity: { MORNING: 20, EVENING: 10 },
  });
  const c = await provider({
    type: 'SPOT',
    localityIds: localities,
    rating: 'REQUIRES_IMPROVEMENT',
    doubleHanded: true,
    rate: 23,
    capacity: { MORNING: 25, EVENING: 8 },
  });
  const lapsed = await provider({
    type: 'SPOT',
    localityIds: localities,
    rating: 'GOOD',
    doubleHanded: true,
    rate: 18,
    capacity: plenty,
    validTo: new Date('2026-06-30'),
  });
  const inadequate = await provider({ type: 'SPOT', localityIds: localities, rating: 'INADEQUATE', doubleHanded: true, rate: 18, capacity: plenty });
  const stepOnly = await provider({ type: 'STEP', localityIds: localities, rating: 'GOOD', doubleHanded: true, rate: 20.6, capacity: {} });

  const user = async (role: 'BROKER' | 'COMMISSIONER', email: string): Promise<TCouncilActor> => {
    const u = await prisma.user.create({
      data: { email, name: role === 'BROKER' ? 'Bea Broker' : 'Cam Commissioner', role, councilId, mfaEnabled: role === 'COMMISSIONER' },
    });
    return { userId: u.id, email, name: u.name, role, councilId, providerId: null, providerManager: false, mfaEnabled: role === 'COMMISSIONER' };
  };
  const broker = await user('BROKER', `broker@${code.toLowerCase()}.example`);
  const commissioner = await user('COMMISSIONER', `commissioner@${code.toLowerCase()}.example`);
  const providerActor = (providerId: string): TProviderActor => ({
    userId: randomUUID(),
    email: `${providerId}@provider.example`,
    name: 'Pat Provider',
    role: 'PROVIDER',
    councilId: null,
    providerId,
    providerManager: false,
    mfaEnabled: false,
  });
  return { councilId, localities, failing, a, b, c, lapsed, inadequate, stepOnly, broker, commissioner, providerActor };
}

export type TVisitSpec = { days: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN')[]; start: string; minutes: number; carers: 1 | 2 };

/** A draft in `localityId` with the given visits and one personal-care line from 2 Nov 2026. */
export function failureDraft(localityId: string, visits: TVisitSpec[], more: { personId?: string; excludedProviderIds?: string[] } = {}) {
  const hours = visits.reduce((a, v) => a + (v.minutes / 60) * v.carers * v.days.length, 0);
  return {
    ...(more.personId
      ? { personId: more.personId }
      : {
          person: {
            givenName: 'Edith',
            familyName: 'Hartley',
            dateOfBirth: '1938-03-14',
            nhsNumber: nextNhsNumber(),
            addressLine1: '2 Mill Lane',
            town: 'Bradford',
            postcode: 'BD2 3AB',
          },
        }),
    localityId,
    pathway: 'LONG_TERM' as const,
    funding: 'COUNCIL' as const,
    visits,
    excludedProviderIds: more.excludedProviderIds ?? [],
    serviceLines: [{ type: 'PERSONAL_CARE' as const, hoursPerWeek: Math.round(hours * 100) / 100, startDate: '2026-11-02' }],
  };
}

/** Saves, posts and has `providerId` accept the draft through the real brokerage loop; the package id. */
export async function placeWith(
  prisma: PrismaClient,
  fx: TFailureFixture,
  providerId: string,
  draft: ReturnType<typeof failureDraft>,
  at: Date,
): Promise<string> {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, at);
  const offer = await prisma.offer.findFirstOrThrow({ where: { councilId: fx.councilId, packageId: saved.id, providerId, status: 'OFFERED' } });
  await acceptOffer(prisma, fx.providerActor(providerId), { offerId: offer.id }, at);
  return saved.id;
}
