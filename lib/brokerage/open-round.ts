import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { notify, type TNoticeTx, type TNotification } from '@/lib/notification/notify';
import { packageHours } from '@/lib/placement/demand';
import { rankPackage } from '@/lib/placement/rank';
import { RATING_ORDER } from '@/lib/placement/constants';
import { CAPACITY_WAIVED_TEXT, openMarketFits } from '@/lib/placement/open-market';
import { brokersFor } from './brokers-for';
import { getCouncilSettings, offerDeadline, openMarketDeadline } from './council-settings';
import { enginePackage, localiseReasons, scenarioFromDb, type TPackageForRound } from './scenario-from-db';
import { contractInForceWhere } from '@/lib/domain/contract';
import { CONTRACT_RATES_SELECT, contractRateAt } from '@/lib/contract/contract-rate';
import { makeOffers, type TMadeOffer } from '@/lib/offer/make-offers';
import { offerNotice } from '@/lib/notification/offer-notice';
import { PATHWAY_TEXT } from '@/lib/domain/labels';

// Opening a round of offers: shared by posting a package (round 1) and closing a round (the next).
// Runs inside the caller's transaction, after the caller has locked the package row with its own
// conditional UPDATE, so two callers can never open the same round.

/** What the round before this one was: nothing yet, a tier of the cascade, or the open market. */
export type TPreviousRound = { kind: 'NONE' } | { kind: 'TIER'; tier: number } | { kind: 'OPEN_MARKET' };

export type TRoundOutcome =
  { kind: 'TIER'; round: number; tier: number; offers: number; deadline: Date } | { kind: 'OPEN_MARKET'; round: number; offers: number; deadline: Date | null };

