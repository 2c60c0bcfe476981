import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRound } from '@/lib/brokerage/close-round';
import { listDutyBoard } from '@/lib/duty/list-duty-board';
import { getPackageTimeline } from '@/lib/package/get-package-timeline';
import { listHandOfferChoices, offerToProvider } from '@/lib/package/offer-to-provider';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { CAPACITY_WAIVED_TEXT } from '@/lib/placement/open-market';
import { buildCouncil, draftFor, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { buildDutyCouncil, dutyDraft, type TDutyFixture } from './support/duty-fixtures';

// Offers outside the cascade (the open market, and offers by hand) keep to the engine's
// eligibility but for tier and capacity, and discharges and reablement keep to their clocks.

let prisma: PrismaClient;
let duty: TDutyFixture;
let fx: TFixture;
/** Providers holding only a STEP contract in L3, which gives long-term care no tier: the open market's. */
let single: string;
let pairs: string;
let dementia: string;

const MIN = 60_000;
// Monday 23 November 2026, 09:00 London (GMT).
const T0 = new Date('2026-11-23T09:00:00Z');
const plus = (minutes: number, from = T0) => new Date(from.getTime() + minutes * MIN);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  duty = await buildDutyCouncil(prisma, 'OMD');
  // Discharges are answered within 20 minutes in this council, reablement within 2 hours.
  await prisma.councilSetting.create({ data: { councilId: duty.councilId, offerMinutesHospitalDischarge: 20, offerMinutesReablement: 120 } });

  fx = await buildCouncil(prisma, { code: 'OME', localityProviders: 1 });
  const stepOnly = async (name: string, doubleHanded: boolean, skills: string[]) => {
    const p = await prisma.provider.create({ data: { name, cqcLocationId: `OME-${randomUUID()}`, cqcRating: 'GOOD', doubleHanded, skills } });
    await prisma.councilProvider.create({ data: { councilId: fx.councilId, providerId: p.id } });
    await prisma.contract.create({
      data: {
        councilId: fx.councilId,
        reference: `OME-STEP-${name.split(' ')[0]}`,
        providerId: p.id,
        type: 'STEP',
        hourlyRate: 20,
        validFrom: new Date('2025-04-01'),
        localities: { create: [{ localityId: fx.localities.l3 }] },
      },
    });
    return p.id;
  };
  single = await stepOnly('Single Carer Care', false, ['DEMENTIA']);
  pairs = await stepOnly('Pairs Care', true, []);
  dementia = await stepOnly('Dementia Pairs Care', true, ['DEMENTIA']);
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function postedIn(f: TFixture, overrides: Record<string, unknown>, at = T0) {
  const saved = await saveDraftPackage(prisma, f.broker, { draft: draftFor(f, overrides) });
  const outcome = await postPackage(prisma, f.broker, { packageId: saved.id }, at);
  return { id: saved.id, outcome };
}

const TWO_CARERS = [{ days: ['MON', 'WED', 'FRI'], start: '07:30', minutes: 60, carers: 2 }];

describe('discharge and reablement deadlines stay inside the clock', () => {
  it('a hospital discharge whose cascade runs out goes to the open market with its pathway deadline, not a week, and its timeline says open market', async () => {
    const saved = await saveDraftPackage(prisma, duty.best, { draft: dutyDraft(duty, 'HOSPITAL_DISCHARGE', { readyAt: T0.toISOString() }) });
    await postPackage(prisma, duty.best, { packageId: saved.id }, T0);
    let pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
    let at = T0;
    while (pkg.status === 'OFFERING') {
      at = pkg.roundDeadline!;
      await closeRound(prisma, { councilId: duty.councilId, packageId: saved.id, round: pkg.offerRound }, at);
      pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
    }
    expect(pkg.status).toBe('OPEN_MARKET');
    // The AGH discharge provider holds no tier for a BRI discharge: the open market offers it.
    const offers = await prisma.offer.findMany({ where: { packageId: saved.id, round: pkg.offerRound } });
    expect(offers.map((o) => [o.providerId, o.tier])).toEqual([[duty.providers.dischargeAgh, null]]);
    expect(pkg.roundDeadline).toEqual(plus(20, at));
    for (const o of offers) expect(o.deadline.getTime()).toBeLessThanOrEqual(plus(20, at).getTime());

    const timeline = (await getPackageTimeline(prisma, { councilId: duty.councilId, id: saved.id, createdAt: T0 })).map((t) => t.text);
    expect(timeline).toContain(`Round ${pkg.offerRound} offered to the open market (1 provider)`);
    expect(timeline.filter((t) => /^Offered to .*, open market\)$/.test(t))).toHaveLength(1);
    expect(timeline.filter((t) => /by hand\)$/.test(t))).toEqual([]);
    await prisma.package.update({ where: { councilId_id: { councilId: duty.councilId, id: saved.id } }, data: { status: 'CANCELLED' } });
  });

  it('reablement on the open market keeps the reablement deadline; long-term keeps a week', async () => {
    const saved = await saveDraftPackage(prisma, duty.best, { draft: dutyDraft(duty, 'REABLEMENT', { localityId: duty.localities.l2 }) });
    // In L2 the cascade is its STEP provider, then the spot provider; the discharge providers hold no tier for reablement: the open market's.
    await postPackage(prisma, duty.best, { packageId: saved.id }, T0);
    let pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
    let at = T0;
    while (pkg.status === 'OFFERING') {
      at = pkg.roundDeadline!;
      await closeRound(prisma, { councilId: duty.councilId, packageId: saved.id, round: pkg.offerRound }, at);
      pkg = await prisma.package.findFirstOrThrow({ where: { id: saved.id } });
    }
    expect(pkg.status).toBe('OPEN_MARKET');
    expect(pkg.roundDeadline).toEqual(plus(120, at));
    await prisma.package.update({ where: { councilId_id: { councilId: duty.councilId, id: saved.id } }, data: { status: 'CANCELLED' } });

    const longTerm = await postedIn(fx, { localityId: fx.localities.l3 });
    expect(longTerm.outcome).toMatchObject({ kind: 'OPEN_MARKET' });
    expect((await prisma.package.findFirstOrThrow({ where: { id: longTerm.id } })).roundDeadline).toEqual(plus(7 * 24 * 60));
  });

  it('warns on the duty board when the round closes after the clock’s target', async () => {
    const early = await saveDraftPackage(prisma, duty.best, { draft: dutyDraft(duty, 'HOSPITAL_DISCHARGE', { readyAt: T0.toISOString() }) });
    const late = await saveDraftPackage(prisma, duty.best, { draft: dutyDraft(duty, 'HOSPITAL_DISCHARGE', { readyAt: T0.toISOString() }) });
    // Posted 5 minutes in, the round closes at 09:25, well before the 2-hour target at 11:00;
    // posted 110 minutes in, it closes at 11:10, after it.
    await postPackage(prisma, duty.best, { packageId: early.id }, plus(5));
    await postPackage(prisma, duty.best, { packageId: late.id }, plus(110));
    const board = await listDutyBoard(prisma, duty.best, {}, plus(111));
    const row = (id: string) => board.waiting.rows.find((r) => r.id === id)!;
    expect(row(early.id)).toMatchObject({ roundDeadline: plus(25), roundOutlastsClock: false, clock: { dueAt: plus(120), state: 'AT_RISK' } });
    expect(row(late.id)).toMatchObject({ roundDeadline: plus(130), roundOutlastsClock: true, clock: { dueAt: plus(120) } });
    await prisma.package.updateMany({ where: { id: { in: [early.id, late.id] } }, data: { status: 'CANCELLED' } });
  });
});

