import 'server-only';
import type { Pathway, Prisma, PrismaClient, ReplacementBatchKind } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { TReplacementSolver } from './preview-replacement';
import { isLive } from '@/lib/domain/package-status';

/** Where a re-placed package stands now. */
export type TItemState =
  | { kind: 'PROPOSED'; alreadyOffered?: true } // batch not sent yet (in the waiting pool: the planned provider may already hold an offer of it)
  | { kind: 'OFFERED'; deadline: Date } // the proposed provider has not answered yet
  | { kind: 'REBROKERED'; round: number } // declined or lapsed (or no proposal): in the cascade
  | { kind: 'OPEN_MARKET' }
  | { kind: 'PLACED'; providerId: string; providerName: string; since: Date }
  | { kind: 'NOT_SENT' } // had moved on (or, in the waiting pool, changed or was already offered to the provider) before the batch was sent
  | { kind: 'CLOSED'; status: 'ENDED' | 'CANCELLED' };

export type TReplacementItemView = {
  packageId: string;
  reference: string;
  locality: string;
  pathway: Pathway;
  carerHours: number;
  proposedProvider: { id: string; name: string } | null;
  proposedContract: string | null;
  /** The cascade tier the proposed provider is in for this package. */
  tier: number | null;
  reasons: string[];
  state: TItemState;
};

export type TReplacementBatchView = {
  id: string;
  kind: ReplacementBatchKind;
  /** The suspended provider; null for the waiting pool. */
  provider: { id: string; name: string } | null;
  /** The waiting pool's filters (null: every locality, every pathway). */
  locality: { id: string; name: string } | null;
  pathway: Pathway | null;
  status: 'PREVIEWED' | 'OFFERED' | 'MOVED';
  createdAt: Date;
  offeredAt: Date | null;
  solver: TReplacementSolver | null;
  items: TReplacementItemView[];
  totals: { packages: number; carerHours: number; proposed: number; placed: number };
};

/** A batch of the actor's council, for the suspended provider it belongs to, with each package tracked to its new placement. */
export async function getReplacementBatch(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: { batchId: string; providerId: string },
): Promise<TReplacementBatchView & { provider: { id: string; name: string } }> {
  // A provider failure's batches only: a re-tender's belongs to its contract's page.
  const view = await batchView(prisma, actor.councilId, { id: input.batchId, kind: 'PROVIDER_FAILURE', providerId: input.providerId });
  if (!view?.provider) throw new AppError('NOT_FOUND', 'That re-placement batch could not be found.');
  return { ...view, provider: view.provider };
}

/** A waiting pool's batch of the actor's council, each package tracked from the plan to its placement. */
export async function getWaitingPoolBatch(prisma: PrismaClient, actor: TCouncilActor, batchId: string): Promise<TReplacementBatchView> {
  const view = await batchView(prisma, actor.councilId, { id: batchId, kind: 'WAITING_POOL' });
  if (!view) throw new AppError('NOT_FOUND', 'That plan could not be found.');
  return view;
}