export async function openRound(
  tx: TNoticeTx,
  pkg: TPackageForRound,
  round: number,
  previous: TPreviousRound,
  now: Date,
  /** Providers not to ask this time (one that has just handed the package back). */
  skipProviderIds: readonly string[] = [],
): Promise<TRoundOutcome> {
  const { councilId } = pkg;
  // A broker's uplift (item 3 of the review's problems: escalation with a rate uplift) applies to
  // every offer made after it is set.
  const uplift = pkg.rateUplift ? Number(pkg.rateUplift) : 0;
  // Who was already asked for this version of the package. A changed package is a new ask, so a
  // provider that declined the old one may be offered the new one.
  const alreadyOffered = new Set([
    ...(await tx.offer.findMany({ where: { councilId, packageId: pkg.id, packageVersion: pkg.version }, select: { providerId: true } })).map(
      (o) => o.providerId,
    ),
    ...skipProviderIds,
  ]);

  const scenario = await scenarioFromDb(tx, councilId, [enginePackage(pkg, pkg.postedAt ?? now)], now);
  const ranking = rankPackage(scenario, pkg.id);
  const settings = await getCouncilSettings(tx, councilId);
  if (previous.kind !== 'OPEN_MARKET') {
    const after = previous.kind === 'TIER' ? previous.tier : -1;
    // A provider appears once, at its lowest tier; one it was already offered to is not asked twice.
    const candidates = (ranking?.offers ?? []).map((o, i) => ({ ...o, rank: i + 1 })).filter((o) => o.tier > after && !alreadyOffered.has(o.providerId));
    if (candidates.length > 0) {
      const tier = Math.min(...candidates.map((o) => o.tier));
      const chosen = candidates.filter((o) => o.tier === tier);
      const deadline = offerDeadline(settings, pkg.pathway, now);
      const made = await makeOffers(tx, pkg, {
        round,
        deadline,
        now,
        opens: { status: 'OFFERING' },
        offers: chosen.map((o) => ({
          providerId: o.providerId,
          contractId: o.contractId,
          tier,
          rank: o.rank,
          reasons: localiseReasons(scenario, o.reasons),
          hourlyRate: o.hourlyRate + uplift,
        })),
      });
      await recordAudit(tx, null, {
        councilId,
        action: 'package.round-opened',
        entityType: 'Package',
        entityId: pkg.id,
        details: { round, tier, providers: chosen.map((o) => o.providerId), deadline: deadline.toISOString() },
      });
      const rate = new Map(chosen.map((o) => [o.providerId, o.hourlyRate + uplift]));
      await notify(tx, offerNotifications(pkg, made, rate, deadline, now));
      return { kind: 'TIER', round, tier, offers: chosen.length, deadline };
    }
  }

  // The cascade is spent: the open market. Every provider active with this council that holds a
  // contract in force covering the locality, and has not been asked yet, under its cheapest such
  // contract. The engine's eligibility still holds, but for the tier and capacity: the person's
  // exclusions, an inadequate rating, two-carer visits and skills rule a provider out; one short
  // of declared capacity is offered it, and its offer says so (docs/placement.md, "Open market").
  const fits = ranking ? openMarketFits(scenario, ranking) : new Map<string, never>();
  const held = await tx.contract.findMany({
    where: {
      councilId,
      localities: { some: { localityId: pkg.localityId } },
      providerId: { notIn: [...alreadyOffered, ...pkg.excludedProviderIds] },
      provider: { cqcRating: { not: 'INADEQUATE' }, councils: { some: { councilId, status: 'ACTIVE' } } },
      ...contractInForceWhere(now),
    },
    select: {
      id: true,
      reference: true,
      providerId: true,
      ...CONTRACT_RATES_SELECT,
      provider: { select: { cqcRating: true } },
    },
  });
  const contracts = held.map((c) => ({ ...c, hourlyRate: contractRateAt(c, now) }));
  const best = new Map<string, (typeof contracts)[number]>();
  for (const c of contracts) {
    if (fits.get(c.providerId)?.refusals.length !== 0) continue;
    const cheapest = best.get(c.providerId);
    if (!cheapest || c.hourlyRate < cheapest.hourlyRate || (c.hourlyRate === cheapest.hourlyRate && c.id < cheapest.id)) best.set(c.providerId, c);
  }
  const ordered = [...best.values()].sort(
    (a, b) =>
      RATING_ORDER.indexOf(a.provider.cqcRating) - RATING_ORDER.indexOf(b.provider.cqcRating) ||
      a.hourlyRate - b.hourlyRate ||
      (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
  );
  const deadline = ordered.length > 0 ? openMarketDeadline(settings, pkg.pathway, now) : null;
  const made = deadline
    ? await makeOffers(tx, pkg, {
        round,
        deadline,
        now,
        opens: { status: 'OPEN_MARKET' },
        offers: ordered.map((c, i) => ({
          providerId: c.providerId,
          contractId: c.id,
          tier: null,
          rank: i + 1,
          reasons: [
            `Open market: contract ${c.reference} covers ${pkg.locality.name}`,
            ...(fits.get(c.providerId)?.capacityWaived ? [CAPACITY_WAIVED_TEXT] : []),
          ],
          hourlyRate: c.hourlyRate + uplift,
        })),
      })
    : [];
  if (!deadline) {
    await tx.package.update({
      where: { councilId_id: { councilId, id: pkg.id } },
      data: { status: 'OPEN_MARKET', offerRound: round, roundDeadline: null, updatedAt: now },
    });
  }
  await recordAudit(tx, null, {
    councilId,
    action: deadline ? 'package.open-market' : 'package.unplaced',
    entityType: 'Package',
    entityId: pkg.id,
    details: { round, providers: ordered.map((c) => c.providerId), deadline: deadline?.toISOString() ?? null },
  });
  const brokers = await brokersFor(tx, pkg);
  const hours = packageHours(enginePackage(pkg, now));
  const alert = deadline
    ? {
        kind: 'PACKAGE_OPEN_MARKET' as const,
        title: `${pkg.reference} is on the open market`,
        body: `No provider in the cascade took this ${PATHWAY_TEXT[pkg.pathway]} package (${hours.toFixed(2)} hours a week in ${pkg.locality.name}). It has been offered to ${ordered.length} more provider${ordered.length === 1 ? '' : 's'}.`,
      }
    : {
        kind: 'PACKAGE_UNPLACED' as const,
        title: `${pkg.reference} has no provider left to ask`,
        body: `Every provider covering ${pkg.locality.name} has been offered this ${PATHWAY_TEXT[pkg.pathway]} package. Consider a rate uplift or a provider outside the area.`,
      };
  await notify(tx, [
    ...brokers.map((userId): TNotification => ({ councilId, recipient: { userId }, link: `/packages/${pkg.reference}`, ...alert })),
    ...(deadline ? offerNotifications(pkg, made, new Map(ordered.map((c) => [c.providerId, c.hourlyRate + uplift])), deadline, now) : []),
  ]);
  return { kind: 'OPEN_MARKET', round, offers: ordered.length, deadline };
}

function offerNotifications(
  pkg: TPackageForRound,
  made: readonly TMadeOffer[],
  rates: ReadonlyMap<string, number>,
  deadline: Date,
  now: Date,
): TNotification[] {
  return made.map((o) =>
    offerNotice(
      pkg,
      { id: o.id, providerId: o.providerId, hourlyRate: rates.get(o.providerId) ?? 0, deadline },
      { title: `New ${PATHWAY_TEXT[pkg.pathway]} package ${pkg.reference}` },
      now,
    ),
  );
}