describe('open-market and by-hand offers respect eligibility', () => {
  it('never offers a two-carer package to a single-carer provider, nor a package needing a skill to a provider without it; capacity is waived and said', async () => {
    const both = await postedIn(fx, { localityId: fx.localities.l3, visits: TWO_CARERS, requiredSkills: ['DEMENTIA'] });
    expect(both.outcome).toMatchObject({ kind: 'OPEN_MARKET', offers: 1 });
    const offers = await prisma.offer.findMany({ where: { packageId: both.id } });
    expect(offers.map((o) => o.providerId)).toEqual([dementia]);
    // Nobody declared capacity in L3: the offer goes anyway, and says so.
    expect(offers[0].reasons).toContain(CAPACITY_WAIVED_TEXT);

    const twoCarers = await postedIn(fx, { localityId: fx.localities.l3, visits: TWO_CARERS });
    expect((await prisma.offer.findMany({ where: { packageId: twoCarers.id } })).map((o) => o.providerId).sort()).toEqual([pairs, dementia].sort());
    const skill = await postedIn(fx, { localityId: fx.localities.l3, requiredSkills: ['DEMENTIA'] });
    expect((await prisma.offer.findMany({ where: { packageId: skill.id } })).map((o) => o.providerId).sort()).toEqual([single, dementia].sort());
    const plain = await postedIn(fx, { localityId: fx.localities.l3 });
    expect((await prisma.offer.findMany({ where: { packageId: plain.id } })).map((o) => o.providerId).sort()).toEqual([single, pairs, dementia].sort());
  });

  it('refuses an offer by hand to an ineligible provider with the reason, lists it as such, and allows one short only of capacity', async () => {
    const { id } = await postedIn(fx, { localityId: fx.localities.l3, visits: TWO_CARERS, requiredSkills: ['DEMENTIA'] });
    const refusedPairs = await rejection(offerToProvider(prisma, fx.broker, { packageId: id, providerId: single }, plus(5)));
    expect(refusedPairs.code).toBe('VALIDATION');
    expect(refusedPairs.fieldErrors?.providerId).toEqual([
      'Single Carer Care cannot be offered this package: the package has two-carer visits and it does not send two carers',
    ]);
    const refusedSkill = await rejection(offerToProvider(prisma, fx.broker, { packageId: id, providerId: pairs }, plus(5)));
    expect(refusedSkill.fieldErrors?.providerId).toEqual(['Pairs Care cannot be offered this package: it lacks the skill the package needs (dementia)']);
    expect(await prisma.offer.count({ where: { packageId: id, providerId: { in: [single, pairs] } } })).toBe(0);

    const choices = await listHandOfferChoices(prisma, fx.broker, id, plus(5));
    expect(choices.find((c) => c.providerId === single)?.refusals).toEqual(['the package has two-carer visits and it does not send two carers']);
    expect(choices.find((c) => c.providerId === dementia)).toMatchObject({ refusals: [], capacityWaived: true, offeredThisRound: true });

    // A provider short only of declared capacity may be offered it by hand, and its offer says so.
    const { id: other } = await postedIn(fx, { visits: TWO_CARERS, requiredSkills: ['DEMENTIA'] });
    await prisma.contractLocality.create({
      data: {
        councilId: fx.councilId,
        contractId: (await prisma.contract.findFirstOrThrow({ where: { providerId: dementia } })).id,
        localityId: fx.localities.l1,
      },
    });
    const made = await offerToProvider(prisma, fx.broker, { packageId: other, providerId: dementia }, plus(5));
    const offer = await prisma.offer.findFirstOrThrow({ where: { id: made.offerId } });
    expect(offer.reasons[0]).toMatch(/^Offered by hand by Bea Broker/);
    expect(offer.reasons).toContain(CAPACITY_WAIVED_TEXT);
  });
});