async function batchView(prisma: PrismaClient, councilId: string, where: Prisma.ReplacementBatchWhereInput): Promise<TReplacementBatchView | null> {
  const batch = await prisma.replacementBatch.findFirst({
    where: { ...where, councilId },
    include: {
      items: {
        include: {
          package: {
            select: {
              reference: true,
              status: true,
              offerRound: true,
              pathway: true,
              locality: { select: { name: true } },
              placements: { where: { endedAt: null }, select: { providerId: true, startedAt: true, provider: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  if (!batch) return null;
  const providerIds = [...(batch.providerId ? [batch.providerId] : []), ...batch.items.flatMap((i) => (i.proposedProviderId ? [i.proposedProviderId] : []))];
  const contractIds = batch.items.flatMap((i) => (i.proposedContractId ? [i.proposedContractId] : []));
  const [providers, contracts, offers, locality] = await Promise.all([
    prisma.provider.findMany({ where: { id: { in: providerIds } }, select: { id: true, name: true } }),
    prisma.contract.findMany({ where: { councilId, id: { in: contractIds } }, select: { id: true, reference: true } }),
    batch.offeredAt || batch.kind === 'WAITING_POOL'
      ? prisma.offer.findMany({
          // Sent: the offers since. A waiting pool's plan not sent yet: the offers open now, which sending would not make again.
          where: {
            councilId,
            packageId: { in: batch.items.map((i) => i.packageId) },
            ...(batch.offeredAt ? { offeredAt: { gte: batch.offeredAt } } : { status: 'OFFERED' as const }),
          },
          select: { packageId: true, providerId: true, status: true, deadline: true, offeredAt: true },
        })
      : Promise.resolve([]),
    batch.localityId ? prisma.locality.findFirst({ where: { councilId, id: batch.localityId }, select: { id: true, name: true } }) : Promise.resolve(null),
  ]);
  const name = new Map(providers.map((p) => [p.id, p.name]));
  const reference = new Map(contracts.map((c) => [c.id, c.reference]));
  const solver = batch.solver as TReplacementSolver | null;
  const pool = batch.kind === 'WAITING_POOL';

  const items = batch.items
    .map((item): TReplacementItemView => {
      const pkg = item.package;
      const open = pkg.placements[0];
      // The batch's own offer: made when it was sent (a later one is the cascade's or by hand).
      const made = offers.find(
        (o) => o.packageId === item.packageId && o.providerId === item.proposedProviderId && o.offeredAt.getTime() === batch.offeredAt?.getTime(),
      );
      let state: TItemState;
      if (batch.status === 'PREVIEWED') {
        const held = pool && offers.some((o) => o.packageId === item.packageId && o.providerId === item.proposedProviderId);
        state = held ? { kind: 'PROPOSED', alreadyOffered: true } : { kind: 'PROPOSED' };
      } else if (!pool && open && open.providerId === batch.providerId) state = { kind: 'NOT_SENT' };
      else if (open && isLive(pkg.status)) state = { kind: 'PLACED', providerId: open.providerId, providerName: open.provider.name, since: open.startedAt };
      else if (pkg.status === 'ENDED' || pkg.status === 'CANCELLED') state = { kind: 'CLOSED', status: pkg.status };
      else if (pool && item.proposedProviderId && !made) state = { kind: 'NOT_SENT' };
      else if (pool && made?.status === 'OFFERED') state = { kind: 'OFFERED', deadline: made.deadline };
      else if (pkg.status === 'OPEN_MARKET') state = { kind: 'OPEN_MARKET' };
      else {
        const proposal = offers.find((o) => o.packageId === item.packageId && o.providerId === item.proposedProviderId && o.status === 'OFFERED');
        state = proposal ? { kind: 'OFFERED', deadline: proposal.deadline } : { kind: 'REBROKERED', round: pkg.offerRound };
      }
      return {
        packageId: item.packageId,
        reference: pkg.reference,
        locality: pkg.locality.name,
        pathway: pkg.pathway,
        carerHours: Number(item.carerHours),
        proposedProvider: item.proposedProviderId ? { id: item.proposedProviderId, name: name.get(item.proposedProviderId) ?? 'Unknown provider' } : null,
        proposedContract: item.proposedContractId ? (reference.get(item.proposedContractId) ?? null) : null,
        tier: item.proposedProviderId ? (solver?.tiers[item.packageId] ?? null) : null,
        reasons: item.reasons,
        state,
      };
    })
    .sort((a, b) => a.locality.localeCompare(b.locality) || a.reference.localeCompare(b.reference));

  return {
    id: batch.id,
    kind: batch.kind,
    provider: batch.providerId ? { id: batch.providerId, name: name.get(batch.providerId) ?? 'Unknown provider' } : null,
    locality,
    pathway: batch.pathway,
    status: batch.status,
    createdAt: batch.createdAt,
    offeredAt: batch.offeredAt,
    solver,
    items,
    totals: {
      packages: items.length,
      carerHours: Math.round(items.reduce((a, i) => a + i.carerHours, 0) * 100) / 100,
      proposed: items.filter((i) => i.proposedProvider).length,
      placed: items.filter((i) => i.state.kind === 'PLACED').length,
    },
  };
}

/** The batches made for one provider, newest first. */
export async function listReplacementBatches(prisma: PrismaClient, actor: TCouncilActor, providerId: string) {
  const { councilId } = actor;
  return prisma.replacementBatch.findMany({
    where: { councilId, providerId, kind: 'PROVIDER_FAILURE' },
    orderBy: { createdAt: 'desc' },
    take: 20,
    select: { id: true, status: true, createdAt: true, offeredAt: true, _count: { select: { items: true } } },
  });
}

/** The council's latest waiting-pool plans, newest first. */
export async function listWaitingPoolBatches(prisma: PrismaClient, actor: TCouncilActor) {
  const { councilId } = actor;
  const batches = await prisma.replacementBatch.findMany({
    where: { councilId, kind: 'WAITING_POOL' },
    orderBy: { createdAt: 'desc' },
    take: 10,
    select: { id: true, status: true, createdAt: true, offeredAt: true, localityId: true, pathway: true, solver: true, _count: { select: { items: true } } },
  });
  const localityIds = [...new Set(batches.flatMap((b) => (b.localityId ? [b.localityId] : [])))];
  const names = new Map(
    (await prisma.locality.findMany({ where: { councilId, id: { in: localityIds } }, select: { id: true, name: true } })).map((l) => [l.id, l.name]),
  );
  return batches.map(({ solver, localityId, _count, ...b }) => ({
    ...b,
    locality: localityId ? (names.get(localityId) ?? null) : null,
    packages: _count.items,
    placed: (solver as TReplacementSolver | null)?.placed ?? 0,
  }));
}
