import { count, hours, index, percent, pounds, text, type TCell, type TSectionTable } from '@/lib/dashboard/table';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { BAND_LABEL, CONTRACT_TYPE_LABEL, PATHWAY_LABEL } from '@/lib/domain/labels';
import { LEVER_GROUPS, type TFigures, type TLeverGroup } from './figures';
import type { TWhatIfResult } from './run-what-if';

// A run's figures as tables, today beside the scenario: the page draws them and the CSV writes
// the same cells (lib/dashboard/table.ts), so the two always agree.

const num = (kind: 'count' | 'hours' | 'pounds' | 'percent' | 'index') => ({ count, hours, pounds, percent, index })[kind] as (v: number) => TCell;

function sideBySide(label: string, kind: Parameters<typeof num>[0], base: number, variant: number): TCell[] {
  const cell = num(kind);
  return [text(label), cell(base), cell(variant), cell(variant - base)];
}

const AIM = 0.7;

function overall(r: TWhatIfResult): TSectionTable {
  const [b, v] = [r.base.totals, r.variant.totals];
  return {
    caption: 'Overall, today and in the scenario',
    columns: [
      { label: 'Measure', numeric: false },
      { label: 'Today', numeric: true },
      { label: 'Scenario', numeric: true },
      { label: 'Change', numeric: true },
    ],
    rows: [
      sideBySide('Packages', 'count', b.packages, v.packages),
      sideBySide('Packages with care (in care or newly placed)', 'count', b.inCare + b.placed, v.inCare + v.placed),
      sideBySide('Newly placed packages', 'count', b.placed, v.placed),
      sideBySide('Packages left unplaced', 'count', b.unplaced, v.unplaced),
      sideBySide('Carer-hours a week of care', 'hours', b.careHours, v.careHours),
      sideBySide('Carer-hours a week left unplaced', 'hours', b.unplacedHours, v.unplacedHours),
      sideBySide('Weekly cost (£)', 'pounds', b.weeklyCost, v.weeklyCost),
      sideBySide(`Locality contracts' share of hours (aim ${AIM * 100}%)`, 'percent', b.localityShare, v.localityShare),
      sideBySide('Top five providers’ share of hours', 'percent', b.top5Share, v.top5Share),
      sideBySide('Concentration (HHI, over 2,500 is high)', 'index', b.hhi, v.hhi),
      sideBySide('Providers with care', 'count', b.providers, v.providers),
    ],
  };
}

const pair = (label: string) => [
  { label: `${label}: today`, numeric: true },
  { label: `${label}: scenario`, numeric: true },
];

function byLocality(r: TWhatIfResult): TSectionTable {
  const variant = new Map(r.variant.byLocality.map((l) => [l.localityId, l]));
  return {
    caption: 'By locality',
    columns: [
      { label: 'Locality', numeric: false },
      ...pair('Carer-hours of care'),
      ...pair('Packages unplaced'),
      ...pair('Carer-hours unplaced'),
      ...pair('Locality share'),
    ],
    rows: r.base.byLocality.map((b) => {
      const v = variant.get(b.localityId) ?? b;
      return [
        text(b.name),
        hours(b.careHours),
        hours(v.careHours),
        count(b.unplaced),
        count(v.unplaced),
        hours(b.unplacedHours),
        hours(v.unplacedHours),
        percent(b.careHours ? b.localityShare : null),
        percent(v.careHours ? v.localityShare : null),
      ];
    }),
  };
}

function byPathway(r: TWhatIfResult): TSectionTable {
  return {
    caption: 'By pathway',
    columns: [{ label: 'Pathway', numeric: false }, ...pair('Packages with care'), ...pair('Packages unplaced'), ...pair('Carer-hours unplaced')],
    rows: r.base.byPathway.map((b, i) => {
      const v = r.variant.byPathway[i];
      return [
        text(PATHWAY_LABEL[b.pathway]),
        count(b.inCare + b.placed),
        count(v.inCare + v.placed),
        count(b.unplaced),
        count(v.unplaced),
        hours(b.unplacedHours),
        hours(v.unplacedHours),
      ];
    }),
  };
}

