import { placeability } from '@/lib/placement/placeability';
import type { TBatchResult } from '@/lib/placement/result-types';
import type { TScenario } from '@/lib/placement/schema';
import { applyChanges, type TMarket } from './apply-changes';
import type { TChange } from './changes';
import { figuresOf, type TFigures } from './figures';

// One what-if run: today's market as it is (the base) and the market with the scenario's changes
// (the variant), each placed by the optimiser, and the figures of both side by side. The optimiser
// is passed in: the worker runs it on a worker thread, tests and the benchmark call it directly.

export type TWhatIfResult = { base: TFigures; variant: TFigures; notes: string[]; seconds: number; ranAt: string };

export type TWhatIfRun =
  | { ok: true; result: TWhatIfResult; variant: TMarket; runs: { base: TBatchResult; variant: TBatchResult } }
  | { ok: false; fieldErrors: Record<string, string[]> };

export type TOptimiser = (scenario: TScenario) => Promise<TBatchResult>;

/** Steps a run reports, in order. */
export const RUN_STEPS = ['Reading today’s market', 'Placing today’s waiting packages', 'Placing the scenario’s packages', 'Done'] as const;

/** The placeability advisor on the packages the optimiser left unplaced. */
const adviceOn = (scenario: TScenario, result: TBatchResult) =>
  placeability(
    scenario,
    result.unplaced.map((u) => u.packageId),
  );

export async function runWhatIf(
  live: TMarket,
  changes: readonly TChange[],
  {
    optimise,
    progress = async () => undefined,
    clock = () => Date.now(),
  }: { optimise: TOptimiser; progress?: (step: number) => Promise<void>; clock?: () => number },
): Promise<TWhatIfRun> {
  const started = clock();
  const applied = applyChanges(live, changes);
  if (!applied.ok) return applied;
  await progress(1);
  const base = await optimise(live.scenario);
  await progress(2);
  const variant = await optimise(applied.market.scenario);
  return {
    ok: true,
    result: {
      base: figuresOf(live, base, adviceOn(live.scenario, base)),
      variant: figuresOf(applied.market, variant, adviceOn(applied.market.scenario, variant)),
      notes: applied.notes,
      seconds: Math.round(clock() - started) / 1000,
      ranAt: new Date(clock()).toISOString(),
    },
    variant: applied.market,
    runs: { base, variant },
  };
}
