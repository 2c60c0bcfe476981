import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginePackage, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { createContract } from '@/lib/contract/create-contract';
import { endContract } from '@/lib/contract/end-contract';
import { getContract } from '@/lib/contract/get-contract';
import { moveRetender, previewRetender } from '@/lib/contract/retender-contract';
import { getReplacementBatch, listReplacementBatches } from '@/lib/replacement/get-replacement-batch';
import { assess, declaredCapacity, spend } from '../unit/placement/reference';
import { rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { BANDS, buildFailureCouncil, failureDraft, placeWith, type TFailureFixture, type TVisitSpec } from './support/failure-fixtures';

// Re-tender (docs/contracts.md): the `failing` provider's LOCALITY contract covering all four
// localities ends on 30 November; a new provider's contract takes them from 1 December. The
// outgoing contract's page lists its packages, the optimiser plans them all onto the incoming
// contract (checked against the engine's reference reading of the rules), and moving the plan on
// 1 December ends every old placement and service line that day and starts the new ones, deleting
// nothing.

let prisma: PrismaClient;
let fx: TFailureFixture;
let taker: string;
let outgoingId: string;
let incomingId: string;
let batchId: string;
const placedAt = new Date('2026-11-02T10:00:00Z');
const now = new Date('2026-11-23T09:00:00Z');
const moveDay = new Date('2026-12-01T09:00:00Z');
const ALL: TVisitSpec['days'] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const KINDS: TVisitSpec[][] = [
  [{ days: ALL, start: '07:30', minutes: 45, carers: 1 }],
  [{ days: ALL, start: '08:00', minutes: 30, carers: 2 }],
  [{ days: ALL, start: '18:00', minutes: 30, carers: 1 }],
  [
    { days: ALL, start: '07:30', minutes: 30, carers: 1 },
    { days: ALL, start: '18:00', minutes: 30, carers: 1 },
  ],
];
const held: string[] = [];

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildFailureCouncil(prisma, 'RTD');
  for (let i = 0; i < 8; i++) held.push(await placeWith(prisma, fx, fx.failing, failureDraft(fx.localities[i % 4], KINDS[i % KINDS.length]), placedAt));

  // The provider winning the re-tender: on the register, with room for every package in every locality.
  const p = await prisma.provider.create({ data: { name: 'RTD Taker Care', cqcLocationId: `1-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded: true } });
  taker = p.id;
  await prisma.councilProvider.create({ data: { councilId: fx.councilId, providerId: taker } });
  await prisma.capacityDeclaration.createMany({
    data: fx.localities.flatMap((localityId) =>
      BANDS.map((band) => ({ councilId: fx.councilId, providerId: taker, localityId, band, carerHours: 40, declaredAt: new Date('2026-11-20T00:00:00Z') })),
    ),
  });
  outgoingId = (await prisma.contract.findFirstOrThrow({ where: { councilId: fx.councilId, providerId: fx.failing } })).id;
  await endContract(prisma, fx.commissioner, { contractId: outgoingId, lastDay: '2026-11-30', reason: 'Re-tendered: RTD-LOC-NEW from 1 December' });
  incomingId = (
    await createContract(
      prisma,
      fx.commissioner,
      {
        reference: 'RTD-LOC-NEW',
        providerId: taker,
        type: 'LOCALITY',
        hospitalId: null,
        localityIds: fx.localities,
        hourlyRate: 20.75,
        validFrom: '2026-12-01',
        validTo: null,
      },
      now,
    )
  ).id;
}, 240_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe('re-tendering a contract', () => {
  it('lists the packages placed under the outgoing contract on its page, with the incoming contract to choose', async () => {
    const view = await getContract(prisma, fx.commissioner, 'RTD-LOCALITY-1', now);
    expect(view.affected.total).toBe(8);
    expect(view.affected.shown.map((p) => p.id).sort()).toEqual([...held].sort());
    expect(view.incomingChoices.map((c) => c.id)).toContain(incomingId);
  });

  it('refuses a plan with the same provider, a contract not in force on the move day, or a past day', async () => {
    const sameProvider = await rejection(
      previewRetender(prisma, fx.commissioner, { contractId: outgoingId, incomingContractId: outgoingId, moveOn: '2026-12-01' }, now),
    );
    expect(sameProvider.fieldErrors?.incomingContractId?.[0]).toMatch(/same provider/);
    const early = await rejection(
      previewRetender(prisma, fx.commissioner, { contractId: outgoingId, incomingContractId: incomingId, moveOn: '2026-11-30' }, now),
    );
    expect(early.fieldErrors?.incomingContractId?.[0]).toMatch(/not in force on 30 Nov 2026/);
    const past = await rejection(
      previewRetender(prisma, fx.commissioner, { contractId: outgoingId, incomingContractId: incomingId, moveOn: '2026-11-22' }, now),
    );
    expect(past.fieldErrors?.moveOn?.[0]).toMatch(/past/);
    expect(await prisma.replacementBatch.count({ where: { councilId: fx.councilId } })).toBe(0);
  });

  it('plans every package onto the incoming contract, feasibly under the engine’s rules', async () => {
    const plan = await previewRetender(prisma, fx.commissioner, { contractId: outgoingId, incomingContractId: incomingId, moveOn: '2026-12-01' }, now, {
      timeLimitSeconds: 10,
    });
    batchId = plan.batchId;
    expect(plan).toMatchObject({ packages: 8, proposed: 8 });
    const batch = await prisma.replacementBatch.findFirstOrThrow({ where: { id: batchId }, include: { items: true } });
    expect(batch).toMatchObject({ status: 'PREVIEWED', providerId: fx.failing, contractId: outgoingId, incomingContractId: incomingId });
    expect(batch.moveOn?.toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(batch.items.map((i) => [i.proposedProviderId, i.proposedContractId])).toEqual(held.map(() => [taker, incomingId]));
    // A re-tender's plan is not a provider failure's: the provider's own page does not list it.
    expect(await listReplacementBatches(prisma, fx.commissioner, fx.failing)).toEqual([]);
    expect((await rejection(getReplacementBatch(prisma, fx.commissioner, { batchId, providerId: fx.failing }))).code).toBe('NOT_FOUND');

    // The engine's reference reading, on the move day, with the incoming contract the only one to use:
    // each package eligible under it at declared capacity, and the capacity left never below zero.
    const rows = await prisma.package.findMany({ where: { id: { in: held } }, include: { visits: true, hospital: { select: { code: true } } } });
    const full = await scenarioFromDb(
      prisma,
      fx.councilId,
      rows.map((r) => ({ ...enginePackage(r, r.postedAt!), excludedProviderIds: [fx.failing] })),
      new Date('2026-12-01T12:00:00Z'),
    );
    const scenario = { ...full, contracts: full.contracts.filter((c) => c.id === incomingId) };
    const cap = declaredCapacity(scenario);
    for (const item of batch.items) {
      const p = scenario.packages.find((x) => x.id === item.packageId)!;
      const prov = scenario.providers.find((x) => x.id === taker)!;
      const judged = assess(scenario, prov, p, cap);
      expect(Array.isArray(judged), `${p.id}: ${judged}`).toBe(false);
      if (!Array.isArray(judged)) expect(judged.contract.id).toBe(incomingId);
      spend(cap, taker, p);
    }
    for (const [key, left] of cap) expect(left, key).toBeGreaterThanOrEqual(-1e-6);
  });

  it('moves nothing before the move day', async () => {
    expect((await rejection(moveRetender(prisma, fx.commissioner, { batchId }, now))).code).toBe('CONFLICT');
    expect(await prisma.placement.count({ where: { councilId: fx.councilId, contractId: incomingId } })).toBe(0);
  });

  it('moves every package on the move day, keeping the history', async () => {
    const linesBefore = await prisma.serviceLine.findMany({ where: { packageId: { in: held } } });
    const offersBefore = await prisma.offer.count({ where: { councilId: fx.councilId } });
    const result = await moveRetender(prisma, fx.commissioner, { batchId }, moveDay);
    expect(result.moved.sort()).toEqual([...held].sort());
    expect(result.skipped).toEqual([]);
    const moveAt = new Date('2026-12-01T00:00:00Z'); // midnight in London in December

    for (const packageId of held) {
      const placements = await prisma.placement.findMany({ where: { packageId }, orderBy: { startedAt: 'asc' } });
      expect(placements).toHaveLength(2);
      expect(placements[0]).toMatchObject({ providerId: fx.failing, contractId: outgoingId, endedAt: moveAt, endReason: 'RETENDERED' });
      expect(placements[1]).toMatchObject({ providerId: taker, contractId: incomingId, startedAt: moveAt, endedAt: null });
      const lines = await prisma.serviceLine.findMany({ where: { packageId }, orderBy: { startDate: 'asc' } });
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ providerId: fx.failing, contractId: outgoingId, endDate: new Date('2026-12-01') });
      expect(lines[1]).toMatchObject({
        providerId: taker,
        contractId: incomingId,
        startDate: new Date('2026-12-01'),
        endDate: null,
        supersedesId: lines[0].id,
      });
      expect(Number(lines[1].hourlyRate)).toBe(20.75);
      expect(Number(lines[1].hoursPerWeek)).toBe(Number(lines[0].hoursPerWeek));
      expect((await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: packageId } } })).status).toBe('PLACED');
    }
    // Nothing deleted: every old line is still there, and the offers that led to the old placements too.
    expect(await prisma.serviceLine.count({ where: { id: { in: linesBefore.map((l) => l.id) } } })).toBe(linesBefore.length);
    expect(await prisma.offer.count({ where: { councilId: fx.councilId } })).toBe(offersBefore);
    expect(await prisma.notification.count({ where: { providerId: taker, kind: 'PACKAGE_AWARDED' } })).toBe(8);
    expect(await prisma.notification.count({ where: { providerId: fx.failing, kind: 'PACKAGE_ENDED' } })).toBe(8);
    expect(await prisma.auditEvent.count({ where: { action: 'package.retendered', actorId: fx.commissioner.userId } })).toBe(8);

    const view = await getContract(prisma, fx.commissioner, 'RTD-LOCALITY-1', moveDay);
    expect(view.affected.total).toBe(0);
    expect(view.retenders).toMatchObject([{ id: batchId, status: 'MOVED', incoming: { reference: 'RTD-LOC-NEW' } }]);
    expect(view.history.map((h) => h.action)).toEqual(['contract.ended', 'contract.retender-planned', 'contract.retender-moved']);

    // Moving it again changes nothing.
    expect((await rejection(moveRetender(prisma, fx.commissioner, { batchId }, moveDay))).code).toBe('CONFLICT');
    expect(await prisma.placement.count({ where: { councilId: fx.councilId, contractId: incomingId } })).toBe(8);
  });
});
