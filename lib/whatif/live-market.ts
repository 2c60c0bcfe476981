import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { enginePackage, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { contractRateAt, CONTRACT_RATES_SELECT } from '@/lib/contract/contract-rate';
import { contractInForceWhere } from '@/lib/domain/contract';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { LIVE_STATUSES, OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import type { TInCare, TMarket } from './apply-changes';

type Db = PrismaClient | Prisma.TransactionClient;

// Today's live market for a what-if, read and never written: the engine's scenario of the council
// (scenario-from-db.ts) holding the packages waiting for a provider, and the care in place now
// with its provider, contract and rate. Packages without visits have no demand and are left out.

const packageView = (now: Date) => ({ visits: { where: visitsInForceWhere(now) }, hospital: { select: { code: true } } }) satisfies Prisma.PackageInclude;

export async function readLiveMarket(db: Db, councilId: string, now: Date): Promise<TMarket> {
  const [waiting, placements] = await Promise.all([
    db.package.findMany({ where: { councilId, status: statusIn(OFFERING_STATUSES) }, include: packageView(now), orderBy: { id: 'asc' } }),
    db.placement.findMany({
      where: { councilId, endedAt: null, startedAt: { lte: now }, package: { status: statusIn(LIVE_STATUSES) } },
      select: {
        providerId: true,
        contractId: true,
        package: { include: packageView(now) },
        contract: { select: { type: true, localities: { select: { localityId: true } }, ...CONTRACT_RATES_SELECT } },
      },
      orderBy: { packageId: 'asc' },
    }),
  ]);
  const scenario = await scenarioFromDb(
    db,
    councilId,
    waiting.filter((p) => p.visits.length > 0).map((p) => enginePackage(p, p.postedAt ?? p.createdAt)),
    now,
  );
  const seen = new Set<string>();
  const inCare: TInCare[] = [];
  for (const p of placements) {
    // One placement in force per package; a second (a data slip) would count its care twice.
    if (p.package.visits.length === 0 || seen.has(p.package.id)) continue;
    seen.add(p.package.id);
    inCare.push({
      pkg: enginePackage(p.package, p.package.postedAt ?? p.package.createdAt),
      providerId: p.providerId,
      contractId: p.contractId,
      contractType: p.contract.type,
      contractLocalityIds: p.contract.localities.map((l) => l.localityId),
      hourlyRate: contractRateAt(p.contract, now),
    });
  }
  return { scenario, inCare, targets: await shareTargets(db, councilId, now) };
}

/** Shared localities' targets in force now (docs/contracts.md), so a what-if shows holders against them. */
async function shareTargets(db: Db, councilId: string, now: Date): Promise<TMarket['targets']> {
  const rows = await db.contractLocality.findMany({
    where: { councilId, targetShare: { not: null }, contract: contractInForceWhere(now) },
    select: { localityId: true, contractId: true, targetShare: true, contract: { select: { providerId: true } } },
    orderBy: [{ localityId: 'asc' }, { contractId: 'asc' }],
  });
  return rows.map((r) => ({ localityId: r.localityId, contractId: r.contractId, providerId: r.contract.providerId, share: Number(r.targetShare) / 100 }));
}
