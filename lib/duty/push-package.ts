import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { getCouncilSettings, offerDeadline } from '@/lib/brokerage/council-settings';
import { enginePackage, localiseReasons, packageForRound, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { offerNotice, offerReminder } from '@/lib/notification/offer-notice';
import { notify, type TNotification, withNotices } from '@/lib/notification/notify';
import { postPackage } from '@/lib/package/post-package';
import { rankPackage } from '@/lib/placement/rank';
import { OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { makeOffers } from '@/lib/offer/make-offers';
import { dueForReminder } from '@/lib/offer/offer-reminders';

export const ZPushPackageSchema = z.object({ packageId: z.uuid({ error: 'Choose a package' }) });
export type TPushPackage = z.input<typeof ZPushPackageSchema>;

export type TPushResult = {
  reference: string;
  /** It was a draft, and was posted first. */
  posted: boolean;
  /** Offers the posting made (round 1 of the cascade), when it was posted. */
  postedOffers: number;
  round: number;
  /** Providers given an offer now, by name. */
  offered: string[];
  /** Providers that already had an open offer in this round and were reminded. */
  reminded: string[];
  /** When the pushed offers close; null when nobody could be offered. */
  deadline: Date | null;
};

const PUSHED = 'Pushed by the duty team';

/**
 * BEST pushes a discharge or reablement package to the STEP and hospital-discharge providers now
 * (review problem 1: one platform where a package is pushed to the right providers at once).
 *
 * A draft is posted first (round 1 of the cascade, as a broker's post). Then every provider the
 * engine ranks for the package under a STEP or DISCHARGE contract gets an offer in the current
 * round, answerable within the council's hospital-discharge offer time (30 minutes unless the
 * council changed it), unless it already has one in this round (it is reminded instead, see
 * REMIND_AFTER_MINUTES in lib/offer/offer-reminders.ts) or has declined this version of the package. Offers already out are left
 * as they are. If the pushed offers outlast the round, the round is extended to their deadline so
 * they are not cut short.
 */
export async function pushPackage(prisma: PrismaClient, actor: TCouncilActor, input: TPushPackage, now: Date = new Date()): Promise<TPushResult> {
  const { councilId } = actor;
  const { packageId } = parseOrThrow(ZPushPackageSchema, input);
  const current = await prisma.package.findFirst({ where: { councilId, id: packageId }, select: { status: true, pathway: true } });
  if (!current) throw new AppError('NOT_FOUND', 'That package could not be found.');
  if (current.pathway === 'LONG_TERM')
    throw new AppError('CONFLICT', 'Only hospital discharges and reablement go to STEP and discharge providers. Long-term packages go through the cascade.');
  let posted = false;
  let postedOffers = 0;
  if (current.status === 'DRAFT') {
    try {
      postedOffers = (await postPackage(prisma, actor, { packageId }, now)).offers;
      posted = true;
    } catch (error) {
      // Someone posted it a moment ago: push what is out now.
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }

  return withNotices(
    prisma,
    async (tx) => {
      // The package row first (the order acceptance and closing a round use): the round cannot
      // close or be won while the pushed offers are being added.
      const locked = await tx.package.updateMany({
        where: { councilId, id: packageId, status: statusIn(OFFERING_STATUSES) },
        data: { updatedAt: now },
      });
      if (locked.count === 0) throw new AppError('CONFLICT', 'This package is no longer waiting for a provider: it has been placed, ended or cancelled.');
      const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
      const round = pkg.offerRound;
      const settings = await getCouncilSettings(tx, councilId);
      const deadline = offerDeadline(settings, 'HOSPITAL_DISCHARGE', now);

      const scenario = await scenarioFromDb(tx, councilId, [enginePackage(pkg, pkg.postedAt ?? now)], now);
      const ranked = (rankPackage(scenario, pkg.id)?.offers ?? [])
        .map((o, i) => ({ ...o, rank: i + 1 }))
        .filter((o) => o.contractType === 'STEP' || o.contractType === 'DISCHARGE');
      const asked = await tx.offer.findMany({
        where: { councilId, packageId, packageVersion: pkg.version },
        select: { id: true, providerId: true, round: true, status: true, deadline: true, offeredAt: true },
      });
      const inRound = new Set(asked.filter((o) => o.round === round).map((o) => o.providerId));
      const declined = new Set(asked.filter((o) => o.status === 'DECLINED').map((o) => o.providerId));
      const openInRound = await dueForReminder(tx, pkg, asked, now);
      const uplift = pkg.rateUplift ? Number(pkg.rateUplift) : 0;

      // The unique index (one offer per provider per round) makes a second offer impossible even
      // if two people push at once; skipDuplicates turns that race into "already offered".
      const created = await makeOffers(tx, pkg, {
        round,
        deadline,
        now,
        skipDuplicates: true,
        offers: ranked
          .filter((o) => !inRound.has(o.providerId) && !declined.has(o.providerId))
          .map((o) => ({
            providerId: o.providerId,
            contractId: o.contractId,
            // In an open-market round every offer is the market's; otherwise the tier it holds.
            tier: pkg.status === 'OPEN_MARKET' ? null : o.tier,
            rank: o.rank,
            reasons: [PUSHED, ...localiseReasons(scenario, o.reasons)],
            hourlyRate: o.hourlyRate + uplift,
          })),
      });
      const reminders = ranked.filter((o) => openInRound.has(o.providerId));
      await recordAudit(tx, actor, {
        councilId,
        action: 'package.pushed',
        entityType: 'Package',
        entityId: packageId,
        details: {
          at: now.toISOString(),
          round,
          posted,
          offered: created.map((o) => o.providerId),
          reminded: reminders.map((o) => o.providerId),
          deadline: created.length ? deadline.toISOString() : null,
        },
      });
      const what = pkg.pathway === 'HOSPITAL_DISCHARGE' ? 'hospital discharge' : 'reablement';
      const openOffer = new Map(asked.filter((o) => o.round === round && o.status === 'OFFERED').map((o) => [o.providerId, o]));
      // Nothing that identifies the person before award: reference, hours, locality, deadline.
      await notify(tx, [
        ...created.map((o): TNotification =>
          offerNotice(
            pkg,
            { id: o.id, providerId: o.providerId, hourlyRate: (ranked.find((r) => r.providerId === o.providerId)?.hourlyRate ?? 0) + uplift, deadline },
            { title: `Urgent ${what} package ${pkg.reference}`, lead: 'The council’s duty team needs care to start quickly.' },
            now,
          ),
        ),
        ...reminders.flatMap((o) => {
          const offer = openOffer.get(o.providerId);
          return offer ? [offerReminder(pkg, offer, { title: `Reminder: urgent ${what} package ${pkg.reference}`, who: 'The council’s duty team is' })] : [];
        }),
      ]);
      const names = new Map(
        await tx.provider
          .findMany({ where: { id: { in: reminders.map((r) => r.providerId) } }, select: { id: true, name: true } })
          .then((ps) => ps.map((p) => [p.id, p.name] as const)),
      );
      return {
        reference: pkg.reference,
        posted,
        postedOffers,
        round,
        offered: created.map((o) => o.provider.name),
        reminded: reminders.map((r) => names.get(r.providerId) ?? r.providerId),
        deadline: created.length ? deadline : null,
      };
    },
    { timeout: 30_000 },
  );
}
