import { countOf } from '@/lib/format';
import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { labelOf, OFFER_ANSWER_TEXT, PHONE_OUTCOME_TEXT, REABLEMENT_OUTCOME_TEXT } from '@/lib/domain/labels';

// What happened to a package, in order: drafted, posted, each round and each offer with its
// answer, escalations, placement, changes and the end. Built from the audit trail and the offers,
// so it shows what was recorded, not what a page remembers.

export type TTimelineEntry = { at: Date; text: string; kind: 'package' | 'offer' | 'response' | 'call' };

const PACKAGE_EVENT: Record<string, string> = {
  'package.posted': 'Posted',
  'package.round-closed': 'Round closed',
  'package.placed': 'Placed',
  'package.changed': 'Changed',
  'package.ended': 'Ended',
  'package.cancelled': 'Cancelled',
  'package.admitted-to-hospital': 'Admitted to hospital: provider holds a retainer',
  'package.rate-uplift': 'Rate uplift added for the next round',
  'package.split-for-reablement': 'Made as reablement alongside a long-term package (split)',
  'package.resumed-after-hospital': 'Home from hospital: the provider resumed care',
  'package.handed-back': 'Home from hospital: the provider handed the package back, so it is offered again',
  'package.replacement-offered': 'Its provider was suspended: offered to the provider the re-placement plan chose',
  'package.replacement-rebrokered': 'Its provider was suspended: offered again through the cascade',
};

type DutyDetails = { offered?: string[]; reminded?: string[]; outcome?: string; endDate?: string; reablementReference?: string };

type RoundDetails = { round?: number; tier?: number | null; providers?: string[]; openMarket?: boolean };

