import type { Highs, Model, ModelData } from 'highs';
import type { TAssignment, TPlan } from './batch-plan';
import type { TCandidate } from './candidates';
import { weeklyCostPennies } from './demand';
import { scoreUnits } from './outcome';
import type { TScenarioIndex } from './scenario-index';

// One locality's placement problem as a mixed-integer program. Localities are independent: a
// placement spends only the provider's capacity in the package's own locality, so the batch
// problem is exactly the sum of one such problem per locality.
//
//   x[j] ∈ {0,1}                                  package i(j) placed with candidate j
//   Σ_{j of i} x[j] ≤ 1                            each package at most once
//   Σ_{j of (p,b)} demand[i(j),b] · x[j] ≤ cap[p,b]  each provider and band, whole carer-minutes
// Stage 1 maximises the score Σ units[i(j)] · x[j] (carer-minutes × pathway weight: integers).
// Stage 2 adds Σ units · x ≥ stage-1 optimum and minimises Σ (tier[j] · M + pennies[j]) · x[j],
// M being more than the locality's largest possible weekly cost in pennies, so that no saving in
// cost can buy a worse tier sum. Every coefficient is an integer, so a gap below 1 is optimal.

const EPS = 1e-6;

export type TVar = { pkg: number; cand: TCandidate; units: number; pennies: number };

export type TLocalityProblem = { packages: number[]; vars: TVar[] };

/** Score units, tier sum and pennies: better is more units, then fewer tiers, then fewer pennies. */
export type TKey = { units: number; tiers: number; pennies: number };

export function isBetter(a: TKey, b: TKey): boolean {
  if (a.units !== b.units) return a.units > b.units;
  if (a.tiers !== b.tiers) return a.tiers < b.tiers;
  return a.pennies < b.pennies;
}

function pennies(ix: TScenarioIndex, plan: TPlan, cand: TCandidate): number {
  return weeklyCostPennies(plan.needs.minutes, ix.contracts[cand.contract].contract.hourlyRate);
}

export function buildProblem(ix: TScenarioIndex, plans: TPlan[], fitting: TCandidate[][], packages: number[]): TLocalityProblem {
  const vars: TVar[] = [];
  for (const i of packages) {
    const pk = plans[i].needs;
    for (const cand of fitting[i]) {
      const slot = ix.providers[cand.provider].slots.get(pk.locality);
      let fits = true;
      for (let b = 0; b < 5; b++) {
        if (pk.demand[b] > 0 && (slot === undefined || pk.demand[b] > ix.declared[slot * 5 + b] + EPS)) fits = false;
      }
      if (fits) vars.push({ pkg: i, cand, units: scoreUnits(plans[i]), pennies: pennies(ix, plans[i], cand) });
    }
  }
  return { packages, vars };
}

export function keyOf(ix: TScenarioIndex, plans: TPlan[], problem: TLocalityProblem, a: TAssignment): TKey {
  const key = { units: 0, tiers: 0, pennies: 0 };
  for (const i of problem.packages) {
    const c = a[i];
    if (c === null) continue;
    key.units += scoreUnits(plans[i]);
    key.tiers += c.tier;
    key.pennies += pennies(ix, plans[i], c);
  }
  return key;
}

/**
 * Whether `a` is already lexicographically optimal: every package that could be placed at all is
 * placed, each at its lowest tier and, within it, its lowest cost. Then no solver run is needed.
 */
export function isEvidentlyOptimal(problem: TLocalityProblem, a: TAssignment): boolean {
  const best = new Map<number, TVar>();
  for (const v of problem.vars) {
    const held = best.get(v.pkg);
    if (held === undefined || v.cand.tier < held.cand.tier || (v.cand.tier === held.cand.tier && v.pennies < held.pennies)) {
      best.set(v.pkg, v);
    }
  }
  for (const [i, v] of best) {
    const c = a[i];
    if (c === null || c.tier !== v.cand.tier) return false;
    const mine = problem.vars.find((w) => w.pkg === i && w.cand.contract === c.contract && w.cand.provider === c.provider);
    if (mine === undefined || mine.pennies !== v.pennies) return false;
  }
  return true;
}

export type TMipOutcome = {
  /** Package index → candidate, or null when the solver produced no usable answer. */
  picks: Map<number, TCandidate> | null;
  optimal: boolean;
  /** Proven upper bound on the locality's score units. */
  boundUnits: number;
};

