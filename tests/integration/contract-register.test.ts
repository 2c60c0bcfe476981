import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { addContractRate } from '@/lib/contract/add-contract-rate';
import { createContract } from '@/lib/contract/create-contract';
import { endContract } from '@/lib/contract/end-contract';
import { getContract } from '@/lib/contract/get-contract';
import { listContracts } from '@/lib/contract/list-contracts';
import { applyUplift, previewUplift } from '@/lib/contract/uplift-contracts';
import { varyContract } from '@/lib/contract/vary-contract';
import { getSharedLocalityShares } from '@/lib/dashboard/get-locality-share';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, nextNhsNumber, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// The council's contract register (docs/contracts.md): a contract registered for a new provider
// puts it first in its locality's cascade, ending it takes it out from the day after its last day,
// every bad input is refused by its field with nothing written, and an annual uplift adds dated
// rates that offers use from that day on, never before. The clock is each call's own.

let prisma: PrismaClient;
const now = new Date('2026-11-23T09:00:00Z');
const tomorrow = new Date('2026-11-24T09:00:00Z');

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function adminOf(fx: TFixture, code: string): Promise<TCouncilActor> {
  const user = await prisma.user.create({ data: { email: `admin@${code.toLowerCase()}.example`, name: 'Ada Admin', role: 'ADMIN', councilId: fx.councilId } });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: 'ADMIN',
    councilId: fx.councilId,
    providerId: null,
    providerManager: false,
    mfaEnabled: true,
  };
}

