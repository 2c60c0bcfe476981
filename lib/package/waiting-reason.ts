import type { OfferStatus, PackageStatus } from '@prisma/client';
import { formatLondon } from '@/lib/time/london';

// Why a package on the waiting list has no provider yet, in the words a broker would use. Pure,
// so the list, its tests and any other screen read it the same way.

export type TWaitingOffer = { round: number; tier: number | null; status: OfferStatus; deadline: Date; offeredAt: Date; respondedAt: Date | null };
type TWaitingPackage = { status: PackageStatus; postedAt: Date | null; offerRound: number; offers: readonly TWaitingOffer[] };

export type TWaitingState = {
  /** Offers providers can still answer. */
  openOffers: number;
  /** The earliest time one of them closes, or null when none is open. */
  nextDeadline: Date | null;
  /** Why nobody has it yet, or null when it is a draft or simply waiting for answers. */
  stuck: string | null;
};

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What came of a round's offers once none is open: "all 3 offers declined", "the only offer was left unanswered". */
function closedRound(offers: readonly TWaitingOffer[]): string | null {
  const n = offers.length;
  if (n === 0) return null;
  const declined = offers.filter((o) => o.status === 'DECLINED').length;
  const expired = offers.filter((o) => o.status === 'EXPIRED').length;
  if (declined === n) return n === 1 ? 'the only offer was declined' : `all ${n} offers declined`;
  if (expired === n) return n === 1 ? 'the only offer was left unanswered' : `all ${n} offers expired unanswered`;
  if (declined + expired === n) return `${count(declined, 'offer')} declined and ${expired} expired unanswered`;
  return `no offer of ${count(n, 'offer')} is still open`;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const earliest = (dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));

/**
 * When the cascade ran out: the first open-market offer (they carry no tier) after the last tiered
 * round, else when the last round closed (its last answer, or its deadline), else the posting.
 */
function openMarketSince(offers: readonly TWaitingOffer[], postedAt: Date): Date {
  const lastTiered = Math.max(0, ...offers.filter((o) => o.tier !== null).map((o) => o.round));
  const market = offers.filter((o) => o.tier === null && o.round > lastTiered);
  if (market.length) return earliest(market.map((o) => o.offeredAt));
  const closed = offers.filter((o) => o.round === lastTiered).map((o) => (o.respondedAt ?? o.deadline).getTime());
  return closed.length ? new Date(Math.max(...closed)) : postedAt;
}

export function waitingState(pkg: TWaitingPackage): TWaitingState {
  const open = pkg.offers.filter((o) => o.status === 'OFFERED');
  const state = { openOffers: open.length, nextDeadline: open.length ? earliest(open.map((o) => o.deadline)) : null };
  if (pkg.status === 'DRAFT' || pkg.postedAt === null) return { ...state, stuck: null };
  const round = pkg.offers.filter((o) => o.round === pkg.offerRound);
  const before = pkg.offers.filter((o) => o.round === pkg.offerRound - 1);
  const parts: string[] = [];
  if (pkg.status === 'OPEN_MARKET') {
    parts.push(`on the open market since ${formatLondon(openMarketSince(pkg.offers, pkg.postedAt))}`);
  }
  if (open.length === 0) {
    if (round.length === 0) {
      const outcome = closedRound(before);
      if (outcome) parts.push(outcome);
      parts.push('no provider left to ask');
    } else {
      parts.push(closedRound(round) ?? '', 'the next providers are asked shortly');
    }
  }
  return { ...state, stuck: parts.length ? sentence(parts.filter(Boolean).join('; ')) : null };
}
