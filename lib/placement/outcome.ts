import { PATHWAY_WEIGHT, type TReasonCode } from './constants';
import type { TAssignment, TPlan } from './batch-plan';
import { fitMask, fitsCapacity, REASON, reasonList } from './eligibility';
import { round2, weeklyCostPennies } from './demand';
import type { TBatchResult, TPlacement, TUnplaced } from './result-types';
import type { TScenarioIndex } from './scenario-index';

// Turns a batch answer into the spec's output: placements and unplaced packages in scenario
// order, the reasons each package is left unplaced, and the summary.

/** Score of one placed package in integer units of weighted carer-minutes (score × 60). */
export function scoreUnits(plan: TPlan): number {
  return plan.needs.minutes * PATHWAY_WEIGHT[plan.needs.pkg.pathway];
}

/**
 * Every code that excludes at least one provider with an in-force contract giving it a tier,
 * judged against the capacity left at the end, in the spec's order.
 */
export function unplacedReasons(ix: TScenarioIndex, plan: TPlan, remaining: Float64Array): readonly TReasonCode[] {
  if (plan.candidates.length === 0) return reasonList(REASON.NO_CONTRACT_FOR_PACKAGE);
  let mask = 0;
  for (const c of plan.candidates) {
    const prov = ix.providers[c.provider];
    mask |= fitMask(prov, plan.needs);
    if (!fitsCapacity(ix, prov, plan.needs, remaining)) mask |= REASON.NO_CAPACITY;
  }
  return reasonList(mask);
}

export function batchResult(ix: TScenarioIndex, plans: TPlan[], assignment: TAssignment, remaining: Float64Array): TBatchResult {
  const placements: TPlacement[] = [];
  const unplaced: TUnplaced[] = [];
  const byTier: Record<string, number> = {};
  let placedMinutes = 0;
  let unplacedMinutes = 0;
  let score = 0;
  let pennies = 0;
  plans.forEach((plan, i) => {
    const a = assignment[i];
    if (a === null) {
      unplaced.push({ packageId: plan.needs.pkg.id, reasons: unplacedReasons(ix, plan, remaining) });
      unplacedMinutes += plan.needs.minutes;
      return;
    }
    const c = ix.contracts[a.contract].contract;
    const cost = weeklyCostPennies(plan.needs.minutes, c.hourlyRate);
    placements.push({
      packageId: plan.needs.pkg.id,
      providerId: ix.providers[a.provider].provider.id,
      contractId: c.id,
      contractType: c.type,
      tier: a.tier,
      hourlyRate: c.hourlyRate,
      weeklyCost: cost / 100,
    });
    byTier[a.tier] = (byTier[a.tier] ?? 0) + 1;
    placedMinutes += plan.needs.minutes;
    score += scoreUnits(plan);
    pennies += cost;
  });
  return {
    placements,
    unplaced,
    summary: {
      packages: plans.length,
      placed: placements.length,
      placedHours: round2(placedMinutes / 60),
      unplacedHours: round2(unplacedMinutes / 60),
      score: round2(score / 60),
      weeklyCost: pennies / 100,
      byTier,
    },
  };
}
