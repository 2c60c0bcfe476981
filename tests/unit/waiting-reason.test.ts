import { describe, expect, it } from 'vitest';
import { waitingState, type TWaitingOffer } from '@/lib/package/waiting-reason';

const posted = new Date('2026-12-07T09:00:00Z');
const at = (h: number) => new Date(posted.getTime() + h * 3_600_000);
const offer = (round: number, status: TWaitingOffer['status'], tier: number | null = 1, h = 0): TWaitingOffer => ({
  round,
  tier,
  status,
  offeredAt: at(h),
  deadline: at(h + 24),
  respondedAt: status === 'DECLINED' ? at(h + 1) : null,
});

describe('why a waiting package has no provider', () => {
  it('says nothing while offers are open, but counts them and gives the first deadline', () => {
    const offers = [offer(1, 'OFFERED', 1, 2), offer(1, 'OFFERED', 1, 0), offer(1, 'DECLINED')];
    expect(waitingState({ status: 'OFFERING', postedAt: posted, offerRound: 1, offers })).toEqual({ openOffers: 2, nextDeadline: at(24), stuck: null });
  });

  it('names a round that every provider turned down or let run out', () => {
    const state = (statuses: TWaitingOffer['status'][]) =>
      waitingState({ status: 'OFFERING', postedAt: posted, offerRound: 1, offers: statuses.map((s) => offer(1, s)) }).stuck;
    expect(state(['DECLINED', 'DECLINED', 'DECLINED'])).toBe('All 3 offers declined; the next providers are asked shortly');
    expect(state(['EXPIRED'])).toBe('The only offer was left unanswered; the next providers are asked shortly');
    expect(state(['DECLINED', 'EXPIRED', 'EXPIRED'])).toBe('1 offer declined and 2 expired unanswered; the next providers are asked shortly');
  });

  it('says since when a package has been on the open market, and when nobody is left to ask', () => {
    const offers = [offer(1, 'DECLINED', 1), offer(1, 'DECLINED', 1), offer(2, 'DECLINED', null, 30), offer(2, 'DECLINED', null, 31)];
    expect(waitingState({ status: 'OPEN_MARKET', postedAt: posted, offerRound: 3, offers }).stuck).toBe(
      'On the open market since 8 Dec 2026, 15:00; all 2 offers declined; no provider left to ask',
    );
    expect(waitingState({ status: 'OPEN_MARKET', postedAt: posted, offerRound: 2, offers: [...offers.slice(0, 2), offer(2, 'OFFERED', null, 30)] }).stuck).toBe(
      'On the open market since 8 Dec 2026, 15:00',
    );
  });

  it('has nothing to say about a draft', () => {
    expect(waitingState({ status: 'DRAFT', postedAt: null, offerRound: 0, offers: [] })).toEqual({ openOffers: 0, nextDeadline: null, stuck: null });
  });
});
