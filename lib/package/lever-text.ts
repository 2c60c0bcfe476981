import { bandWord, codeLabel } from '@/lib/domain/labels';
import { daysText } from '@/lib/domain/visit-text';
import { formatHoursBrief } from '@/lib/format';
import type { TLever } from '@/lib/placement/placeability';

// The placeability advisor's levers in plain English, for a broker reading one package and for the
// weekly capacity meeting reading them all: what a provider misses the package by, and the one
// change that would let it be offered the package.

export type TLeverNames = {
  /** The provider's name. */
  provider: string;
  /** The package's locality. */
  locality: string;
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
        lever.shortByHours > 0 ? `${formatHoursBrief(lever.shortByHours)} more ${band} carer-hours a week` : null,
        lever.missingDays.length ? `${band} cover${onDays(lever.missingDays) || ' every day'}` : null,
      ].filter(Boolean);
      const change = `${more.join(' and ')} from ${provider} in ${locality} would place it.`;
      if (!lever.shift) return { misses, change: capitalise(change) };
      const shift = `Or moving the ${lever.shift.from} visit to ${lever.shift.to} puts it in the ${bandWord(lever.shift.band)}, where ${provider} has room.`;
      return { misses, change: `${capitalise(change)} ${shift}` };
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

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The need a lever stands for, for grouping many packages: "evening capacity", "a carer trained in dementia". */
export function needText(lever: TLever | null): string {
  if (lever === null) return 'more than one change';
  switch (lever.kind) {
    case 'CAPACITY':
      return `${bandWord(lever.band)} capacity`;
    case 'SKILL':
      return `a carer trained in ${codeLabel(lever.skill).toLowerCase()}`;
    case 'DOUBLE_HANDED':
      return 'double-handed carers';
    case 'NEIGHBOUR_CONTRACT':
      return "a neighbouring locality's contract extended";
  }
}
