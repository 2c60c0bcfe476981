import { fitCandidates, greedyFill, planBatch, priorityOrder, type TAssignment } from './batch-plan';
import { batchResult } from './outcome';
import type { TBatchResult } from './result-types';
import { indexScenario } from './scenario-index';
import type { TScenario } from './schema';

// greedy: one pass in priority order, each package to the first offer of its ranking against the
// capacity that is left (docs/placement.md).

export function greedy(scenario: TScenario): TBatchResult {
  const ix = indexScenario(scenario);
  const plans = planBatch(ix);
  const remaining = ix.declared.slice();
  const assignment: TAssignment = plans.map(() => null);
  const fitting = plans.map((p) => fitCandidates(ix, p));
  greedyFill(ix, plans, fitting, priorityOrder(plans), assignment, remaining);
  return batchResult(ix, plans, assignment, remaining);
}
