import type { TReasonCode } from '@/lib/placement/constants';
import type { TBand } from '@/lib/domain/carer-hours';
import { bandWord, codeLabel } from '@/lib/domain/labels';
import { shortLondon } from '@/lib/time/london';

// The cascade preview as a plan a broker reads top to bottom: who is asked first and until when,
// who next, who was left out and why (grouped, with counts), and, when nobody can be asked, who
// nearly could. Pure, so the form renders it and tests read the same words.

type TPlanOffer = { providerId: string; providerName: string; contractType: string; tier: number };
type TPlanExcluded = {
  providerId: string;
  providerName: string;
  reasons: readonly TReasonCode[];
  /** Left out only for want of room: the bands it has room in and not, and neighbouring localities where it has room for it all. */
  capacity?: { roomIn: readonly TBand[]; shortIn: readonly TBand[]; neighboursWithRoom: readonly string[] };
  /** The tier a contract in force would have given it, and the contract's kind. */
  standing?: { tier: number; contractType: string };
};
export type TPlanInput = {
  offers: readonly TPlanOffer[];
  excluded: readonly TPlanExcluded[];
  deadline: Date;
  localityName: string;
  requiredSkills: readonly string[];
  preferredProviderId: string | null;
};

export type TPreviewPlan = {
  /** The person's chosen provider cannot be offered it: said first, with why. */
  chosen: string | null;
  /** "First: …", "Then: …", ending with the open market. */
  steps: string[];
  /** "72 have no contract here", largest group first. */
  leftOut: string[];
  /** The first tier's contract holders who cannot be offered it, each with why. */
  passedOver: string[];
  /** When nobody is eligible: providers one fixable reason away, with that reason. */
  nearMisses: { providerId: string; text: string }[];
};

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const list = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? ''));

/** Why providers were left out, as a verb phrase after a count: "47 lack the dementia skill". */
function reasonPhrase(code: TReasonCode, n: number, skills: readonly string[]): string {
  switch (code) {
    case 'PROVIDER_SUSPENDED':
      return plural(n, 'is suspended', 'are suspended');
    case 'CQC_INADEQUATE':
      return plural(n, 'is rated Inadequate by CQC', 'are rated Inadequate by CQC');
    case 'CONTRACT_NOT_IN_FORCE':
      return plural(n, 'has a contract here that is not in force', 'have a contract here that is not in force');
    case 'NO_CONTRACT_FOR_PACKAGE':
      return plural(n, 'has no contract here', 'have no contract here');
    case 'MISSING_SKILL':
      return `${plural(n, 'lacks', 'lack')} ${skills.length === 1 ? `the ${codeLabel(skills[0]).toLowerCase()} skill` : 'a skill it needs'}`;
    case 'NO_DOUBLE_HANDED':
      return plural(n, 'does not send two carers', 'do not send two carers');
    case 'EXCLUDED_BY_PACKAGE':
      return plural(n, 'is excluded for this person', 'are excluded for this person');
    case 'NO_CAPACITY':
      return plural(n, 'has no room at these times', 'have no room at these times');
  }
}

/** Who a tier's offers go to, in words: "locality provider for City A", "spot providers". */
function kind(offer: TPlanOffer, n: number, localityName: string): string {
  if (offer.tier === 0) return 'the person’s chosen provider';
  const s = n === 1 ? '' : 's';
  switch (offer.contractType) {
    case 'LOCALITY':
      // A long-term package's tier 2 is a neighbouring locality's provider (docs/placement.md).
      return offer.tier === 2 ? `locality provider${s} for a neighbouring locality` : `locality provider${s} for ${localityName}`;
    case 'STEP':
      return `STEP provider${s}`;
    case 'DISCHARGE':
      return `hospital discharge provider${s}`;
    case 'ICB':
      return `NHS ICB provider${s}`;
    case 'SPOT':
      return `spot provider${s}`;
    default:
      return `provider${s}`;
  }
}

function group(offers: readonly TPlanOffer[], localityName: string, atOnce: boolean): string {
  const together = atOnce ? ' at once' : '';
  const n = offers.length;
  if (n === 1) return `${offers[0].providerName} (${kind(offers[0], 1, localityName)})`;
  if (n <= 3) {
    const names = offers.map((o) => o.providerName);
    return `${names.slice(0, -1).join(', ')} and ${names[n - 1]} (${kind(offers[0], n, localityName)})${together}`;
  }
  return `${n} ${kind(offers[0], n, localityName)}${together}`;
}

/** "24 hours", "3 days 2 hours": how long the first round has to answer. */
function answerTime(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 1) {
    const minutes = Math.max(1, Math.round(ms / 60_000));
    return `${minutes} ${plural(minutes, 'minute', 'minutes')}`;
  }
  if (hours <= 48) return `${hours} ${plural(hours, 'hour', 'hours')}`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `${days} days${rest ? ` ${rest} ${plural(rest, 'hour', 'hours')}` : ''}`;
}

