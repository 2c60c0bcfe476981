import { fitCandidates, greedyFill, planBatch, priorityOrder, spend, type TAssignment } from './batch-plan';
import { round2 } from './demand';
import { highsRuntime } from './highs-runtime';
import { buildProblem, isBetter, isEvidentlyOptimal, keyOf, solveLocality } from './locality-mip';
import { batchResult } from './outcome';
import type { TBatchResult } from './result-types';
import { indexScenario } from './scenario-index';
import type { TScenario } from './schema';

// optimise: the batch placement that maximises the score, then prefers lower tiers, then lower
// weekly cost (docs/placement.md). It starts from greedy's answer, solves each locality's
// MIP (locality-mip.ts) within what is left of the time limit, and keeps for each locality
// whichever of the solver's answer and greedy's is better, so it never scores below greedy.
// Localities the time limit leaves unsolved keep greedy's answer and count their full demand
// that could be placed at all towards the reported bound.

export type TOptimiseOptions = {
  /** Wall-clock budget for the solver; 10 s by default, as on the command line. */
  timeLimitSeconds?: number;
  /** Milliseconds, monotonic; only the time limit and the reported seconds read it. */
  clock?: () => number;
};

export async function optimise(scenario: TScenario, options: TOptimiseOptions = {}): Promise<TBatchResult> {
  const limit = options.timeLimitSeconds ?? 10;
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const deadline = started + limit * 1000;
  const secondsLeft = () => (deadline - clock()) / 1000;
  const highs = await highsRuntime();

  const ix = indexScenario(scenario);
  const plans = planBatch(ix);
  const fitting = plans.map((p) => fitCandidates(ix, p));
  const order = priorityOrder(plans);
  const greedyAnswer: TAssignment = plans.map(() => null);
  greedyFill(ix, plans, fitting, order, greedyAnswer, ix.declared.slice());

  const byLocality = new Map<number, number[]>();
  plans.forEach((p, i) => {
    const list = byLocality.get(p.needs.locality);
    if (list) list.push(i);
    else byLocality.set(p.needs.locality, [i]);
  });

  const chosen = greedyAnswer.slice();
  let optimal = true;
  let boundUnits = 0;
  for (const locality of [...byLocality.keys()].sort((a, b) => a - b)) {
    const problem = buildProblem(ix, plans, fitting, byLocality.get(locality) as number[]);
    if (problem.vars.length === 0) continue;
    const greedyKey = keyOf(ix, plans, problem, greedyAnswer);
    if (isEvidentlyOptimal(problem, greedyAnswer)) {
      boundUnits += greedyKey.units;
      continue;
    }
    const outcome = solveLocality(highs, ix, plans, problem, greedyAnswer, secondsLeft);
    boundUnits += outcome.boundUnits;
    optimal &&= outcome.optimal;
    if (outcome.picks === null) continue;
    const mine: TAssignment = plans.map(() => null);
    for (const [i, c] of outcome.picks) mine[i] = c;
    if (!isBetter(keyOf(ix, plans, problem, mine), greedyKey)) continue;
    for (const i of problem.packages) chosen[i] = mine[i];
  }

  const remaining = ix.declared.slice();
  chosen.forEach((c, i) => {
    if (c !== null) spend(ix, plans[i].needs, c.provider, remaining);
  });
  // After a time limit a locality's answer may leave room a package could still use.
  greedyFill(ix, plans, fitting, order, chosen, remaining);
  const result = batchResult(ix, plans, chosen, remaining);
  result.solver = {
    status: optimal ? 'OPTIMAL' : 'TIME_LIMIT',
    seconds: Math.round(clock() - started) / 1000,
    bound: round2(boundUnits / 60),
  };
  return result;
}
