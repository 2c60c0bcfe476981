import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { enginePackage, localiseReasons, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import type { TReasonCode } from '@/lib/placement/constants';
import { packageHours } from '@/lib/placement/demand';
import { greedy } from '@/lib/placement/greedy';
import { rankPackage } from '@/lib/placement/rank';
import type { TBatchResult } from '@/lib/placement/result-types';
import type { TPackage, TScenario } from '@/lib/placement/schema';
import { optimiseInWorker } from '@/lib/placement/optimise-in-worker';
import { LIVE_STATUSES, statusIn } from '@/lib/domain/package-status';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { savePreviewedBatch } from './save-previewed-batch';

export const ZPreviewReplacementSchema = z.object({ providerId: z.uuid({ error: 'Choose a provider' }) });

/** How long the optimiser may search before it returns its best answer so far. */
export const REPLACEMENT_TIME_LIMIT_SECONDS = 10;

/** Why a package has no proposal, in the words a broker or commissioner would use; `other` is "other " when the package's own provider is left out. */
function unplacedTexts(other: '' | 'other '): Record<TReasonCode, string> {
  const Other = other ? 'No other provider' : 'No provider';
  return {
    PROVIDER_SUSPENDED: `The ${other}providers who could take it are suspended`,
    CQC_INADEQUATE: `The ${other}providers who could take it are rated Inadequate`,
    CONTRACT_NOT_IN_FORCE: `${Other} has a contract in force for it`,
    NO_CONTRACT_FOR_PACKAGE: `${Other} holds a contract covering this package`,
    MISSING_SKILL: `${Other} has the skills it needs`,
    NO_DOUBLE_HANDED: `${Other} can staff its two-carer visits`,
    EXCLUDED_BY_PACKAGE: `The person has asked not to use the ${other}providers who could take it`,
    NO_CAPACITY: `${Other} has spare capacity left for it in its area and times`,
  };
}

/** A suspended provider's or ending contract's packages: every other provider. */
export const UNPLACED_TEXT = unplacedTexts('other ');
/** The waiting pool's packages, where providers that declined a package are left out as the person's exclusions are. */
export const POOL_UNPLACED_TEXT: Record<TReasonCode, string> = {
  ...unplacedTexts(''),
  EXCLUDED_BY_PACKAGE: 'The providers who could take it have declined it, or the person has asked not to use them',
};

/** What the cascade's one-by-one order (greedy: the oldest first, each to its first offer) would do with the same packages. */
export type TCascadeSummary = { placed: number; placedHours: number; weeklyCost: number };

/** The solver summary kept with a batch: what the optimiser found and how sure it is. */
export type TReplacementSolver = {
  status: 'OPTIMAL' | 'TIME_LIMIT' | 'GREEDY';
  seconds: number | null;
  score: number;
  bound: number | null;
  /** (bound − score) ÷ bound; 0 when proved optimal, null without a bound. */
  gap: number | null;
  packages: number;
  placed: number;
  placedHours: number;
  unplacedHours: number;
  weeklyCost: number;
  byTier: Record<string, number>;
  /** The cascade tier of each proposal, by package id: the offer is made at that tier. */
  tiers: Record<string, number>;
  /** Set when the optimiser failed and the greedy plan was used instead. */
  fallback?: string;
  /** The waiting pool's: the cascade's one-by-one order on the same packages and capacity, to compare. */
  cascade?: TCascadeSummary;
};

/**
 * The optimiser's plan for re-placing every package a suspended provider holds for the council.
 * The scenario comes from the database as it is now: the provider is SUSPENDED there, so the
 * engine cannot choose it, and it is also on each package's exclusions. Nothing changes for the
 * packages until the batch is sent; the plan is kept as a PREVIEWED batch.
 */
export async function previewReplacement(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZPreviewReplacementSchema>,
  now: Date = new Date(),
  options: { timeLimitSeconds?: number; ip?: string | null } = {},
): Promise<{ batchId: string; solver: TReplacementSolver }> {
  const { councilId } = actor;
  const { providerId } = parseOrThrow(ZPreviewReplacementSchema, input);
  const registered = await prisma.councilProvider.findUnique({ where: { councilId_providerId: { councilId, providerId } }, select: { status: true } });
  if (!registered) throw new AppError('NOT_FOUND', 'That provider is not on your register.');
  if (registered.status !== 'SUSPENDED') throw new AppError('CONFLICT', 'Suspend the provider before re-placing its packages.');

  const packages = await prisma.package.findMany({
    where: { councilId, status: statusIn(LIVE_STATUSES), placements: { some: { providerId, endedAt: null } } },
    include: { visits: { where: visitsInForceWhere(now) }, hospital: { select: { code: true } } },
    orderBy: { reference: 'asc' },
  });
  if (packages.length === 0) throw new AppError('CONFLICT', 'This provider holds no active packages for your council.');

  const engine = packages.map((p) => {
    const pkg = enginePackage(p, p.postedAt ?? now);
    return { ...pkg, excludedProviderIds: [...new Set([...pkg.excludedProviderIds, providerId])] };
  });
  const scenario = await scenarioFromDb(prisma, councilId, engine, now);
  if (scenario.providers.find((p) => p.id === providerId)?.status !== 'SUSPENDED') {
    throw new AppError('CONFLICT', 'This provider is not suspended any more.');
  }
  const { result, fallback } = await planReplacement(scenario, options.timeLimitSeconds ?? REPLACEMENT_TIME_LIMIT_SECONDS);
  const solver = summarisePlan(result, fallback);

  const items = planItems(scenario, engine, result, (_, codes) => codes.map((c) => UNPLACED_TEXT[c]));

  const batchId = await savePreviewedBatch(prisma, actor, {
    batch: { providerId, solver, items },
    now,
    ip: options.ip ?? null,
    audit: () => ({
      action: 'replacement.previewed',
      details: { providerId, packages: items.length, proposed: result.placements.length, status: solver.status, score: solver.score, bound: solver.bound },
    }),
  });
  return { batchId, solver };
}

/** The optimiser on its worker thread; if it fails outright, greedy's plan (which optimise starts from anyway). */
export async function planReplacement(scenario: TScenario, timeLimitSeconds: number): Promise<{ result: TBatchResult; fallback?: string }> {
  try {
    return { result: await optimiseInWorker(scenario, { timeLimitSeconds }) };
  } catch (error) {
    console.error('[replacement] optimiser failed, using the greedy plan', error);
    return { result: greedy(scenario), fallback: error instanceof Error ? error.message : String(error) };
  }
}

/** What is kept of the optimiser's answer with a batch. */
export function summarisePlan(result: TBatchResult, fallback: string | undefined): TReplacementSolver {
  const bound = result.solver?.bound ?? null;
  const score = result.summary.score;
  return {
    status: result.solver?.status ?? 'GREEDY',
    seconds: result.solver?.seconds ?? null,
    score,
    bound,
    gap: bound === null ? null : bound > 0 ? Math.max(0, (bound - score) / bound) : 0,
    packages: result.summary.packages,
    placed: result.summary.placed,
    placedHours: result.summary.placedHours,
    unplacedHours: result.summary.unplacedHours,
    weeklyCost: result.summary.weeklyCost,
    byTier: result.summary.byTier,
    tiers: Object.fromEntries(result.placements.map((p) => [p.packageId, p.tier])),
    ...(fallback ? { fallback } : {}),
  };
}

export type TPlanItem = { packageId: string; proposedProviderId: string | null; proposedContractId: string | null; carerHours: number; reasons: string[] };

/**
 * A batch's items from the optimiser's answer, in the packages' order: each placed package with
 * the provider and contract chosen and the engine's reasons for that provider (its tier, rating,
 * rate and free hours); each unplaced one with `unplaced`'s words for why.
 */
export function planItems(
  scenario: TScenario,
  packages: readonly TPackage[],
  result: TBatchResult,
  unplaced: (pkg: TPackage, codes: readonly TReasonCode[]) => string[],
): TPlanItem[] {
  const placedBy = new Map(result.placements.map((p) => [p.packageId, p]));
  const unplacedBy = new Map(result.unplaced.map((u) => [u.packageId, u]));
  return packages.map((pkg) => {
    const placement = placedBy.get(pkg.id);
    const hours = packageHours(pkg);
    if (!placement) {
      return {
        packageId: pkg.id,
        proposedProviderId: null,
        proposedContractId: null,
        carerHours: hours,
        reasons: unplaced(pkg, unplacedBy.get(pkg.id)?.reasons ?? []),
      };
    }
    const offer = rankPackage(scenario, pkg.id)?.offers.find((o) => o.providerId === placement.providerId);
    return {
      packageId: pkg.id,
      proposedProviderId: placement.providerId,
      proposedContractId: placement.contractId,
      carerHours: hours,
      reasons: localiseReasons(scenario, offer?.reasons ?? [`Tier ${placement.tier} of the cascade`]),
    };
  });
}