const FIXABLE: Partial<Record<TReasonCode, string>> = {
  NO_CAPACITY: 'has not declared room at these times: offer by hand, or split the visits',
  NO_DOUBLE_HANDED: 'lacks only two carers: split the two-carer visits off, or offer by hand if it can send two',
  MISSING_SKILL: 'lacks only a skill it needs: check with it and offer by hand',
};

/**
 * A near miss short only of room, by time band: "has room for the morning visits but not the
 * evening ones", or where it has none here, the neighbouring localities where it has room.
 */
export function roomText(e: Pick<TPlanExcluded, 'providerName' | 'capacity'>, localityName: string): string {
  const c = e.capacity;
  if (!c) return `${e.providerName} ${FIXABLE.NO_CAPACITY}`;
  const short = list(c.shortIn.map(bandWord));
  if (c.roomIn.length)
    return `${e.providerName} has room for the ${list(c.roomIn.map(bandWord))} visits but not the ${short} ones: offer by hand, or split the ${short} visits off`;
  if (c.neighboursWithRoom.length)
    return `${e.providerName} has no room declared in ${localityName}, but has room for every visit in ${list(c.neighboursWithRoom)} next door: ask whether it can cover ${localityName}`;
  return `${e.providerName} has no room declared in ${localityName} for the ${short} visits: offer by hand if it can staff them`;
}

export function previewPlan(input: TPlanInput, now: Date): TPreviewPlan {
  const tiers = [...new Set(input.offers.map((o) => o.tier))].sort((a, b) => a - b);
  const steps = tiers.map((tier, i) => {
    const offers = input.offers.filter((o) => o.tier === tier);
    const who = group(offers, input.localityName, i > 0);
    if (i > 0) return `Then: ${who}.`;
    const verb = offers.length === 1 ? 'has' : 'have';
    return `First: ${who} ${verb} ${answerTime(input.deadline.getTime() - now.getTime())} to answer (until ${shortLondon(input.deadline, now)}).`;
  });
  steps.push(
    tiers.length
      ? `If nobody accepts: the open market, every provider with a contract covering ${input.localityName} at once.`
      : `Nobody is eligible in any tier: it goes straight to the open market, every provider with a contract covering ${input.localityName} at once.`,
  );

  const counts = new Map<TReasonCode, number>();
  for (const e of input.excluded) for (const r of e.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const leftOut = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${n} ${reasonPhrase(code, n, input.requiredSkills)}`);

  let chosen: string | null = null;
  if (input.preferredProviderId && !input.offers.some((o) => o.providerId === input.preferredProviderId)) {
    const e = input.excluded.find((x) => x.providerId === input.preferredProviderId);
    chosen = e
      ? `${e.providerName}, the person’s chosen provider, cannot be offered it: it ${e.reasons.map((r) => reasonPhrase(r, 1, input.requiredSkills)).join(' and ')}.`
      : null;
  }

  // Those whose contract puts them first in the cascade (the person's chosen provider aside).
  const passedOver = input.excluded
    .filter((e) => e.standing?.tier === 1)
    .map(
      (e) =>
        `${e.providerName}, the ${kind({ ...e.standing!, providerId: e.providerId, providerName: e.providerName }, 1, input.localityName)}, cannot be offered it: it ${e.reasons.map((r) => reasonPhrase(r, 1, input.requiredSkills)).join(' and ')}.`,
    );

  const nearMisses = input.offers.length
    ? []
    : input.excluded
        .filter((e) => e.reasons.length === 1 && FIXABLE[e.reasons[0]] !== undefined)
        .map((e) => ({
          providerId: e.providerId,
          text: e.reasons[0] === 'NO_CAPACITY' ? roomText(e, input.localityName) : `${e.providerName} ${FIXABLE[e.reasons[0]]}`,
        }));
  return { chosen, steps, leftOut, passedOver, nearMisses };
}

export type TNextStep = { kind: 'TIER'; names: string[] } | { kind: 'OPEN_MARKET' } | { kind: 'NOBODY' };

/**
 * Who a posted package goes to when the open round closes unanswered, as the round-opening rule
 * has it (lib/brokerage/open-round.ts): the next tier of the cascade above the round's, less every
 * provider already asked; else the open market; after the open market, nobody.
 */
export function nextStep(
  ranked: readonly TPlanOffer[],
  offers: readonly { providerId: string; round: number; tier: number | null }[],
  round: number,
  status: 'OFFERING' | 'OPEN_MARKET',
): TNextStep {
  if (status === 'OPEN_MARKET') return { kind: 'NOBODY' };
  const asked = new Set(offers.map((o) => o.providerId));
  const tiers = offers.filter((o) => o.round === round && o.tier !== null).map((o) => o.tier as number);
  const after = tiers.length ? Math.max(...tiers) : -1;
  const candidates = ranked.filter((o) => o.tier > after && !asked.has(o.providerId));
  if (candidates.length === 0) return { kind: 'OPEN_MARKET' };
  const tier = Math.min(...candidates.map((o) => o.tier));
  return { kind: 'TIER', names: candidates.filter((o) => o.tier === tier).map((o) => o.providerName) };
}
