import 'server-only';
import { Prisma, type ContractType, type PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { ZExpectedVersionSchema } from './package-schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { getCouncilSettings, offerDeadline } from '@/lib/brokerage/council-settings';
import { enginePackage, localiseReasons, packageForRanking, packageForRound, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { offerNotice } from '@/lib/notification/offer-notice';
import { notify, withNotices } from '@/lib/notification/notify';
import { CAPACITY_WAIVED_TEXT, openMarketFits } from '@/lib/placement/open-market';
import { rankPackage } from '@/lib/placement/rank';
import { isLive, isOffering, OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { contractInForceWhere } from '@/lib/domain/contract';
import { CONTRACT_RATES_SELECT, contractRateAt } from '@/lib/contract/contract-rate';
import { makeOffers } from '@/lib/offer/make-offers';
import { PATHWAY_TEXT } from '@/lib/domain/labels';

type Db = PrismaClient | Prisma.TransactionClient;

export const ZOfferToProviderSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  providerId: z.uuid({ error: 'Choose the provider to offer the package to' }),
  /** The version the broker saw: an offer is for one version of the package. */
  expectedVersion: ZExpectedVersionSchema.optional(),
});

export type TOfferToProvider = z.input<typeof ZOfferToProviderSchema>;

export type THandOfferChoice = {
  providerId: string;
  providerName: string;
  cqcRating: string;
  contractId: string;
  contractReference: string;
  contractType: ContractType;
  /** What the offer would pay an hour, the package's uplift included. */
  hourlyRate: number;
  /** The cascade tier the engine puts the provider in, or null when the engine does not rank it. */
  tier: number | null;
  reasons: string[];
  /** Already asked in the round now open (a second offer in one round is refused). */
  offeredThisRound: boolean;
  /** Why the engine's eligibility rules the provider out (two-carer visits, skills), in words: empty when it may be offered the package. */
  refusals: string[];
  /** It has not declared enough spare capacity for the visits: it may still be offered the package, and is told so. */
  capacityWaived: boolean;
};

const DUPLICATE = 'This provider has already been offered this package in the current round.';

type TPackageForChoices = Prisma.PackageGetPayload<{ include: ReturnType<typeof packageForRound> }>;

/**
 * The providers a broker may offer a package to by hand: active with the council, holding a
 * contract in force that covers the package's locality, not excluded by the person and not rated
 * Inadequate (the open market's rules, docs/placement.md). Each comes under
 * the contract the engine ranks it by when that contract covers the locality, otherwise its
 * cheapest such contract; the engine's reasons are given when it ranks the provider. Those the
 * engine's eligibility rules out (two-carer visits, skills) are listed with the reasons why, so
 * the broker sees them and cannot offer to them; a provider short only of declared capacity may
 * be offered the package.
 */
async function choicesFor(db: Db, pkg: TPackageForChoices, now: Date): Promise<THandOfferChoice[]> {
  const { councilId } = pkg;
  const inForce = await db.contract.findMany({
    where: {
      councilId,
      localities: { some: { localityId: pkg.localityId } },
      ...contractInForceWhere(now),
      providerId: { notIn: pkg.excludedProviderIds },
      provider: { cqcRating: { not: 'INADEQUATE' }, councils: { some: { councilId, status: 'ACTIVE' } } },
    },
    select: { id: true, reference: true, type: true, ...CONTRACT_RATES_SELECT, providerId: true, provider: { select: { name: true, cqcRating: true } } },
  });
  // Cheapest first at the rate in force now, then by id.
  const contracts = inForce
    .map((c) => ({ ...c, hourlyRate: contractRateAt(c, now) }))
    .sort((a, b) => a.hourlyRate - b.hourlyRate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (contracts.length === 0) return [];
  const scenario = await scenarioFromDb(db, councilId, [enginePackage(pkg, pkg.postedAt ?? now)], now);
  const ranking = rankPackage(scenario, pkg.id);
  const ranked = new Map((ranking?.offers ?? []).map((o) => [o.providerId, o]));
  const fits = ranking ? openMarketFits(scenario, ranking) : new Map<string, never>();
  const offered = new Set(
    (await db.offer.findMany({ where: { councilId, packageId: pkg.id, round: pkg.offerRound }, select: { providerId: true } })).map((o) => o.providerId),
  );
  const uplift = pkg.rateUplift ? Number(pkg.rateUplift) : 0;
  const chosen = new Map<string, (typeof contracts)[number]>();
  for (const c of contracts) {
    const engine = ranked.get(c.providerId);
    if (!chosen.has(c.providerId) || engine?.contractId === c.id) chosen.set(c.providerId, c);
  }
  return [...chosen.values()]
    .map((c) => {
      const engine = ranked.get(c.providerId);
      const byEngine = engine?.contractId === c.id ? engine : undefined;
      return {
        providerId: c.providerId,
        providerName: c.provider.name,
        cqcRating: c.provider.cqcRating,
        contractId: c.id,
        contractReference: c.reference,
        contractType: c.type,
        hourlyRate: Math.round(((byEngine ? byEngine.hourlyRate : c.hourlyRate) + uplift) * 100) / 100,
        tier: byEngine ? byEngine.tier : null,
        reasons: byEngine ? localiseReasons(scenario, byEngine.reasons) : [],
        offeredThisRound: offered.has(c.providerId),
        refusals: fits.get(c.providerId)?.refusals ?? [],
        capacityWaived: fits.get(c.providerId)?.capacityWaived ?? false,
      };
    })
    .sort((a, b) => (a.tier ?? Infinity) - (b.tier ?? Infinity) || a.hourlyRate - b.hourlyRate || a.providerName.localeCompare(b.providerName));
}

/** Who the broker may offer this package to by hand, for the package page. Empty unless it is being offered. */
export async function listHandOfferChoices(prisma: PrismaClient, actor: TCouncilActor, packageId: string, now: Date = new Date()): Promise<THandOfferChoice[]> {
  const { councilId } = actor;
  const pkg = await packageForRanking(prisma, councilId, packageId, now.getTime());
  return pkg && isOffering(pkg.status) ? choicesFor(prisma, pkg, now) : [];
}

/**
 * A broker offers a package to one named provider by hand, after a phone call for instance. The
 * offer joins the round that is open (tier null, as offers made by hand are), for the version the
 * broker saw, with the council's deadline for the pathway. A draft must be posted first, and a
 * placed, ended or cancelled package has no round to join.
 *
 * The round then stays open at least until the hand offer's deadline, so closing the round never
 * expires it early: the package's round deadline moves out to it when it was sooner (the round's
 * timer is a prompt only; the worker's regular sweep closes the round at the new deadline).
 * Accepting it goes through acceptOffer like any offer: it names its contract.
 */
export async function offerToProvider(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TOfferToProvider,
  now: Date = new Date(),
): Promise<{ offerId: string; deadline: Date; hourlyRate: number; round: number }> {
  const { councilId } = actor;
  const { packageId, providerId, expectedVersion } = parseOrThrow(ZOfferToProviderSchema, input);
  try {
    return await withNotices(
      prisma,
      async (tx) => {
        // The package row first, the order acceptance and round closing use.
        const { count } = await tx.package.updateMany({
          where: {
            councilId,
            id: packageId,
            status: statusIn(OFFERING_STATUSES),
            ...(expectedVersion !== undefined ? { version: expectedVersion } : {}),
          },
          data: { updatedAt: now },
        });
        if (count === 0) {
          const current = await tx.package.findFirst({ where: { councilId, id: packageId }, select: { status: true } });
          if (!current) throw new AppError('NOT_FOUND', 'That package could not be found.');
          if (current.status === 'DRAFT') throw new AppError('CONFLICT', 'Post this package first: a draft has no round of offers to add to.');
          if (isLive(current.status)) throw new AppError('CONFLICT', 'This package already has a provider.');
          if (current.status === 'ENDED' || current.status === 'CANCELLED') throw new AppError('CONFLICT', 'This package has ended or was cancelled.');
          throw new AppError('CONFLICT', 'Someone else changed this package first. Reload it and try again.');
        }
        const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
        const provider = await tx.councilProvider.findFirst({ where: { councilId, providerId }, select: { provider: { select: { name: true } } } });
        if (!provider) throw new AppError('NOT_FOUND', 'That provider could not be found.');
        const choice = (await choicesFor(tx, pkg, now)).find((c) => c.providerId === providerId);
        if (!choice) {
          throw new AppError('VALIDATION', undefined, {
            providerId: [
              `${provider.provider.name} cannot be offered this package: it needs to be active with the council, hold a contract in force covering ${pkg.locality.name}, not be excluded by the person and not be rated Inadequate`,
            ],
          });
        }
        if (choice.refusals.length > 0) {
          throw new AppError('VALIDATION', undefined, {
            providerId: [`${provider.provider.name} cannot be offered this package: ${choice.refusals.join('; ')}`],
          });
        }
        if (choice.offeredThisRound) throw new AppError('CONFLICT', DUPLICATE, { providerId: [DUPLICATE] });

        const settings = await getCouncilSettings(tx, councilId);
        const deadline = offerDeadline(settings, pkg.pathway, now);
        const last = await tx.offer.aggregate({ where: { councilId, packageId, round: pkg.offerRound }, _max: { rank: true } });
        const [offer] = await makeOffers(tx, pkg, {
          round: pkg.offerRound,
          deadline,
          now,
          offers: [
            {
              providerId,
              contractId: choice.contractId,
              tier: null,
              rank: (last._max.rank ?? 0) + 1,
              reasons: [
                `Offered by hand by ${actor.name}: contract ${choice.contractReference} covers ${pkg.locality.name}`,
                ...(choice.capacityWaived ? [CAPACITY_WAIVED_TEXT] : []),
                ...choice.reasons,
              ],
              hourlyRate: choice.hourlyRate,
            },
          ],
        });
        await recordAudit(tx, actor, {
          councilId,
          action: 'package.offered-by-hand',
          entityType: 'Package',
          entityId: packageId,
          details: {
            offerId: offer.id,
            providerId,
            contractId: choice.contractId,
            round: pkg.offerRound,
            hourlyRate: choice.hourlyRate,
            deadline: deadline.toISOString(),
          },
        });
        await notify(tx, [
          offerNotice(
            pkg,
            { id: offer.id, providerId, hourlyRate: choice.hourlyRate, deadline },
            { title: `New ${PATHWAY_TEXT[pkg.pathway]} package ${pkg.reference}`, lead: 'The council offers you this package directly.' },
            now,
          ),
        ]);
        return { offerId: offer.id, deadline, hourlyRate: choice.hourlyRate, round: pkg.offerRound };
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 30_000 },
    );
  } catch (error) {
    // Two brokers offering to the same provider at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('CONFLICT', DUPLICATE, { providerId: [DUPLICATE] });
    throw error;
  }
}