/** A provider just put on the council's register, with spare capacity declared in L1. */
async function newProvider(fx: TFixture, name: string): Promise<string> {
  const p = await prisma.provider.create({ data: { name, cqcLocationId: `1-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded: true } });
  await prisma.councilProvider.create({ data: { councilId: fx.councilId, providerId: p.id } });
  await prisma.capacityDeclaration.createMany({
    data: (['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT'] as const).map((band) => ({
      councilId: fx.councilId,
      providerId: p.id,
      localityId: fx.localities.l1,
      band,
      carerHours: 100,
      declaredAt: new Date('2026-11-01T00:00:00Z'),
    })),
  });
  return p.id;
}

async function post(fx: TFixture, at: Date): Promise<string> {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, at);
  return saved.id;
}

const offersOf = (packageId: string) => prisma.offer.findMany({ where: { packageId }, orderBy: { rank: 'asc' } });

const locality = (fx: TFixture, over: Record<string, unknown> = {}) => ({
  reference: 'CRG-LOC-NEW',
  providerId: '',
  type: 'LOCALITY' as const,
  hospitalId: null,
  personNhsNumber: null,
  stepAreaId: null,
  localityIds: [fx.localities.l1],
  hourlyRate: 20.5,
  validFrom: '2026-11-01',
  validTo: null,
  ...over,
});

describe('a contract for a newly registered provider', () => {
  let fx: TFixture;
  let admin: TCouncilActor;
  let providerId: string;
  let contractId: string;

  beforeAll(async () => {
    // No LOCALITY holder in L1 yet: tier 1 is empty until the new contract.
    fx = await buildCouncil(prisma, { code: 'CRG', localityProviders: 0 });
    admin = await adminOf(fx, 'CRG');
    providerId = await newProvider(fx, 'Newcome Care');
  });

  it('puts the provider first in its locality, offered at tier 1 under the new contract', async () => {
    const created = await createContract(prisma, admin, locality(fx, { providerId }), now);
    contractId = created.id;
    expect(created.reference).toBe('CRG-LOC-NEW');
    expect(await prisma.auditEvent.count({ where: { entityId: contractId, action: 'contract.created', actorId: admin.userId } })).toBe(1);

    const packageId = await post(fx, now);
    const offers = await offersOf(packageId);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ providerId, contractId, tier: 1, round: 1 });
    expect(Number(offers[0].hourlyRate)).toBe(20.5);
    expect(offers[0].reasons.slice(0, 3)).toEqual(['Locality contract holder for CRG L1', 'Good', '£20.50/h']);
  });

  it('ending it from tomorrow (last day today) means a package posted the day after is not offered to it', async () => {
    const ended = await endContract(prisma, admin, { contractId, lastDay: '2026-11-23', reason: 'Re-tendered to another provider' });
    expect(ended).toEqual({ reference: 'CRG-LOC-NEW', lastDay: '2026-11-23' });
    const row = await prisma.contract.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: contractId } } });
    expect(row.validTo?.toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(row.endReason).toBe('Re-tendered to another provider');

    // Still in force for the rest of today…
    expect((await offersOf(await post(fx, new Date('2026-11-23T20:00:00Z')))).map((o) => o.providerId)).toContain(providerId);
    // …and not tomorrow: tier 1 is empty again, so the neighbouring locality's holder is first.
    const later = await offersOf(await post(fx, tomorrow));
    expect(later.length).toBeGreaterThan(0);
    expect(later.map((o) => o.providerId)).not.toContain(providerId);
    expect(later[0]).toMatchObject({ providerId: fx.neighbour, tier: 2 });

    const listed = await listContracts(prisma, admin, { state: 'ENDED' }, { skip: 0, take: 25 }, tomorrow);
    expect(listed.rows.map((r) => r.reference)).toEqual(['CRG-LOC-NEW']);
    const view = await getContract(prisma, admin, 'CRG-LOC-NEW', tomorrow);
    expect(view.inForce).toBe(false);
    expect(view.history.map((h) => h.action)).toEqual(['contract.created', 'contract.ended']);
  });

  it('refuses each bad input by its field and writes nothing', async () => {
    const hospital = await prisma.hospital.create({ data: { councilId: fx.councilId, code: 'BRI', name: 'Bradford Royal Infirmary' } });
    const person = await prisma.person.create({
      data: {
        councilId: fx.councilId,
        givenName: 'Iris',
        familyName: 'Fund',
        dateOfBirth: new Date('1940-01-01'),
        nhsNumber: nextNhsNumber(),
        addressLine1: '2 Test Street',
        town: 'Bradford',
        postcode: 'BD1 1HY',
        localityId: fx.localities.l1,
      },
    });
    const lead = await createContract(prisma, admin, locality(fx, { providerId: fx.spot, reference: 'CRG-LEAD', targetShares: { [fx.localities.l1]: 70 } }));
    const counts = async () => ({
      contracts: await prisma.contract.count({ where: { councilId: fx.councilId } }),
      localities: await prisma.contractLocality.count({ where: { councilId: fx.councilId } }),
      audit: await prisma.auditEvent.count({ where: { councilId: fx.councilId } }),
    });
    const before = await counts();
    const refused = async (over: Record<string, unknown>) => {
      const error = await rejection(createContract(prisma, admin, locality(fx, { providerId, reference: 'CRG-BAD', validFrom: '2026-12-01', ...over })));
      expect(error.code).toBe('VALIDATION');
      return error.fieldErrors ?? {};
    };

    expect((await refused({ localityIds: [randomUUID()] })).localityIds?.[0]).toMatch(/not one of your council’s/);
    // Overlaps the provider's own LOCALITY contract in L1 (it ran to 2026-11-23).
    expect((await refused({ validFrom: '2026-11-20' })).validFrom?.[0]).toMatch(/overlap contract CRG-LOC-NEW/);
    expect((await refused({ hourlyRate: 0 })).hourlyRate?.[0]).toMatch(/more than £0/);
    expect((await refused({ hospitalId: hospital.id })).hospitalId?.[0]).toMatch(/Only a hospital discharge/);
    expect((await refused({ type: 'DISCHARGE' })).hospitalId?.[0]).toMatch(/names its hospital/);
    expect((await refused({ type: 'ISF' })).personNhsNumber?.[0]).toMatch(/names the person/);
    expect((await refused({ type: 'ISF', personNhsNumber: '4000000000' })).personNhsNumber?.[0]).toMatch(/No one with NHS number/);
    expect((await refused({ reference: 'crg-lead' })).reference?.[0]).toMatch(/already has the reference CRG-LEAD/);
    expect((await refused({ targetShares: { [fx.localities.l1]: 31 } })).targetShares?.[0]).toMatch(/more than 100%.*CRG-LEAD 70%/);
    expect((await refused({ providerId: randomUUID() })).providerId?.[0]).toMatch(/register/);
    expect(await counts()).toEqual(before);

    // The same inputs put right are accepted: an ISF contract for its person, a 30% share beside the lead's 70%.
    await createContract(
      prisma,
      admin,
      locality(fx, { providerId, reference: 'CRG-ISF', type: 'ISF', personNhsNumber: person.nhsNumber, validFrom: '2026-12-01' }),
    );
    await createContract(
      prisma,
      admin,
      locality(fx, { providerId, reference: 'CRG-SHARE', validFrom: '2026-12-01', targetShares: { [fx.localities.l1]: 30 } }),
    );
    // Varying the lead up to 71% would overfill the locality; the variation is refused and nothing changes.
    const vary = await rejection(
      varyContract(prisma, admin, {
        contractId: lead.id,
        reference: 'CRG-LEAD',
        hospitalId: null,
        localityIds: [fx.localities.l1],
        validFrom: '2026-11-01',
        validTo: null,
        targetShares: { [fx.localities.l1]: 71 },
        reason: 'Bigger share',
      }),
    );
    expect(vary.fieldErrors?.targetShares?.[0]).toMatch(/more than 100%/);
    expect(Number((await prisma.contractLocality.findFirstOrThrow({ where: { contractId: lead.id } })).targetShare)).toBe(70);
  });

  it('shows and changes nothing of another council’s register', async () => {
    const stranger = { ...admin, councilId: '00000000-0000-4000-8000-000000000999' };
    expect((await rejection(getContract(prisma, stranger, 'CRG-LOC-NEW'))).code).toBe('NOT_FOUND');
    expect((await rejection(endContract(prisma, stranger, { contractId, lastDay: '2026-11-25', reason: 'Not ours to end' }))).code).toBe('NOT_FOUND');
    expect((await rejection(addContractRate(prisma, stranger, { contractId, validFrom: '2026-11-20', hourlyRate: 30, reason: 'Not ours' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await listContracts(prisma, stranger, { state: 'ALL' }, { skip: 0, take: 25 })).total).toBe(0);
    const row = await prisma.contract.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: contractId } } });
    expect(row.validTo?.toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(await prisma.contractRate.count({ where: { contractId } })).toBe(0);
  });

  it('holds the overlap rule when two administrators save at the same moment', async () => {
    const other = await newProvider(fx, 'Racing Care');
    const results = await Promise.allSettled(
      ['CRG-RACE-1', 'CRG-RACE-2'].map((reference) => createContract(prisma, admin, locality(fx, { providerId: other, reference, validFrom: '2027-01-01' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason.fieldErrors.validFrom[0]).toMatch(/overlap contract CRG-RACE-/);
    expect(await prisma.contract.count({ where: { councilId: fx.councilId, providerId: other } })).toBe(1);
  });
});

describe('dated rates and the annual uplift', () => {
  let fx: TFixture;
  let admin: TCouncilActor;

  beforeAll(async () => {
    // LOCALITY contracts at £21.00 (L1) and £22.00 (L2), a SPOT at £23.00 and a STEP at £20.60.
    fx = await buildCouncil(prisma, { code: 'UPL', localityProviders: 1 });
    admin = await adminOf(fx, 'UPL');
  });

  it('previews and applies 7.2% to every LOCALITY contract in force on 1 April, from 1 April, as dated rates', async () => {
    const preview = await previewUplift(prisma, admin, { type: 'LOCALITY', percent: 7.2, validFrom: '2027-04-01' });
    expect(preview.lines.map((l) => [l.reference, l.from, l.to])).toEqual([
      ['UPL-LOCALITY-1', 21, 22.51],
      ['UPL-LOCALITY-2', 22, 23.58],
    ]);
    expect(await prisma.contractRate.count({ where: { councilId: fx.councilId } })).toBe(0);

    const stale = await rejection(applyUplift(prisma, admin, { type: 'LOCALITY', percent: 7.2, validFrom: '2027-04-01', expectedContracts: 3 }));
    expect(stale.code).toBe('CONFLICT');
    expect(await applyUplift(prisma, admin, { type: 'LOCALITY', percent: 7.2, validFrom: '2027-04-01', expectedContracts: 2 })).toEqual({ contracts: 2 });

    const rates = await prisma.contractRate.findMany({
      where: { councilId: fx.councilId },
      include: { contract: { select: { reference: true, hourlyRate: true } } },
    });
    expect(rates.map((r) => [r.contract.reference, r.validFrom.toISOString().slice(0, 10), Number(r.hourlyRate), r.createdById]).sort()).toEqual([
      ['UPL-LOCALITY-1', '2027-04-01', 22.51, admin.userId],
      ['UPL-LOCALITY-2', '2027-04-01', 23.58, admin.userId],
    ]);
    // The starting rate is never overwritten.
    expect(rates.map((r) => Number(r.contract.hourlyRate)).sort()).toEqual([21, 22]);
    expect(await prisma.auditEvent.count({ where: { councilId: fx.councilId, action: 'contract.uplift', entityId: 'LOCALITY' } })).toBe(1);
    // Applying it again finds nothing left to uplift from that day.
    expect((await previewUplift(prisma, admin, { type: 'LOCALITY', percent: 7.2, validFrom: '2027-04-01' })).alreadyRated).toHaveLength(2);
  });

  it('offers made before 1 April use the old rate and offers made from 1 April the new one', async () => {
    const before = await offersOf(await post(fx, new Date('2027-03-31T21:00:00Z')));
    expect(before[0]).toMatchObject({ providerId: fx.locality[0], tier: 1 });
    expect(Number(before[0].hourlyRate)).toBe(21);
    const after = await offersOf(await post(fx, new Date('2027-04-02T09:00:00Z')));
    expect(after[0]).toMatchObject({ providerId: fx.locality[0], tier: 1 });
    expect(Number(after[0].hourlyRate)).toBe(22.51);
  });

  it('adds a dated rate by hand and shows the rate history with who set it', async () => {
    const contract = await prisma.contract.findFirstOrThrow({ where: { councilId: fx.councilId, reference: 'UPL-SPOT-3' } });
    const bad = await rejection(addContractRate(prisma, admin, { contractId: contract.id, validFrom: '2025-04-01', hourlyRate: 24, reason: 'Variation' }));
    expect(bad.fieldErrors?.validFrom?.[0]).toMatch(/after the contract’s first day/);
    await addContractRate(prisma, admin, { contractId: contract.id, validFrom: '2027-01-01', hourlyRate: 24, reason: 'Variation for nights' });
    const view = await getContract(prisma, admin, 'UPL-SPOT-3', new Date('2027-02-01T09:00:00Z'));
    expect(view.startingRate).toBe(23);
    expect(view.rateNow).toBe(24);
    expect(view.rates).toMatchObject([{ hourlyRate: 24, reason: 'Variation for nights', setBy: 'Ada Admin' }]);
    expect(view.history.map((h) => h.action)).toEqual(['contract.rate-added']);
  });
});

describe('shared localities on the dashboards', () => {
  it('shows each holder’s actual share of the locality’s hours against its target, exactly as a recount', async () => {
    // Two LOCALITY holders of L1, shared 70/30 by a variation of each.
    const fx = await buildCouncil(prisma, { code: 'SHR', localityProviders: 2 });
    const admin = await adminOf(fx, 'SHR');
    const contracts = await prisma.contract.findMany({
      where: { councilId: fx.councilId, type: 'LOCALITY', localities: { some: { localityId: fx.localities.l1 } } },
      orderBy: { reference: 'asc' },
    });
    for (const [c, share] of [
      [contracts[0], 70],
      [contracts[1], 30],
    ] as const) {
      await varyContract(prisma, admin, {
        contractId: c.id,
        reference: c.reference,
        hospitalId: null,
        localityIds: [fx.localities.l1],
        validFrom: '2025-04-01',
        validTo: null,
        targetShares: { [fx.localities.l1]: share },
        reason: 'Shared 70/30 after the review',
      });
    }
    // Three packages in L1: two placed with the first holder, one with the second (3 hours a week each).
    for (const winner of [fx.locality[0], fx.locality[0], fx.locality[1]]) {
      const packageId = await post(fx, now);
      const offer = await prisma.offer.findFirstOrThrow({ where: { packageId, providerId: winner, status: 'OFFERED' } });
      await acceptOffer(prisma, fx.providerActor(winner), { offerId: offer.id }, now);
    }
    const filters = { asOf: '2026-12-02', from: '2025-12-02', to: '2026-12-02', localityId: null, now };
    const rows = await getSharedLocalityShares(prisma, fx.councilId, filters);

    // The recount, line by line from the rows themselves: lines in force on the day in L1, by contract.
    const lines = await prisma.serviceLine.findMany({
      where: { councilId: fx.councilId, contractId: { not: null } },
      include: { package: { select: { localityId: true } } },
    });
    const day = new Date('2026-12-02');
    const inL1 = lines.filter((l) => l.package.localityId === fx.localities.l1 && l.startDate <= day && (l.endDate === null || l.endDate > day));
    const total = inL1.reduce((a, l) => a + Number(l.hoursPerWeek), 0);
    const byContract = (id: string) => inL1.filter((l) => l.contractId === id).reduce((a, l) => a + Number(l.hoursPerWeek), 0);
    expect(total).toBe(9);
    expect(rows.map((r) => [r.reference, r.target, r.hours, r.localityHours])).toEqual([
      [contracts[0].reference, 70, byContract(contracts[0].id), total],
      [contracts[1].reference, 30, byContract(contracts[1].id), total],
    ]);
    expect(rows.map((r) => Math.round(r.share * 1000) / 10)).toEqual([66.7, 33.3]);
  });
});
