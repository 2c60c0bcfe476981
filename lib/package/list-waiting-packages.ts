import 'server-only';
import type { Pathway, Prisma, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';
import { OFFERING_STATUSES, statusIn, UNPLACED_STATUSES, type TUnplacedStatus } from '@/lib/domain/package-status';
import { recordAudit } from '@/lib/audit/record-audit';
import { likeLiteral, searchKind } from '@/lib/person/search-people';
import { waitingState } from './waiting-reason';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

export type TWaitingFilters = {
  pathways?: Pathway[];
  includeDrafts?: boolean;
  localityId?: string;
  status?: TUnplacedStatus;
  /** Only packages with a visit needing two carers. */
  twoCarers?: boolean;
  /** Only packages on the market (since posting, or since going out again) for more than 24 hours before `now`. */
  waitingOverDay?: boolean;
  /** Only packages the actor created. */
  mine?: boolean;
  /** A person's name (every word must match a given or family name) or the start of an NHS number. */
  search?: string;
  /** With a search: audit it as a search for people, from this address (the page's request). */
  auditFrom?: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

function searchWhere(search: string): Prisma.PackageWhereInput | null {
  const q = search.trim();
  if (!q) return null;
  const digits = q.replace(/[\s-]/g, '');
  if (/^\d{3,10}$/.test(digits)) return { person: { nhsNumber: { startsWith: digits } } };
  const words = q.split(/\s+/).map(likeLiteral);
  return {
    AND: words.map((w) => ({
      person: { OR: [{ givenName: { contains: w, mode: 'insensitive' as const } }, { familyName: { contains: w, mode: 'insensitive' as const } }] },
    })),
  };
}

/** The actor's council's packages that are waiting for a provider (or still drafts), oldest first, with why each is stuck. */
export async function listWaitingPackages(
  prisma: PrismaClient,
  actor: TCouncilActor,
  options: TWaitingFilters & { take?: number; skip?: number } = {},
  now: Date = new Date(),
) {
  const statuses = options.includeDrafts ? UNPLACED_STATUSES : OFFERING_STATUSES;
  const search = options.search ? searchWhere(options.search) : null;
  const where: Prisma.PackageWhereInput = {
    councilId: actor.councilId,
    status: options.status && (statuses as readonly string[]).includes(options.status) ? options.status : statusIn(statuses),
    ...(options.pathways ? { pathway: { in: options.pathways } } : {}),
    ...(options.localityId ? { localityId: options.localityId } : {}),
    ...(options.twoCarers ? { visits: { some: { carers: 2, ...visitsInForceWhere(now) } } } : {}),
    ...(options.waitingOverDay ? { marketEnteredAt: { lte: new Date(now.getTime() - DAY_MS) } } : {}),
    ...(options.mine ? { createdById: actor.userId } : {}),
    ...(search ?? {}),
  };
  const [total, rows] = await Promise.all([
    prisma.package.count({ where }),
    prisma.package.findMany({
      where,
      orderBy: [{ marketEnteredAt: { sort: 'asc', nulls: 'last' } }, { reference: 'asc' }],
      take: options.take ?? 25,
      skip: options.skip ?? 0,
      select: {
        id: true,
        reference: true,
        status: true,
        pathway: true,
        readyAt: true,
        postedAt: true,
        marketEnteredAt: true,
        offerRound: true,
        personId: true,
        person: { select: { givenName: true, familyName: true } },
        locality: { select: { name: true, rural: true } },
        hospital: { select: { code: true } },
        visits: { where: visitsInForceWhere(now), select: { minutes: true, carers: true, days: true } },
        // Every round's open offers count; the current round and the one before it say why it is stuck.
        offers: { select: { round: true, tier: true, status: true, deadline: true, offeredAt: true, respondedAt: true } },
      },
    }),
  ]);
  if (search && options.auditFrom !== undefined) {
    // A search by NHS number or name finds people, as the people search does, and is audited the same way.
    await recordAudit(prisma, actor, {
      action: 'person.searched',
      entityType: 'Person',
      ip: options.auditFrom,
      details: { by: searchKind(options.search!.trim().replace(/[\s-]/g, ''), null), found: [...new Set(rows.map((r) => r.personId))], list: 'waiting' },
    });
  }
  return {
    total,
    packages: rows.map(({ offers, ...p }) => ({
      ...p,
      hours: carerHours(p.visits),
      doubleHanded: p.visits.some((v) => v.carers === 2),
      ...waitingState({ ...p, offers }),
    })),
  };
}
