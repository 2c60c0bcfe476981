import type { TReasonCode } from './constants';
import type { TContract } from './schema';

// Output shapes of docs/placement.md ("rank", "greedy and optimise").

export type TOffer = {
  providerId: string;
  contractId: string;
  contractType: TContract['type'];
  tier: number;
  hourlyRate: number;
  weeklyCost: number;
  /** Why this offer stands where it does; joined with "; " they read as one sentence. */
  reasons: string[];
};

export type TExcluded = { providerId: string; reasons: readonly TReasonCode[] };

export type TRanking = { packageId: string; hours: number; offers: TOffer[]; excluded: TExcluded[] };

export type TRankResult = { rankings: TRanking[] };

export type TPlacement = {
  packageId: string;
  providerId: string;
  contractId: string;
  contractType: TContract['type'];
  tier: number;
  hourlyRate: number;
  weeklyCost: number;
};

export type TUnplaced = { packageId: string; reasons: readonly TReasonCode[] };

export type TSummary = {
  packages: number;
  placed: number;
  placedHours: number;
  unplacedHours: number;
  score: number;
  weeklyCost: number;
  byTier: Record<string, number>;
};

export type TSolverStatus = 'OPTIMAL' | 'TIME_LIMIT';

export type TSolverReport = { status: TSolverStatus; seconds: number; bound: number };

export type TBatchResult = {
  placements: TPlacement[];
  unplaced: TUnplaced[];
  summary: TSummary;
  solver?: TSolverReport;
};
