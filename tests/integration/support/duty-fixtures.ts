import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor, TProviderActor } from '@/lib/auth/permissions';
import { nextNhsNumber } from './brokerage-fixtures';

// A small council for the duty board: two hospitals and two STEP areas, so each case knows who
// the engine ranks (docs/placement.md) for a package in locality L1:
//   hospital discharge from BRI: tier 1 the BRI discharge provider, tier 2 the two STEP providers
//     of area 1, tier 3 the locality provider, tier 4 the spot provider; the AGH discharge
//     provider is not eligible (its contract is for the other hospital)
//   reablement: tier 1 the two STEP providers of area 1, tier 2 locality, tier 3 spot
// Area 2 (locality L2) has its own STEP provider, which never gets L1's packages.

export type TDutyFixture = {
  councilId: string;
  code: string;
  localities: { l1: string; l2: string };
  hospitals: { bri: string; agh: string };
  providers: { dischargeBri: string; dischargeAgh: string; step1: string; step2: string; stepArea2: string; locality: string; spot: string };
  /** Area 2's STEP contract, the key the board's area filter uses for it. */
  areas: { area2: string };
  best: TCouncilActor;
  broker: TCouncilActor;
  providerActor: (providerId: string) => TProviderActor;
};

type ContractType = 'LOCALITY' | 'SPOT' | 'STEP' | 'DISCHARGE';

export async function buildDutyCouncil(prisma: PrismaClient, code: string): Promise<TDutyFixture> {
  const council = await prisma.council.create({ data: { code, name: `${code} Council` } });
  const councilId = council.id;
  const loc = async (c: string) => (await prisma.locality.create({ data: { councilId, code: `${code}-${c}`, name: `${code} ${c}` } })).id;
  const l1 = await loc('L1');
  const l2 = await loc('L2');
  const hospital = async (c: string, name: string) => (await prisma.hospital.create({ data: { councilId, code: c, name } })).id;
  const bri = await hospital('BRI', 'Bradford Royal Infirmary');
  const agh = await hospital('AGH', 'Airedale General Hospital');

  let n = 0;
  const contractIds: string[] = [];
  const provider = async (type: ContractType, localityIds: string[], rate: number, hospitalId: string | null = null) => {
    n++;
    const p = await prisma.provider.create({
      data: {
        name: `${code} ${type.toLowerCase()} care ${String(n).padStart(2, '0')}`,
        cqcLocationId: `${code}-${n}-${randomUUID()}`,
        cqcRating: 'GOOD',
        doubleHanded: true,
      },
    });
    await prisma.councilProvider.create({ data: { councilId, providerId: p.id } });
    const contract = await prisma.contract.create({
      data: {
        councilId,
        reference: `${code}-${type}-${n}`,
        providerId: p.id,
        type,
        hospitalId,
        hourlyRate: rate,
        validFrom: new Date('2025-04-01'),
        localities: { create: localityIds.map((localityId) => ({ localityId })) },
      },
    });
    contractIds.push(contract.id);
    await prisma.capacityDeclaration.createMany({
      data: localityIds.flatMap((localityId) =>
        (['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT'] as const).map((band) => ({
          councilId,
          providerId: p.id,
          localityId,
          band,
          carerHours: 1000,
          declaredAt: new Date('2026-01-01T00:00:00Z'),
        })),
      ),
    });
    return { providerId: p.id, contractId: contract.id };
  };
  const dischargeBri = await provider('DISCHARGE', [l1, l2], 20.6, bri);
  const dischargeAgh = await provider('DISCHARGE', [l1, l2], 20.6, agh);
  const step1 = await provider('STEP', [l1], 20.6);
  const step2 = await provider('STEP', [l1], 20.7);
  const stepArea2 = await provider('STEP', [l2], 20.6);
  const locality = await provider('LOCALITY', [l1], 21);
  const spot = await provider('SPOT', [l1, l2], 23);

  const user = async (role: 'BEST' | 'BROKER', name: string): Promise<TCouncilActor> => {
    const u = await prisma.user.create({ data: { email: `${role.toLowerCase()}@${code.toLowerCase()}.example`, name, role, councilId } });
    return { userId: u.id, email: u.email, name: u.name, role, councilId, providerId: null, providerManager: false, mfaEnabled: false };
  };
  const best = await user('BEST', 'Bo Best');
  const broker = await user('BROKER', 'Bea Broker');
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
  return {
    councilId,
    code,
    localities: { l1, l2 },
    hospitals: { bri, agh },
    providers: {
      dischargeBri: dischargeBri.providerId,
      dischargeAgh: dischargeAgh.providerId,
      step1: step1.providerId,
      step2: step2.providerId,
      stepArea2: stepArea2.providerId,
      locality: locality.providerId,
      spot: spot.providerId,
    },
    areas: { area2: stepArea2.contractId },
    best,
    broker,
    providerActor,
  };
}

type Pathway = 'LONG_TERM' | 'REABLEMENT' | 'HOSPITAL_DISCHARGE';

const WEEK: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN')[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** A draft for the duty council: a new person in L1 unless told otherwise, one morning visit a day. */
export function dutyDraft(fx: TDutyFixture, pathway: Pathway, overrides: Record<string, unknown> = {}) {
  return {
    person: {
      givenName: 'Ida',
      familyName: 'Dutytest',
      dateOfBirth: '1934-05-06',
      nhsNumber: nextNhsNumber(),
      addressLine1: '2 Ward Street',
      town: 'Bradford',
      postcode: 'BD9 6RJ',
    },
    localityId: fx.localities.l1,
    pathway,
    funding: 'COUNCIL' as const,
    ...(pathway === 'HOSPITAL_DISCHARGE' ? { hospitalId: fx.hospitals.bri } : {}),
    visits: [{ days: [...WEEK], start: '08:00', minutes: 30, carers: 1 as const }],
    serviceLines: [{ type: pathway === 'LONG_TERM' ? ('PERSONAL_CARE' as const) : ('REABLEMENT' as const), hoursPerWeek: 3.5, startDate: '2026-11-23' }],
    ...overrides,
  };
}
