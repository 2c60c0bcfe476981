import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { brokersFor } from '@/lib/brokerage/brokers-for';
import { enginePackage, localiseReasons, packageForRound, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { isContractInForce } from '@/lib/domain/contract';
import { LIVE_STATUSES, statusIn } from '@/lib/domain/package-status';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, type TNotification, withNotices } from '@/lib/notification/notify';
import { packageHours } from '@/lib/placement/demand';
import { rankPackage } from '@/lib/placement/rank';
import { planReplacement, REPLACEMENT_TIME_LIMIT_SECONDS, summarisePlan, UNPLACED_TEXT } from '@/lib/replacement/preview-replacement';
import { formatDay, londonDate, londonWallTime } from '@/lib/time/london';
import { CONTRACT_RATES_SELECT, contractRateAt } from './contract-rate';
import { ZMoveRetenderSchema, ZPreviewRetenderSchema } from './contract-schema';
import { dayColumn, refuseIfAny } from './register';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { continueServiceLines } from '@/lib/package/continue-service-lines';
import { savePreviewedBatch } from '@/lib/replacement/save-previewed-batch';

// Re-tender: a contract ends and another provider's contract takes its localities. The packages
// placed under the outgoing contract are moved as one planned batch on a move date, the provider
// failure's way (lib/replacement): the optimiser plans, under the engine's rules, which packages the
// incoming contract can take (it is the only contract the plan may use), the plan is kept as a
// ReplacementBatch naming both contracts and the day, and moving it ends the old placements and
// service lines on that day and starts the new ones then. Nothing is deleted.

const IN_HOSPITAL_TEXT = 'The person is in hospital: move the package once they are home';

/** Midday UTC of a day: inside that day by the contract in-force rule and in London alike. */
const middayOf = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * Plans a re-tender of `contractId`'s packages to `incomingContractId` on `moveOn`. The incoming
 * contract is another provider's, in force on the move day, and that provider active with the
 * council; the move day is today or later. Packages the plan cannot give the incoming provider
 * (capacity, skills, two carers, a person's exclusions, a hospital stay) are listed with why and
 * stay where they are.
 */
export async function previewRetender(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZPreviewRetenderSchema>,
  now: Date = new Date(),
  options: { timeLimitSeconds?: number; ip?: string | null } = {},
): Promise<{ batchId: string; proposed: number; packages: number }> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZPreviewRetenderSchema, input);
  const outgoing = await prisma.contract.findFirst({ where: { councilId, id: parsed.contractId }, select: { id: true, reference: true, providerId: true } });
  if (!outgoing) throw new AppError('NOT_FOUND', 'That contract is not in your council’s register.');
  const incoming = await prisma.contract.findFirst({
    where: { councilId, id: parsed.incomingContractId },
    select: {
      id: true,
      reference: true,
      providerId: true,
      validFrom: true,
      validTo: true,
      provider: { select: { councils: { where: { councilId }, select: { status: true } } } },
    },
  });
  const today = londonDate(now);
  refuseIfAny({
    moveOn: parsed.moveOn < today ? 'The move date cannot be in the past' : undefined,
    incomingContractId: !incoming
      ? 'Choose a contract in your council’s register'
      : incoming.providerId === outgoing.providerId
        ? 'Choose another provider’s contract: this one is held by the same provider'
        : !isContractInForce(incoming, middayOf(parsed.moveOn))
          ? `Contract ${incoming.reference} is not in force on ${formatDay(parsed.moveOn)}`
          : incoming.provider.councils[0]?.status !== 'ACTIVE'
            ? 'That contract’s provider is not active with your council'
            : undefined,
  });
  const incomingId = incoming!.id;

  const packages = await prisma.package.findMany({
    where: { councilId, status: statusIn(LIVE_STATUSES), placements: { some: { contractId: outgoing.id, endedAt: null } } },
    include: { visits: { where: visitsInForceWhere(now) }, hospital: { select: { code: true } } },
    orderBy: { reference: 'asc' },
  });
  if (packages.length === 0) throw new AppError('CONFLICT', `No package is placed under contract ${outgoing.reference} now.`);
  const movable = packages.filter((p) => p.status === 'PLACED');

  // The engine's view on the move day, with the outgoing provider ruled out and the incoming
  // contract the only one it may place under.
  const at = parsed.moveOn > today ? middayOf(parsed.moveOn) : now;
  const engine = movable.map((p) => {
    const pkg = enginePackage(p, p.postedAt ?? now);
    return { ...pkg, excludedProviderIds: [...new Set([...pkg.excludedProviderIds, outgoing.providerId])] };
  });
  const full = await scenarioFromDb(prisma, councilId, engine, at);
  const scenario = { ...full, contracts: full.contracts.filter((c) => c.id === incomingId) };
  const { result, fallback } =
    engine.length > 0 ? await planReplacement(scenario, options.timeLimitSeconds ?? REPLACEMENT_TIME_LIMIT_SECONDS) : { result: null, fallback: undefined };
  const placedBy = new Map((result?.placements ?? []).map((p) => [p.packageId, p]));
  const unplacedBy = new Map((result?.unplaced ?? []).map((u) => [u.packageId, u]));

  const items = packages.map((p) => {
    const hours = packageHours(enginePackage(p, now));
    if (p.status !== 'PLACED') return { packageId: p.id, proposedProviderId: null, proposedContractId: null, carerHours: hours, reasons: [IN_HOSPITAL_TEXT] };
    const placement = placedBy.get(p.id);
    if (!placement) {
      const codes = unplacedBy.get(p.id)?.reasons ?? [];
      return { packageId: p.id, proposedProviderId: null, proposedContractId: null, carerHours: hours, reasons: codes.map((c) => UNPLACED_TEXT[c]) };
    }
    const offer = rankPackage(scenario, p.id)?.offers.find((o) => o.providerId === placement.providerId);
    return {
      packageId: p.id,
      proposedProviderId: placement.providerId,
      proposedContractId: placement.contractId,
      carerHours: hours,
      reasons: localiseReasons(full, offer?.reasons ?? [`Tier ${placement.tier} of the cascade`]),
    };
  });
  const solver = result ? summarisePlan(result, fallback) : null;

  const batchId = await savePreviewedBatch(prisma, actor, {
    batch: {
      kind: 'RETENDER',
      providerId: outgoing.providerId,
      contractId: outgoing.id,
      incomingContractId: incomingId,
      moveOn: dayColumn(parsed.moveOn),
      solver: solver ?? undefined,
      items,
    },
    now,
    ip: options.ip ?? null,
    audit: (batchId) => ({
      action: 'contract.retender-planned',
      entityType: 'Contract',
      entityId: outgoing.id,
      details: { batchId, incomingContractId: incomingId, moveOn: parsed.moveOn, packages: items.length, proposed: placedBy.size },
    }),
  });
  return { batchId, proposed: items.filter((i) => i.proposedContractId).length, packages: items.length };
}