function byBand(r: TWhatIfResult): TSectionTable {
  return {
    caption: 'By time of day',
    columns: [{ label: 'Band', numeric: false }, ...pair('Carer-hours of care'), ...pair('Carer-hours unplaced')],
    rows: r.base.byBand.map((b, i) => {
      const v = r.variant.byBand[i];
      return [text(BAND_LABEL[b.band]), hours(b.careHours), hours(v.careHours), hours(b.unplacedHours), hours(v.unplacedHours)];
    }),
  };
}

const TIER_TEXT = ['Tier 0: the person’s own choice', 'Tier 1', 'Tier 2', 'Tier 3', 'Tier 4'];

function mix(r: TWhatIfResult): TSectionTable[] {
  const tiers = [...new Set([...r.base.byTier, ...r.variant.byTier].map((t) => t.tier))].sort((a, b) => a - b);
  const tierOf = (f: TFigures, t: number) => f.byTier.find((x) => x.tier === t)?.packages ?? 0;
  const typeOf = (f: TFigures, t: string) => f.byContractType.find((x) => x.type === t)?.careHours ?? 0;
  const types = CONTRACT_TYPES.filter((t) => typeOf(r.base, t) || typeOf(r.variant, t));
  const columns = (first: string) => [
    { label: first, numeric: false },
    { label: 'Today', numeric: true },
    { label: 'Scenario', numeric: true },
    { label: 'Change', numeric: true },
  ];
  return [
    {
      caption: 'Newly placed packages by tier of the cascade',
      columns: columns('Tier'),
      rows: tiers.map((t) => sideBySide(TIER_TEXT[t] ?? `Tier ${t}`, 'count', tierOf(r.base, t), tierOf(r.variant, t))),
    },
    {
      caption: 'Carer-hours of care by contract type',
      columns: columns('Contract type'),
      rows: types.map((t) => sideBySide(CONTRACT_TYPE_LABEL[t], 'hours', typeOf(r.base, t), typeOf(r.variant, t))),
    },
  ];
}

function holders(r: TWhatIfResult): TSectionTable[] {
  const rows = [...r.base.holders.map((h) => ({ h, when: 'Today' })), ...r.variant.holders.map((h) => ({ h, when: 'Scenario' }))];
  if (rows.length === 0) return [];
  const name = new Map(r.variant.byLocality.map((l) => [l.localityId, l.name]));
  return [
    {
      caption: 'Shared localities: each holder’s share against its target',
      columns: [
        { label: 'Market', numeric: false },
        { label: 'Locality', numeric: false },
        { label: 'Holder', numeric: false },
        { label: 'Target', numeric: true },
        { label: 'Share', numeric: true },
      ],
      rows: rows.map(({ h, when }) => [text(when), text(name.get(h.localityId) ?? ''), text(h.provider), percent(h.target), percent(h.share)]),
    },
  ];
}

const LEVER_TEXT: Record<TLeverGroup, string> = {
  CAPACITY: 'More room in one time of day with one provider',
  SPLIT: 'Split between two providers with room between them',
  SKILL: 'One more skill with one provider',
  DOUBLE_HANDED: 'Carers who go in twos with one provider',
  NEIGHBOUR_CONTRACT: 'A neighbouring locality’s contract extended here',
  TAKEN: 'None: it fits, but other packages took the room',
  SEVERAL: 'More than one change',
};

function levers(r: TWhatIfResult): TSectionTable {
  // Runs kept from before the advisor have no levers: their rows are empty.
  const of = (f: TFigures, g: TLeverGroup) => f.byLever?.find((x) => x.lever === g) ?? { packages: 0, hours: 0 };
  return {
    caption: 'Unplaced packages by the smallest change that would place each',
    columns: [{ label: 'Smallest change', numeric: false }, ...pair('Packages'), ...pair('Carer-hours')],
    rows: LEVER_GROUPS.map((g) => [
      text(LEVER_TEXT[g]),
      count(of(r.base, g).packages),
      count(of(r.variant, g).packages),
      hours(of(r.base, g).hours),
      hours(of(r.variant, g).hours),
    ]),
  };
}

/** Every table of a run, in the order the page shows them. */
export function comparisonTables(r: TWhatIfResult): TSectionTable[] {
  return [overall(r), byLocality(r), byPathway(r), byBand(r), levers(r), ...mix(r), ...holders(r)];
}