function buildModel(highs: Highs, ix: TScenarioIndex, plans: TPlan[], problem: TLocalityProblem, scoreFloor: number | null): ModelData {
  const { vars } = problem;
  const packageRow = new Map<number, number>();
  const rowUpper: number[] = [];
  const rowLower: number[] = [];
  for (const v of vars) {
    if (!packageRow.has(v.pkg)) {
      packageRow.set(v.pkg, rowUpper.length);
      rowUpper.push(1);
      rowLower.push(-highs.infinity);
    }
  }
  // A capacity row only where the candidates could together exceed it.
  const load = new Map<number, number>();
  for (const v of vars) {
    const slot = ix.providers[v.cand.provider].slots.get(plans[v.pkg].needs.locality) as number;
    plans[v.pkg].needs.demand.forEach((d, b) => {
      if (d > 0) load.set(slot * 5 + b, (load.get(slot * 5 + b) ?? 0) + d);
    });
  }
  const capRow = new Map<number, number>();
  for (const [cell, total] of [...load.entries()].sort((a, b) => a[0] - b[0])) {
    const cap = Math.floor(ix.declared[cell] + EPS); // demand is whole minutes
    if (total <= cap) continue;
    capRow.set(cell, rowUpper.length);
    rowUpper.push(cap);
    rowLower.push(-highs.infinity);
  }
  const scoreRow = rowUpper.length;
  if (scoreFloor !== null) {
    rowLower.push(scoreFloor);
    rowUpper.push(highs.infinity);
  }

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  let bigM = 1;
  for (const v of vars) bigM += v.pennies;
  for (const v of vars) {
    const pk = plans[v.pkg].needs;
    const slot = ix.providers[v.cand.provider].slots.get(pk.locality) as number;
    indices.push(packageRow.get(v.pkg) as number);
    values.push(1);
    pk.demand.forEach((d, b) => {
      const row = capRow.get(slot * 5 + b);
      if (d > 0 && row !== undefined) {
        indices.push(row);
        values.push(d);
      }
    });
    if (scoreFloor !== null) {
      indices.push(scoreRow);
      values.push(v.units);
    }
    starts.push(indices.length);
  }
  const n = vars.length;
  return {
    numCols: n,
    numRows: rowUpper.length,
    sense: scoreFloor === null ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: vars.map((v) => (scoreFloor === null ? v.units : v.cand.tier * bigM + v.pennies)),
    colLower: new Array<number>(n).fill(0),
    colUpper: new Array<number>(n).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: rowUpper.length, numCols: n, starts, indices, values },
    integrality: new Array<number>(n).fill(highs.constants.variableType.integer) as ModelData['integrality'],
  };
}

type TRun = { status: 'optimal' | 'limited'; values: Float64Array | null; objective: number; dualBound: number };

function run(highs: Highs, data: ModelData, start: number[], seconds: number): TRun {
  const model: Model = highs.createModel(data);
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: seconds });
    model.setSolution({ colValue: start });
    model.run();
    const optimal = model.getModelStatus() === highs.constants.modelStatus.optimal;
    const feasible = model.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
    const dual = Number(model.info.get('mip_dual_bound'));
    return {
      status: optimal ? 'optimal' : 'limited',
      values: feasible ? model.getSolution().colValue : null,
      objective: feasible ? model.getObjectiveValue() : NaN,
      dualBound: dual,
    };
  } finally {
    model.dispose();
  }
}

function picksOf(problem: TLocalityProblem, values: Float64Array | null): Map<number, TCandidate> | null {
  if (values === null) return null;
  const picks = new Map<number, TCandidate>();
  for (let j = 0; j < problem.vars.length; j++) {
    const v = problem.vars[j];
    if (values[j] <= 0.5) continue;
    if (picks.has(v.pkg)) return null;
    picks.set(v.pkg, v.cand);
  }
  return picks;
}

/** Checks an answer against declared capacity in plain arithmetic, whatever the solver's tolerances. */
function feasible(ix: TScenarioIndex, plans: TPlan[], picks: Map<number, TCandidate>): boolean {
  const used = new Map<number, number>();
  for (const [i, c] of picks) {
    const pk = plans[i].needs;
    const slot = ix.providers[c.provider].slots.get(pk.locality) as number;
    for (let b = 0; b < 5; b++) {
      const cell = slot * 5 + b;
      const u = (used.get(cell) ?? 0) + pk.demand[b];
      if (u > ix.declared[cell] + EPS) return false;
      used.set(cell, u);
    }
  }
  return true;
}

function startFrom(problem: TLocalityProblem, chosen: (i: number) => TCandidate | null | undefined): number[] {
  return problem.vars.map((v) => {
    const c = chosen(v.pkg);
    return c != null && c.provider === v.cand.provider && c.contract === v.cand.contract ? 1 : 0;
  });
}

export function solveLocality(
  highs: Highs,
  ix: TScenarioIndex,
  plans: TPlan[],
  problem: TLocalityProblem,
  warm: TAssignment,
  secondsLeft: () => number,
): TMipOutcome {
  const units = new Map<number, number>();
  for (const v of problem.vars) units.set(v.pkg, v.units);
  let ceiling = 0;
  for (const u of units.values()) ceiling += u;
  const unsolved: TMipOutcome = { picks: null, optimal: false, boundUnits: ceiling };
  if (secondsLeft() <= 0) return unsolved;

  const first = run(
    highs,
    buildModel(highs, ix, plans, problem, null),
    startFrom(problem, (i) => warm[i]),
    secondsLeft(),
  );
  const firstPicks = picksOf(problem, first.values);
  const safeFirst = firstPicks !== null && feasible(ix, plans, firstPicks) ? firstPicks : null;
  if (first.status !== 'optimal') {
    const bound = Number.isFinite(first.dualBound) ? Math.min(ceiling, Math.floor(first.dualBound + EPS)) : ceiling;
    return { picks: safeFirst, optimal: false, boundUnits: bound };
  }
  const best = Math.round(first.objective);
  if (safeFirst === null) return { picks: null, optimal: false, boundUnits: best };
  if (secondsLeft() <= 0) return { picks: safeFirst, optimal: false, boundUnits: best };

  const second = run(
    highs,
    buildModel(highs, ix, plans, problem, best),
    startFrom(problem, (i) => safeFirst.get(i)),
    secondsLeft(),
  );
  const secondPicks = picksOf(problem, second.values);
  const safeSecond = secondPicks !== null && feasible(ix, plans, secondPicks) ? secondPicks : null;
  return { picks: safeSecond ?? safeFirst, optimal: second.status === 'optimal' && safeSecond !== null, boundUnits: best };
}
