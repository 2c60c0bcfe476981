import { AppError } from '@/lib/errors/app-error';
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor, TProviderActor } from '@/lib/auth/permissions';

// A small council built for the brokerage tests, so each case knows exactly who sits in which tier
// of the cascade for a LONG_TERM, council-funded package in locality L1 (docs/placement.md):
//   tier 1: LOCALITY contracts covering L1 (the `locality` providers)
//   tier 2: a LOCALITY contract covering L2, a neighbour of L1, with capacity declared in L1
//   tier 3: a SPOT contract covering L1
//   open market only: a STEP contract covering L1 (STEP gives no tier to long-term care)

export type TFixture = {
  councilId: string;
  localities: { l1: string; l2: string; l3: string };
  locality: string[];
  neighbour: string;
  spot: string;
  step: string;
  broker: TCouncilActor;
  providerActor: (providerId: string) => TProviderActor;
};

export async function buildCouncil(prisma: PrismaClient, options: { code: string; localityProviders: number; declaredAt?: Date }): Promise<TFixture> {
  const declaredAt = options.declaredAt ?? new Date('2026-01-01T00:00:00Z');
  const council = await prisma.council.create({ data: { code: options.code, name: `${options.code} Council` } });
  const councilId = council.id;
  // No office days: long-term offers' time runs round the clock, so a test's deadlines are plain
  // sums whatever day its clock names (office hours have their own tests).
  await prisma.councilSetting.create({ data: { councilId, officeDays: [] } });
  const loc = async (code: string) =>
    (await prisma.locality.create({ data: { councilId, code: `${options.code}-${code}`, name: `${options.code} ${code}` } })).id;
  const l1 = await loc('L1');
  const l2 = await loc('L2');
  const l3 = await loc('L3');
  await prisma.localityNeighbour.createMany({
    data: [
      { councilId, localityId: l1, neighbourId: l2 },
      { councilId, localityId: l2, neighbourId: l1 },
    ],
  });

  let n = 0;
  const provider = async (type: 'LOCALITY' | 'SPOT' | 'STEP', localityIds: string[], capacity: number, rate: number) => {
    n++;
    const p = await prisma.provider.create({
      data: {
        name: `${options.code} Care ${String(n).padStart(2, '0')}`,
        cqcLocationId: `${options.code}-${n}-${randomUUID()}`,
        cqcRating: 'GOOD',
        doubleHanded: true,
      },
    });
    await prisma.councilProvider.create({ data: { councilId, providerId: p.id } });
    await prisma.contract.create({
      data: {
        councilId,
        reference: `${options.code}-${type}-${n}`,
        providerId: p.id,
        type,
        hourlyRate: rate,
        validFrom: new Date('2025-04-01'),
        localities: { create: localityIds.map((localityId) => ({ localityId })) },
      },
    });
    if (capacity > 0) {
      await prisma.capacityDeclaration.createMany({
        data: (['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT'] as const).map((band) => ({
          councilId,
          providerId: p.id,
          localityId: l1,
          band,
          carerHours: capacity,
          declaredAt,
        })),
      });
    }
    return p.id;
  };
  const locality: string[] = [];
  for (let i = 0; i < options.localityProviders; i++) locality.push(await provider('LOCALITY', [l1], 1000, 21 + i / 100));
  const neighbour = await provider('LOCALITY', [l2], 1000, 22);
  const spot = await provider('SPOT', [l1], 1000, 23);
  const step = await provider('STEP', [l1], 0, 20.6);

  const brokerUser = await prisma.user.create({
    data: { email: `broker@${options.code.toLowerCase()}.example`, name: 'Bea Broker', role: 'BROKER', councilId },
  });
  const broker: TCouncilActor = {
    userId: brokerUser.id,
    email: brokerUser.email,
    name: brokerUser.name,
    role: 'BROKER',
    councilId,
    providerId: null,
    providerManager: false,
    mfaEnabled: false,
  };
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
  return { councilId, localities: { l1, l2, l3 }, locality, neighbour, spot, step, broker, providerActor };
}

let nhs = 0;
/** A valid NHS number (mod-11 check digit) that no other test person has. */
export function nextNhsNumber(): string {
  for (;;) {
    nhs++;
    const base = String(400000000 + nhs * 7).padStart(9, '0');
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(base[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${base}${check === 11 ? 0 : check}`;
  }
}

/** A person living in a locality, with an NHS number no other test person has. */
export function createTestPerson(prisma: PrismaClient, councilId: string, localityId: string) {
  return prisma.person.create({
    data: {
      councilId,
      givenName: 'Test',
      familyName: 'Person',
      dateOfBirth: new Date('1940-01-01'),
      nhsNumber: nextNhsNumber(),
      addressLine1: '1 Street',
      town: 'Town',
      postcode: 'BD1 1AA',
      localityId,
    },
  });
}

export function draftFor(fx: TFixture, overrides: Record<string, unknown> = {}) {
  return {
    person: {
      givenName: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: '1936-12-10',
      nhsNumber: nextNhsNumber(),
      addressLine1: '1 Test Street',
      town: 'Bradford',
      postcode: 'BD1 1HY',
    },
    localityId: fx.localities.l1,
    pathway: 'LONG_TERM' as const,
    funding: 'COUNCIL' as const,
    visits: [{ days: ['MON', 'WED', 'FRI'] as ('MON' | 'WED' | 'FRI')[], start: '07:30', minutes: 60, carers: 1 as const }],
    serviceLines: [{ type: 'PERSONAL_CARE' as const, hoursPerWeek: 3, startDate: '2026-12-01' }],
    ...overrides,
  };
}

/** The AppError a promise rejects with (anything else, or no rejection, fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
