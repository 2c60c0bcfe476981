import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { enginePackage, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { roomText } from '@/lib/package/preview-plan';
import { PATHWAY_VALUES } from '@/lib/package/package-schema';
import { capacityGaps } from '@/lib/placement/capacity-gaps';
import type { TReasonCode } from '@/lib/placement/constants';
import { greedy } from '@/lib/placement/greedy';
import { rankPackage } from '@/lib/placement/rank';
import type { TPackage, TScenario } from '@/lib/placement/schema';
import { planItems, planReplacement, POOL_UNPLACED_TEXT, REPLACEMENT_TIME_LIMIT_SECONDS, summarisePlan } from './preview-replacement';
import type { TReplacementSolver } from './preview-replacement';
import { savePreviewedBatch } from './save-previewed-batch';

export const ZPreviewWaitingPoolSchema = z.object({
  localityId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'Choose a locality from the list' }).optional()),
  pathway: z.preprocess((v) => (v === '' ? undefined : v), z.enum(PATHWAY_VALUES, { error: 'Choose a pathway from the list' }).optional()),
});

/** How many providers short of room an unplaced package's reasons name at most. */
const NEAR_MISSES = 3;

/**
 * The optimiser's plan for every package waiting for a provider (being offered, or on the open
 * market) in a locality and/or pathway, planned together against the capacity providers have
 * declared, beside what the cascade's one-by-one order would do with the same packages. A
 * provider that declined a package's version is not planned for it. Nothing changes for the packages until the plan is
 * sent; it is kept as a PREVIEWED batch with each package's version.
 */
export async function previewWaitingPool(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZPreviewWaitingPoolSchema>,
  now: Date = new Date(),
  options: { timeLimitSeconds?: number; ip?: string | null } = {},
): Promise<{ batchId: string; solver: TReplacementSolver }> {
  const { councilId } = actor;
  const { localityId, pathway } = parseOrThrow(ZPreviewWaitingPoolSchema, input);
  if (localityId && !(await prisma.locality.findFirst({ where: { councilId, id: localityId }, select: { id: true } }))) {
    throw new AppError('VALIDATION', undefined, { localityId: ['Choose a locality from the list'] });
  }
  const packages = await prisma.package.findMany({
    where: { councilId, status: statusIn(OFFERING_STATUSES), ...(localityId ? { localityId } : {}), ...(pathway ? { pathway } : {}) },
    include: {
      visits: { where: visitsInForceWhere(now) },
      hospital: { select: { code: true } },
      offers: { where: { status: 'DECLINED' }, select: { providerId: true, packageVersion: true } },
    },
    orderBy: { reference: 'asc' },
  });
  if (packages.length === 0) throw new AppError('CONFLICT', 'No package is waiting for a provider there: there is nothing to plan.');

  const engine = packages.map((p): TPackage => {
    // The cascade's order runs from when each package last went to market.
    const pkg = enginePackage(p, p.marketEnteredAt ?? p.postedAt ?? now);
    const declined = p.offers.filter((o) => o.packageVersion === p.version).map((o) => o.providerId);
    return { ...pkg, excludedProviderIds: [...new Set([...pkg.excludedProviderIds, ...declined])] };
  });
  const scenario = await scenarioFromDb(prisma, councilId, engine, now);
  const { result, fallback } = await planReplacement(scenario, options.timeLimitSeconds ?? REPLACEMENT_TIME_LIMIT_SECONDS);
  const cascade = greedy(scenario).summary;
  const solver: TReplacementSolver = {
    ...summarisePlan(result, fallback),
    cascade: { placed: cascade.placed, placedHours: cascade.placedHours, weeklyCost: cascade.weeklyCost },
  };
  const version = new Map(packages.map((p) => [p.id, p.version]));
  const items = planItems(scenario, engine, result, (pkg, codes) => unplacedReasons(scenario, pkg, codes)).map((item) => ({
    ...item,
    packageVersion: version.get(item.packageId),
  }));

  const batchId = await savePreviewedBatch(prisma, actor, {
    batch: { kind: 'WAITING_POOL', localityId: localityId ?? null, pathway: pathway ?? null, solver, items },
    now,
    ip: options.ip ?? null,
    audit: () => ({
      action: 'waiting-pool.previewed',
      details: {
        localityId: localityId ?? null,
        pathway: pathway ?? null,
        packages: items.length,
        proposed: result.placements.length,
        cascadePlaced: cascade.placed,
        status: solver.status,
        score: solver.score,
        bound: solver.bound,
      },
    }),
  });
  return { batchId, solver };
}

/**
 * Why the plan has no provider for a package: the engine's reasons, then who nearly could. A
 * provider with room for it on its own whose room the plan gives to other packages, and a
 * provider short of room only at some times (lib/placement/capacity-gaps.ts), at most three.
 */
function unplacedReasons(scenario: TScenario, pkg: TPackage, codes: readonly TReasonCode[]): string[] {
  const reasons = codes.map((c) => POOL_UNPLACED_TEXT[c]);
  const ranking = rankPackage(scenario, pkg.id);
  if (!ranking) return reasons;
  const name = new Map(scenario.providers.map((p) => [p.id, p.name]));
  const locality = scenario.localities.find((l) => l.id === pkg.localityId);
  const localityName = locality?.name ?? 'its locality';
  const taken = ranking.offers.slice(0, NEAR_MISSES).map((o) => name.get(o.providerId) ?? o.providerId);
  if (taken.length) reasons.push(`${taken.join(', ')} ${taken.length === 1 ? 'has' : 'have'} room for it, but the plan gives that room to other packages`);
  const shortOnly = ranking.excluded.filter((e) => e.reasons.length === 1 && e.reasons[0] === 'NO_CAPACITY').map((e) => e.providerId);
  const localityNames = new Map(scenario.localities.map((l) => [l.id, l.name]));
  for (const gap of capacityGaps(scenario, pkg.id, shortOnly.slice(0, NEAR_MISSES - taken.length))) {
    const capacity = { ...gap, neighboursWithRoom: gap.neighboursWithRoom.map((id) => localityNames.get(id) ?? id) };
    reasons.push(roomText({ providerName: name.get(gap.providerId) ?? gap.providerId, capacity }, localityName));
  }
  return reasons;
}