export type TRetenderMoved = { moved: string[]; skipped: string[] };

/**
 * Moves a planned re-tender, from its move date on. One transaction for the batch, which moves
 * PREVIEWED → MOVED in one conditional update first, so it is moved once. For each package the plan
 * gives the incoming contract and still placed under the outgoing one: the old placement ends at
 * the start of the move day (reason RETENDERED), a placement under the incoming contract starts
 * then, and the old provider's service lines end on that day and continue with the incoming
 * provider at its contract's rate that day (plus the package's uplift). Both providers and the
 * package's brokers are told.
 */
export async function moveRetender(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZMoveRetenderSchema>,
  now: Date = new Date(),
  ip: string | null = null,
): Promise<TRetenderMoved> {
  const { councilId } = actor;
  const { batchId } = parseOrThrow(ZMoveRetenderSchema, input);
  return withNotices(
    prisma,
    async (tx) => {
      const batch = await tx.replacementBatch.findFirst({
        where: { councilId, id: batchId, contractId: { not: null } },
        select: { status: true, moveOn: true, contractId: true, incomingContractId: true, providerId: true, items: { orderBy: { packageId: 'asc' } } },
      });
      if (!batch || !batch.contractId || !batch.incomingContractId || !batch.moveOn) throw new AppError('NOT_FOUND', 'That re-tender plan could not be found.');
      const moveOn = batch.moveOn.toISOString().slice(0, 10);
      if (londonDate(now) < moveOn) throw new AppError('CONFLICT', `These packages move on ${formatDay(moveOn)}: move them on or after that day.`);
      const { count } = await tx.replacementBatch.updateMany({
        where: { councilId, id: batchId, status: 'PREVIEWED' },
        data: { status: 'MOVED', offeredAt: now },
      });
      if (count === 0) throw new AppError('CONFLICT', 'These packages have already been moved.');

      const [outgoing, incoming] = await Promise.all([
        tx.contract.findUniqueOrThrow({
          where: { councilId_id: { councilId, id: batch.contractId } },
          select: { id: true, reference: true, providerId: true, provider: { select: { name: true } } },
        }),
        tx.contract.findUniqueOrThrow({
          where: { councilId_id: { councilId, id: batch.incomingContractId } },
          select: {
            id: true,
            reference: true,
            providerId: true,
            validFrom: true,
            validTo: true,
            ...CONTRACT_RATES_SELECT,
            provider: { select: { name: true, councils: { where: { councilId }, select: { status: true } } } },
          },
        }),
      ]);
      if (!isContractInForce(incoming, middayOf(moveOn)) || incoming.provider.councils[0]?.status !== 'ACTIVE')
        throw new AppError(
          'CONFLICT',
          `Contract ${incoming.reference} is no longer in force on the move date or its provider is suspended. Plan the re-tender again.`,
        );

      const moveAt = londonWallTime(moveOn, '00:00');
      const effective = dayColumn(moveOn);
      const rate = contractRateAt(incoming, middayOf(moveOn));
      const moved: string[] = [];
      const skipped: string[] = [];
      const brokers = new Set<string>();
      for (const item of batch.items) {
        if (item.proposedContractId !== incoming.id) continue;
        const { packageId } = item;
        const held = await tx.package.updateMany({
          where: { councilId, id: packageId, status: 'PLACED', placements: { some: { contractId: outgoing.id, endedAt: null } } },
          data: { updatedAt: now },
        });
        if (held.count === 0) {
          skipped.push(packageId);
          continue;
        }
        await tx.placement.updateMany({
          where: { councilId, packageId, contractId: outgoing.id, endedAt: null },
          data: { endedAt: moveAt, endReason: 'RETENDERED' },
        });
        await tx.placement.create({ data: { councilId, packageId, providerId: incoming.providerId, contractId: incoming.id, startedAt: moveAt } });
        const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
        const lineRate = Math.round((rate + (pkg.rateUplift ? Number(pkg.rateUplift) : 0)) * 100) / 100;
        await continueServiceLines(tx, {
          councilId,
          packageId,
          from: outgoing.providerId,
          to: { providerId: incoming.providerId, contractId: incoming.id, hourlyRate: lineRate },
          effective,
        });
        (await brokersFor(tx, pkg)).forEach((b) => brokers.add(b));
        await notify(tx, [
          {
            councilId,
            recipient: { providerId: outgoing.providerId },
            kind: 'PACKAGE_ENDED',
            title: `${pkg.reference} moves to another provider`,
            body: `Contract ${outgoing.reference} was re-tendered: your placement of package ${pkg.reference} ended on ${formatDay(moveOn)} and ${incoming.provider.name} delivers it from that day.`,
            link: '/provider/placements',
          },
          {
            councilId,
            recipient: { providerId: incoming.providerId },
            kind: 'PACKAGE_AWARDED',
            title: `${pkg.reference} is yours from ${formatDay(moveOn)}`,
            body: `Package ${pkg.reference} (${packageHours(enginePackage(pkg, now))} carer-hours a week in ${pkg.locality.name}) moves to you under contract ${incoming.reference} from ${formatDay(moveOn)}.`,
            link: '/provider/placements',
          },
        ]);
        await recordAudit(tx, actor, {
          councilId,
          action: 'package.retendered',
          entityType: 'Package',
          entityId: packageId,
          ip,
          details: { batchId, fromContractId: outgoing.id, toContractId: incoming.id, moveOn, hourlyRate: lineRate },
        });
        moved.push(packageId);
      }
      await recordAudit(tx, actor, {
        councilId,
        action: 'contract.retender-moved',
        entityType: 'Contract',
        entityId: outgoing.id,
        ip,
        details: { batchId, incomingContractId: incoming.id, moveOn, moved: moved.length, skipped },
      });
      await notify(
        tx,
        [...brokers].map((userId): TNotification => ({
          councilId,
          recipient: { userId },
          kind: 'PACKAGE_CHANGED',
          title: `Contract ${outgoing.reference} re-tendered`,
          body: `Packages you look after move from ${outgoing.provider.name} to ${incoming.provider.name} from ${formatDay(moveOn)}.`,
          link: '/broker',
        })),
      );
      return { moved, skipped };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
