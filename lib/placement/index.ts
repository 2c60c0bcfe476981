// Public API of the placement engine (docs/placement.md). Pure functions of a scenario:
// no database, no framework, no clock reads beyond optimise's time limit.

export { BANDS, bandOf, type TBand } from '../domain/carer-hours';
export { REASON_CODES, PATHWAY_WEIGHT, type TReasonCode } from './constants';
export { demandByBand, packageHours, packageWeeklyCost } from './demand';
export { generate, GENERATED_NOW, type TGenerateOptions } from './generate';
export { greedy } from './greedy';
export { optimise, type TOptimiseOptions } from './optimise';
export { formatPath, parseScenario, type TParseResult } from './parse-scenario';
export { rank, rankEach, rankPackage, rankPackageWithTiers } from './rank';
export type { TBatchResult, TExcluded, TOffer, TPlacement, TRankResult, TRanking, TSolverReport, TSolverStatus, TSummary, TUnplaced } from './result-types';
export {
  ZCapacitySchema,
  ZContractSchema,
  ZLocalitySchema,
  ZPackageSchema,
  ZProviderSchema,
  ZScenarioSchema,
  ZVisitSchema,
  type TCapacity,
  type TContract,
  type TLocality,
  type TPackage,
  type TProvider,
  type TScenario,
  type TScenarioInput,
  type TVisit,
} from './schema';
