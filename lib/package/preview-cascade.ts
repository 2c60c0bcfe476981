import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { getCouncilSettings, offerDeadline } from '@/lib/brokerage/council-settings';
import { enginePackage, localiseReasons, packageForRanking, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { AppError } from '@/lib/errors/app-error';
import type { TReasonCode } from '@/lib/placement/constants';
import { capacityGaps } from '@/lib/placement/capacity-gaps';
import { rankPackageWithTiers } from '@/lib/placement/rank';
import type { TBand } from '@/lib/domain/carer-hours';
import type { TPackage } from '@/lib/placement/schema';
import { ZPackageDraftSchema, type TPackageDraftInput } from './package-schema';

export type TPreviewOffer = {
  providerId: string;
  providerName: string;
  contractId: string;
  contractReference: string;
  contractType: string;
  tier: number;
  hourlyRate: number;
  weeklyCost: number;
  reasons: string[];
};

export type TPreviewExcluded = {
  providerId: string;
  providerName: string;
  reasons: readonly TReasonCode[];
  /** For a provider left out only for want of room: the bands it has room in and not, and the neighbouring localities (by name) where it has room for it all. */
  capacity?: { roomIn: TBand[]; shortIn: TBand[]; neighboursWithRoom: string[] };
  /** Where a contract in force gives it a place in the cascade: the tier it would have been asked in, and under what kind of contract. */
  standing?: { tier: number; contractType: string };
};

export type TCascadePreview = {
  hours: number;
  /** The tier round 1 would go to, or null when the package would go straight to the open market. */
  firstTier: number | null;
  offers: TPreviewOffer[];
  /** Until when round 1 would stay open if posted now: the council's offer time for the package's pathway. */
  deadline: Date;
  excluded: TPreviewExcluded[];
  localityName: string;
  requiredSkills: string[];
  preferredProviderId: string | null;
};

const PREVIEW_ID = 'preview';

/**
 * Who a package would be offered to, in order, for the broker to check before posting: the
 * engine's ranking with provider names and contract references added. Works on a saved package
 * or on an unsaved draft from the form.
 */
export async function previewCascade(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: { packageId: string } | { draft: TPackageDraftInput },
  now: Date = new Date(),
): Promise<TCascadePreview> {
  const { councilId } = actor;
  let pkg: TPackage;
  if ('packageId' in input) {
    const row = await packageForRanking(prisma, councilId, input.packageId, now.getTime());
    if (!row) throw new AppError('NOT_FOUND', 'That package could not be found.');
    pkg = enginePackage(row, row.postedAt ?? now);
  } else {
    const parsed = ZPackageDraftSchema.safeParse(input.draft);
    if (!parsed.success) throw new AppError('VALIDATION', 'Complete the package before previewing who it would go to.');
    const d = parsed.data;
    const hospital = d.hospitalId ? await prisma.hospital.findFirst({ where: { councilId, id: d.hospitalId }, select: { code: true } }) : null;
    pkg = enginePackage(
      {
        id: PREVIEW_ID,
        localityId: d.localityId,
        pathway: d.pathway,
        funding: d.funding,
        hospital,
        preferredProviderId: d.preferredProviderId ?? null,
        excludedProviderIds: d.excludedProviderIds,
        requiredSkills: d.requiredSkills,
        visits: d.visits.map((v) => ({ ...v, councilId, id: '', packageId: PREVIEW_ID })),
      } as Parameters<typeof enginePackage>[0],
      now,
    );
  }
  const locality = await prisma.locality.findFirst({ where: { councilId, id: pkg.localityId }, select: { name: true } });
  if (!locality) throw new AppError('VALIDATION', 'Choose the locality from the list.', { localityId: ['Choose the locality from the list'] });

  const scenario = await scenarioFromDb(prisma, councilId, [pkg], now);
  const ranked = rankPackageWithTiers(scenario, pkg.id);
  if (!ranked) throw new AppError('NOT_FOUND');
  const { ranking, tiers } = ranked;
  const names = new Map(scenario.providers.map((p) => [p.id, p.name]));
  const contractIds = [...new Set(ranking.offers.map((o) => o.contractId))];
  const references = new Map(
    (await prisma.contract.findMany({ where: { councilId, id: { in: contractIds } }, select: { id: true, reference: true } })).map((c) => [c.id, c.reference]),
  );
  const settings = await getCouncilSettings(prisma, councilId);
  const localityNames = new Map(scenario.localities.map((l) => [l.id, l.name]));
  const onlyRoom = ranking.excluded.filter((e) => e.reasons.length === 1 && e.reasons[0] === 'NO_CAPACITY').map((e) => e.providerId);
  const gaps = new Map(capacityGaps(scenario, pkg.id, onlyRoom).map((g) => [g.providerId, g]));
  return {
    hours: ranking.hours,
    deadline: offerDeadline(settings, pkg.pathway, now),
    firstTier: ranking.offers[0]?.tier ?? null,
    offers: ranking.offers.map((o) => ({
      ...o,
      reasons: localiseReasons(scenario, o.reasons),
      providerName: names.get(o.providerId) ?? '',
      contractReference: references.get(o.contractId) ?? '',
    })),
    excluded: ranking.excluded.map((e) => {
      const gap = gaps.get(e.providerId);
      const capacity = gap && { roomIn: gap.roomIn, shortIn: gap.shortIn, neighboursWithRoom: gap.neighboursWithRoom.map((id) => localityNames.get(id) ?? '') };
      const standing = tiers.get(e.providerId);
      return { ...e, providerName: names.get(e.providerId) ?? '', ...(capacity ? { capacity } : {}), ...(standing ? { standing } : {}) };
    }),
    localityName: locality.name,
    requiredSkills: [...pkg.requiredSkills],
    preferredProviderId: pkg.preferredProviderId ?? null,
  };
}
