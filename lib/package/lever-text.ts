import { bandWord, codeLabel } from '@/lib/domain/labels';
import { daysText } from '@/lib/domain/visit-text';
import { countOf, formatHoursBrief, formatPoundsAndPence } from '@/lib/format';
import type { TBand } from '@/lib/domain/carer-hours';
import type { TLever, TSplitPart } from '@/lib/placement/placeability';
import { LOCAL_RATE_WEEKS, type TRateUplift } from '@/lib/placement/rate-uplift';

// The placeability advisor's levers in plain English, for a broker reading one package and for the
// weekly capacity meeting reading them all: what a provider misses the package by, and the one
// change that would let it be offered the package; what turned-down offers miss the local rate
// by; and rural packages to offer together as one run.

export type TLeverNames = {
  /** The provider's name. */
  provider: string;
  /** The package's locality. */
  locality: string;
  /** For a split: the second provider's name. */
  partner?: string;
  /** For a neighbour's contract: the neighbouring locality it covers, and the contract's reference. */
  neighbour?: string;
  contract?: string;
};

export type TLeverAdvice = { misses: string; change: string };

/** " on Mon and Wed", " at weekends"; nothing for every day. */
function onDays(days: readonly string[]): string {
  const t = daysText(days);
  if (t === 'Every day') return '';
  if (t === 'Weekends') return ' at weekends';
  return t === 'Weekdays' ? ' on weekdays' : ` on ${t}`;
}

const hoursText = (h: number) => `${formatHoursBrief(h)} carer-hour${h === 1 ? '' : 's'} a week`;

/** What the provider misses the package by, and the change that would place it there. */
export function leverAdvice(lever: TLever, names: TLeverNames): TLeverAdvice {
  const { provider, locality } = names;
  switch (lever.kind) {
    case 'CAPACITY': {
      const band = bandWord(lever.band);
      const parts = [
        lever.shortByHours > 0 ? `is ${hoursText(lever.shortByHours)} short of room in the ${band} in ${locality}` : null,
        lever.missingDays.length ? `has no ${band} room in ${locality}${onDays(lever.missingDays)}` : null,
      ].filter(Boolean);
      const misses = `${provider} ${parts.join(', and ')}.`;
      const more = [
        lever.shortByHours > 0 ? `${formatHoursBrief(lever.shortByHours)} more ${band} carer-hour${lever.shortByHours === 1 ? '' : 's'} a week` : null,
        lever.missingDays.length ? `${band} cover${onDays(lever.missingDays) || ' every day'}` : null,
      ].filter(Boolean);
      const change = `${more.join(' and ')} from ${provider} in ${locality} would place it.`;
      if (!lever.shift) return { misses, change: capitalise(change) };
      const shift = `Or moving the ${lever.shift.from} visit to ${lever.shift.to} puts it in the ${bandWord(lever.shift.band)}, where ${provider} has room.`;
      return { misses, change: `${capitalise(change)} ${shift}` };
    }
    case 'SPLIT': {
      const partner = names.partner ?? 'another provider';
      const [mine, theirs] = lever.parts;
      return {
        misses: `Neither ${provider} nor ${partner} has room for all of it in ${locality}, but between them they have.`,
        change: `${provider} taking ${partText(mine)} and ${partner} ${partText(theirs)} would place it: offer each provider its part.`,
      };
    }
    case 'SKILL':
      return {
        misses: `${provider} lacks one skill the package needs: ${codeLabel(lever.skill).toLowerCase()}.`,
        change: `A carer of ${provider}'s trained in ${codeLabel(lever.skill).toLowerCase()} would place it.`,
      };
    case 'DOUBLE_HANDED':
      return {
        misses: `${provider} cannot send two carers to one visit.`,
        change: `Two carers from ${provider} for the double-handed visits, or the visits reassessed for one carer, would place it.`,
      };
    case 'NEIGHBOUR_CONTRACT':
      return {
        misses: `${provider} has no contract for ${locality}, but has one for ${names.neighbour ?? 'a neighbouring locality'} next door.`,
        change: `Extending ${names.contract ? `contract ${names.contract}` : 'that contract'} to ${locality} would place it.`,
      };
  }
}

/** "the morning and midday visits (07:30 and 12:00, 8.75 carer-hours a week)". */
function partText(part: TSplitPart): string {
  const bands = listText(part.bands.map(bandWord));
  const visits = part.starts.length === 1 ? 'visit' : 'visits';
  return `the ${bands} ${visits} (${listText(part.starts)}, ${hoursText(part.hours)})`;
}

/** "a", "a and b", "a, b and c". */
function listText(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The need a lever stands for, for grouping many packages: "evening capacity", "a carer trained in dementia". */
export function needText(lever: TLever | null): string {
  if (lever === null) return 'more than one change';
  switch (lever.kind) {
    case 'CAPACITY':
      return `${bandWord(lever.band)} capacity`;
    case 'SPLIT':
      return 'a split between two providers';
    case 'SKILL':
      return `a carer trained in ${codeLabel(lever.skill).toLowerCase()}`;
    case 'DOUBLE_HANDED':
      return 'double-handed carers';
    case 'NEIGHBOUR_CONTRACT':
      return "a neighbouring locality's contract extended";
  }
}

export type TUpliftFacts = {
  uplift: TRateUplift;
  /** The package's offers declined, and let lapse. */
  declined: number;
  lapsed: number;
  /** Why they were declined, as DECLINE_REASON_TEXT says it, each once. */
  reasons: string[];
  locality: string;
  /** The pathway in a sentence: "long-term care". */
  pathway: string;
  /** The package's carer-hours a week. */
  hours: number;
};

/** What the turned-down offers miss the local rate by, and the uplift that would meet it. */
export function upliftAdvice(f: TUpliftFacts): TLeverAdvice {
  const { uplift: u } = f;
  const turned = [
    f.declined ? `${countOf(f.declined, 'provider')} declined it${f.reasons.length ? ` (${f.reasons.join(', ')})` : ''}` : null,
    f.lapsed ? `${countOf(f.lapsed, 'provider')} let ${f.lapsed === 1 ? 'its offer' : 'their offers'} lapse` : null,
  ].filter(Boolean);
  const pounds = formatPoundsAndPence;
  return {
    misses: `Offered at ${pounds(u.rate)} an hour, ${turned.join(' and ')}. Offers accepted for ${f.pathway} in ${f.locality} in the last ${LOCAL_RATE_WEEKS} weeks paid ${pounds(u.localRate)} an hour (the 75th percentile of ${countOf(u.accepted, 'offer')}).`,
    change: `${pounds(u.more)} an hour more would bring it up to that, adding ${pounds(u.weekly)} to its weekly cost (${hoursText(f.hours)}): set the rate uplift to ${pounds(u.setTo)} an hour.`,
  };
}

export type TRunFacts = { packages: number; locality: string; band: TBand; hours: number; providers: readonly string[] };

/** "3 packages wait in Wharfedale in the morning; together 14.5 carer-hours a week of morning care; Ace Care has room for all their morning visits: offer them as one run." */
export function runSentence(r: TRunFacts): string {
  const band = bandWord(r.band);
  const room = r.providers.length === 1 ? `${r.providers[0]} has room` : `${listText(r.providers)} each have room`;
  return `${r.packages} packages wait in ${r.locality} in the ${band}; together ${hoursText(r.hours)} of ${band} care; ${room} for all their ${band} visits: offer them as one run.`;
}
