import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSpendByFunder } from '@/lib/dashboard/get-spend-by-funder';
import type { TDashboardFilters } from '@/lib/dashboard/filters';
import { reablementCharging } from '@/lib/domain/funding';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { getPackageFunding } from '@/lib/package/get-funding';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { setFunding } from '@/lib/package/set-funding';
import { buildCouncil, draftFor, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// Who pays: council, ICB, a stated split and Section 117 aftercare, the person's contribution from
// their financial assessment, and reablement's six free weeks. The dashboards' spend by funder is
// checked against a recount made here from the rows themselves.

let prisma: PrismaClient;
let fx: TFixture;
const placedAt = new Date('2026-11-23T09:00:00Z');

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'WP', localityProviders: 2 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A package placed with the first provider that was offered it, its care from 1 December 2026. */
async function placed(overrides: Record<string, unknown> = {}) {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx, overrides) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, placedAt);
  const [offer] = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
  await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, placedAt);
  const line = await prisma.serviceLine.findFirstOrThrow({ where: { packageId: saved.id, endDate: null } });
  return { id: saved.id, weeklyCost: Number(line.hoursPerWeek) * Number(line.hourlyRate) };
}

const filtersOn = (asOf: string): TDashboardFilters => ({ asOf, from: asOf, to: asOf, localityId: null, now: new Date(`${asOf}T12:00:00Z`) });

/**
 * The recount: every placed line in force on `asOf` with its package, read straight from the
 * tables, and who pays it worked out here from the rules as the docs state them.
 */
async function recount(asOf: string) {
  const day = new Date(`${asOf}T00:00:00Z`);
  const lines = await prisma.serviceLine.findMany({
    where: { councilId: fx.councilId, contractId: { not: null }, startDate: { lte: day }, OR: [{ endDate: null }, { endDate: { gt: day } }] },
    include: { package: true },
  });
  const out: Record<string, { packages: Set<string>; council: number; icb: number; person: number; total: number }> = {};
  const byPackage = new Map<string, typeof lines>();
  for (const l of lines) byPackage.set(l.packageId, [...(byPackage.get(l.packageId) ?? []), l]);
  for (const [packageId, ls] of byPackage) {
    const p = ls[0].package;
    const packageShare = p.icbSharePercent === null ? (p.funding === 'ICB' ? 100 : 0) : Number(p.icbSharePercent);
    let council = 0;
    let icb = 0;
    for (const l of ls) {
      const cost = Number(l.hoursPerWeek) * Number(l.hourlyRate);
      const share = l.icbSharePercent === null ? packageShare : Number(l.icbSharePercent);
      icb += (cost * share) / 100;
      council += cost - (cost * share) / 100;
    }
    const person = p.s117Aftercare ? 0 : Math.min(Number(p.clientContributionWeekly ?? 0), council);
    const group = p.s117Aftercare ? 'S117' : packageShare === 100 ? 'ICB' : packageShare === 0 ? 'COUNCIL' : 'SPLIT';
    out[group] ??= { packages: new Set(), council: 0, icb: 0, person: 0, total: 0 };
    out[group].packages.add(packageId);
    out[group].council += council - person;
    out[group].icb += icb;
    out[group].person += person;
    out[group].total += council + icb;
  }
  return out;
}