export async function getPackageTimeline(prisma: PrismaClient, pkg: { councilId: string; id: string; createdAt: Date }): Promise<TTimelineEntry[]> {
  const [events, offers, calls] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { councilId: pkg.councilId, entityType: 'Package', entityId: pkg.id },
      orderBy: { id: 'asc' },
      select: { at: true, action: true, details: true },
    }),
    prisma.offer.findMany({
      where: { councilId: pkg.councilId, packageId: pkg.id },
      orderBy: [{ offeredAt: 'asc' }, { rank: 'asc' }],
      select: {
        round: true,
        tier: true,
        reasons: true,
        offeredAt: true,
        respondedAt: true,
        status: true,
        declineReason: true,
        provider: { select: { name: true } },
      },
    }),
    prisma.phoneContact.findMany({
      where: { councilId: pkg.councilId, packageId: pkg.id },
      orderBy: { at: 'asc' },
      select: { at: true, outcome: true, notes: true, providerId: true },
    }),
  ]);
  const entries: TTimelineEntry[] = [{ at: pkg.createdAt, text: 'Drafted', kind: 'package' }];
  // Offers without a tier come from an open-market round, a re-placement plan or a broker's hand.
  // Each says which in its first reason; an open-market round is also recorded as one (older
  // open-market offers may carry other words), and a broker's offer by hand may join it.
  const openMarketRounds = new Set(
    events.flatMap((e) => {
      const d = (e.details ?? {}) as RoundDetails;
      const opened = e.action === 'package.open-market' || (e.action === 'package.round-opened' && (d.tier === null || d.tier === undefined));
      return opened && d.round !== undefined ? [d.round] : [];
    }),
  );
  const how = (o: { round: number; tier: number | null; reasons: string[] }) => {
    const first = o.reasons[0] ?? '';
    if (o.tier !== null) return `tier ${o.tier}`;
    if (first.startsWith('Offered by hand')) return 'by hand';
    if (first.startsWith('Re-placement')) return 're-placement';
    return first.startsWith('Open market') || openMarketRounds.has(o.round) ? 'open market' : 'by hand';
  };
  for (const e of events) {
    if (e.action === 'package.round-opened') {
      const d = (e.details ?? {}) as RoundDetails;
      const to = d.tier === null || d.tier === undefined ? 'the open market' : `tier ${d.tier} of the cascade`;
      entries.push({
        at: e.at,
        text: `Round ${d.round ?? ''} offered to ${to}${d.providers ? ` (${countOf(d.providers.length, 'provider')})` : ''}`.replace('  ', ' '),
        kind: 'package',
      });
    } else if (e.action === 'package.open-market' || e.action === 'package.unplaced') {
      const d = (e.details ?? {}) as RoundDetails;
      const n = d.providers?.length ?? 0;
      entries.push({
        at: e.at,
        text:
          e.action === 'package.open-market'
            ? `Round ${d.round ?? ''} offered to the open market (${n} provider${n === 1 ? '' : 's'})`
            : 'Nobody left to ask on the open market: waiting for a change, a rate uplift or an offer by hand',
        kind: 'package',
      });
    } else if (e.action === 'package.pushed') {
      const d = (e.details ?? {}) as DutyDetails;
      entries.push({
        at: e.at,
        text: `Pushed by the duty team: ${d.offered?.length ?? 0} new offer${d.offered?.length === 1 ? '' : 's'} to STEP and discharge providers${d.reminded?.length ? `, ${d.reminded.length} reminded` : ''}`,
        kind: 'package',
      });
    } else if (e.action === 'package.reminded') {
      const n = ((e.details ?? {}) as DutyDetails).reminded?.length ?? 0;
      entries.push({ at: e.at, text: n ? `Reminded ${countOf(n, 'provider')} of the open offer` : 'Chased: nobody due a reminder yet', kind: 'package' });
    } else if (e.action === 'package.reablement-outcome') {
      const d = (e.details ?? {}) as DutyDetails;
      entries.push({
        at: e.at,
        text: `Reablement outcome: ${labelOf(REABLEMENT_OUTCOME_TEXT, d.outcome ?? '')}; last day ${d.endDate ?? ''}`,
        kind: 'package',
      });
    } else if (e.action === 'package.reablement-split-off') {
      const d = (e.details ?? {}) as DutyDetails;
      entries.push({
        at: e.at,
        text: `Reablement ${d.reablementReference ?? ''} split off: this package and its provider carry on unchanged`,
        kind: 'package',
      });
    } else if (e.action === 'package.reablement-handed-back') {
      const d = (e.details ?? {}) as DutyDetails;
      entries.push({
        at: e.at,
        text: `Reablement ${d.reablementReference ?? ''} ended on ${d.endDate ?? ''} (${labelOf(REABLEMENT_OUTCOME_TEXT, d.outcome ?? '')}): handed back to this package`,
        kind: 'package',
      });
    } else if (PACKAGE_EVENT[e.action]) {
      entries.push({ at: e.at, text: PACKAGE_EVENT[e.action], kind: 'package' });
    }
  }
  for (const o of offers) {
    entries.push({ at: o.offeredAt, text: `Offered to ${o.provider.name} (round ${o.round}, ${how(o)})`, kind: 'offer' });
    if (o.respondedAt && OFFER_ANSWER_TEXT[o.status]) {
      const reason = o.declineReason ? `: ${o.declineReason.toLowerCase().replace(/_/g, ' ')}` : '';
      entries.push({ at: o.respondedAt, text: `${o.provider.name} ${OFFER_ANSWER_TEXT[o.status]}${reason}`, kind: 'response' });
    }
  }
  const providerNames = new Map(
    (
      await prisma.provider.findMany({
        where: { id: { in: [...new Set(calls.flatMap((c) => (c.providerId ? [c.providerId] : [])))] } },
        select: { id: true, name: true },
      })
    ).map((p) => [p.id, p.name]),
  );
  for (const c of calls) {
    const who = c.providerId ? (providerNames.get(c.providerId) ?? 'a provider') : 'someone';
    entries.push({ at: c.at, text: `Phoned ${who}: ${PHONE_OUTCOME_TEXT[c.outcome]}${c.notes ? ` (${c.notes})` : ''}`, kind: 'call' });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