describe('who pays', () => {
  it('spend by funder equals a recount for split and S117 packages', async () => {
    const council = await placed();
    const split = await placed();
    const s117 = await placed();
    const icb = await placed({ funding: 'ICB' });

    // Each bad input is refused, naming its field.
    const noShare = await rejection(setFunding(prisma, fx.broker, { packageId: split.id, arrangement: 'SPLIT' }));
    expect(noShare.fieldErrors?.icbSharePercent?.[0]).toBe("Enter the ICB's share of the cost as a percentage");
    const chargedS117 = await rejection(
      setFunding(prisma, fx.broker, {
        packageId: s117.id,
        arrangement: 'COUNCIL',
        s117Aftercare: true,
        clientContributionWeekly: 20,
        financialAssessmentOn: '2026-11-20',
      }),
    );
    expect(chargedS117.fieldErrors?.clientContributionWeekly?.[0]).toMatch(/Section 117 aftercare is free to the person/);
    const undated = await rejection(setFunding(prisma, fx.broker, { packageId: council.id, arrangement: 'COUNCIL', clientContributionWeekly: 40 }));
    expect(undated.fieldErrors?.financialAssessmentOn?.[0]).toMatch(/financial assessment/);
    // The database holds the same rules.
    await expect(prisma.package.update({ where: { councilId_id: { councilId: fx.councilId, id: split.id } }, data: { icbSharePercent: 100 } })).rejects.toThrow(
      /Package_icbSharePercent_check/,
    );

    await setFunding(prisma, fx.broker, { packageId: council.id, arrangement: 'COUNCIL', clientContributionWeekly: 40, financialAssessmentOn: '2026-11-20' });
    await setFunding(prisma, fx.broker, {
      packageId: split.id,
      arrangement: 'SPLIT',
      icbSharePercent: 40,
      clientContributionWeekly: 30,
      financialAssessmentOn: '2026-11-20',
    });
    await setFunding(prisma, fx.broker, { packageId: s117.id, arrangement: 'COUNCIL', s117Aftercare: true });
    // Continuing health care: the NHS pays it all, so the contribution is never charged.
    await setFunding(prisma, fx.broker, { packageId: icb.id, arrangement: 'ICB', clientContributionWeekly: 25, financialAssessmentOn: '2026-11-20' });
    expect(await prisma.auditEvent.count({ where: { action: 'package.funding-set', entityId: { in: [council.id, split.id, s117.id, icb.id] } } })).toBe(4);

    const asOf = '2026-12-14';
    const d = await getSpendByFunder(prisma, fx.councilId, filtersOn(asOf));
    const expected = await recount(asOf);
    for (const row of d.rows) {
      const r = expected[row.arrangement] ?? { packages: new Set(), council: 0, icb: 0, person: 0, total: 0 };
      expect(row.packages, row.arrangement).toBe(r.packages.size);
      expect(row.council, row.arrangement).toBeCloseTo(r.council, 2);
      expect(row.icb, row.arrangement).toBeCloseTo(r.icb, 2);
      expect(row.person, row.arrangement).toBeCloseTo(r.person, 2);
      expect(row.total, row.arrangement).toBeCloseTo(r.total, 2);
    }
    // The figures themselves: the split package's ICB pays 40%, the council 60% less the person's £30;
    // the S117 package is the council's and free to the person; the ICB's is free to the person too.
    const row = (a: string) => d.rows.find((r) => r.arrangement === a)!;
    expect(row('SPLIT')).toMatchObject({ packages: 1 });
    expect(row('SPLIT').icb).toBeCloseTo(split.weeklyCost * 0.4, 2);
    expect(row('SPLIT').council).toBeCloseTo(split.weeklyCost * 0.6 - 30, 2);
    expect(row('SPLIT').person).toBe(30);
    expect(row('S117')).toMatchObject({ packages: 1, icb: 0, person: 0 });
    expect(row('S117').council).toBeCloseTo(s117.weeklyCost, 2);
    expect(row('ICB')).toMatchObject({ packages: 1, council: 0, person: 0 });
    expect(row('COUNCIL').person).toBe(40);
    // Nothing is lost or counted twice: the parts add up to the lines' whole weekly spend.
    const all = [council, split, s117, icb].reduce((s, p) => s + p.weeklyCost, 0);
    expect(d.total.council + d.total.icb + d.total.person).toBeCloseTo(all, 2);
    expect(d.total.total).toBeCloseTo(all, 2);

    // The package page says the same for one package.
    const page = await getPackageFunding(prisma, fx.broker, split.id, new Date(`${asOf}T12:00:00Z`));
    expect(page).toMatchObject({ arrangement: 'SPLIT', icbShare: 40, split: true, clientContributionWeekly: 30, financialAssessmentOn: '2026-11-20' });
    expect(page.week.person).toBe(30);

    // A service line can state its own share: this one is the ICB's alone, and the recount follows.
    const line = await prisma.serviceLine.findFirstOrThrow({ where: { packageId: council.id, endDate: null } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: fx.councilId, id: line.id } }, data: { icbSharePercent: 100 } });
    const after = await getSpendByFunder(prisma, fx.councilId, filtersOn(asOf));
    const again = await recount(asOf);
    expect(after.rows.find((r) => r.arrangement === 'COUNCIL')!.icb).toBeCloseTo(again.COUNCIL.icb, 2);
    expect(after.rows.find((r) => r.arrangement === 'COUNCIL')!.icb).toBeCloseTo(council.weeklyCost, 2);
    expect(after.rows.find((r) => r.arrangement === 'COUNCIL')!.person).toBe(0);
  });

  it('week 7 of reablement is flagged chargeable unless its review is overdue', async () => {
    // Care from 1 December 2026: weeks 1 to 6 run to 11 January; week 7 starts on 12 January, when the review is due.
    expect(reablementCharging('2026-12-01', null, '2027-01-11')).toEqual({ week: 6, chargeable: false, reviewOverdue: false, reviewDue: '2027-01-12' });
    expect(reablementCharging('2026-12-01', '2027-01-08', '2027-01-12')).toMatchObject({ week: 7, chargeable: true, reviewOverdue: false });
    expect(reablementCharging('2026-12-01', null, '2027-01-12')).toMatchObject({ week: 7, chargeable: false, reviewOverdue: true });
    // Held late, on 14 January: week 7 stays free; week 8 (from 19 January) is chargeable.
    expect(reablementCharging('2026-12-01', '2027-01-14', '2027-01-15')).toMatchObject({ week: 7, chargeable: false, reviewOverdue: false });
    expect(reablementCharging('2026-12-01', '2027-01-14', '2027-01-19')).toMatchObject({ week: 8, chargeable: true });

    const reablement = await placed({ pathway: 'REABLEMENT', serviceLines: [{ type: 'REABLEMENT', hoursPerWeek: 3, startDate: '2026-12-01' }] });
    // Only reablement has a review that decides charging.
    const notReablement = await placed();
    const wrong = await rejection(setFunding(prisma, fx.broker, { packageId: notReablement.id, arrangement: 'COUNCIL', reablementReviewedOn: '2027-01-08' }));
    expect(wrong.fieldErrors?.reablementReviewedOn?.[0]).toMatch(/not a reablement package/);

    await setFunding(prisma, fx.broker, {
      packageId: reablement.id,
      arrangement: 'COUNCIL',
      clientContributionWeekly: 20,
      financialAssessmentOn: '2026-12-20',
    });
    // The line may have ended by week 7 (reablement runs six weeks): keep it running to see the charging.
    await prisma.serviceLine.updateMany({ where: { packageId: reablement.id }, data: { endDate: null } });
    const week7 = new Date('2027-01-12T12:00:00Z');

    // Week 6: free. Week 7 with no review held: still free, and the review is flagged overdue.
    const inWeek6 = await getSpendByFunder(prisma, fx.councilId, filtersOn('2027-01-11'));
    expect(inWeek6.reviewsOverdue).toBe(0);
    const overdue = await getSpendByFunder(prisma, fx.councilId, filtersOn('2027-01-12'));
    expect(overdue.reviewsOverdue).toBe(1);
    expect(await getPackageFunding(prisma, fx.broker, reablement.id, week7)).toMatchObject({
      reablement: { week: 7, chargeable: false, reviewOverdue: true },
      week: { person: 0 },
    });

    // The review held on 8 January: week 7 is chargeable, the person pays their £20 and nothing is flagged.
    await setFunding(prisma, fx.broker, {
      packageId: reablement.id,
      arrangement: 'COUNCIL',
      clientContributionWeekly: 20,
      financialAssessmentOn: '2026-12-20',
      reablementReviewedOn: '2027-01-08',
    });
    const reviewed = await getSpendByFunder(prisma, fx.councilId, filtersOn('2027-01-12'));
    expect(reviewed.reviewsOverdue).toBe(0);
    expect(reviewed.total.person - overdue.total.person).toBeCloseTo(20, 2);
    expect(await getPackageFunding(prisma, fx.broker, reablement.id, week7)).toMatchObject({
      reablement: { week: 7, chargeable: true, reviewOverdue: false },
      week: { person: 20 },
    });
  });
});
