import 'server-only';
import type { ContractType, PrismaClient } from '@prisma/client';
import { BAND_LABEL, CONTRACT_TYPE_LABEL, CQC_LABEL, DECLINE_REASON_LABEL, PATHWAY_LABEL, codeLabel, labelOf } from '@/lib/domain/labels';
import { countOf, formatHours, formatNumber, formatPounds } from '@/lib/format';
import type { TChartSpec } from './chart-spec';
import type { TDashboardFilters } from './filters';
import { getHoursByContractType } from './get-hours-by-contract-type';
import { getHoursByCqcRating } from './get-hours-by-cqc-rating';
import { getLocalityShare, getSharedLocalityShares } from './get-locality-share';
import { getPickUpTimes, type TPickUpRow } from './get-pick-up-times';
import { getProviderConcentration } from './get-provider-concentration';
import { getRetainers, type TRetainerRow } from './get-retainers';
import { getReablementOutcomes, type TReablementRow } from './get-reablement-outcomes';
import { getWeeklyTrends } from './get-weekly-trends';
import { formatDay } from '@/lib/time/london';
import { getHoursByServiceType } from './get-hours-by-service-type';
import { DECLINE_REASONS, getDeclineReasons, type TDeclineReasonKey, type TDeclineRow } from './get-decline-reasons';
import { getReadyTimeCompliance, type TComplianceRow } from './get-ready-time-compliance';
import { getSpendAgainstBudget } from './get-spend-against-budget';
import { ARRANGEMENTS, getSpendByFunder } from './get-spend-by-funder';
import { FUNDING_ARRANGEMENT_LABEL } from '@/lib/domain/funding';
import { getUnendedLines, UNENDED_REASON_LABEL } from './get-unended-lines';
import { getWaitingNow, type TWaitingRow } from './get-waiting-now';
import { getDoubleHandedTrajectory, type TTrajectoryRow } from './get-double-handed-trajectory';
import { count, days, hours, index, percent, pounds, rate, text, type TSectionTable } from './table';
import type { THoursAndSpend } from './market-keys';

// The commissioners' dashboards, section by section: what each loads (one SQL query), the table
// the page shows and the CSV repeats, and the chart drawn from the same numbers.

export type TSection = {
  slug: string;
  title: string;
  /** Plain-English definition shown above the chart. */
  about: string;
  /** Whether its figures include carer-hours (CARER_HOURS_NOTE is shown with them); pick-up times are clock hours. */
  carerHours: boolean;
  load: (prisma: PrismaClient, councilId: string, filters: TDashboardFilters) => Promise<{ table: TSectionTable; chart: TChartSpec; headline: string }>;
};

const h = (n: number) => Math.round(n * 10) / 10;
const pct = (n: number) => Math.round(n * 1000) / 10;

/** The table and chart of weekly hours, share, rate and spend by a kind of line (contract type, service type). */
function hoursAndSpendView<K extends string>(d: THoursAndSpend<K>, o: { kind: string; kinds: string; label: (kind: K) => string }) {
  const cells = (r: { packages: number; providers: number; averageRate: number | null; spendPerWeek: number; spendPerYear: number }) => [
    count(r.packages),
    count(r.providers),
    rate(r.averageRate),
    pounds(r.spendPerWeek),
    pounds(r.spendPerYear),
  ];
  return {
    table: {
      caption: `Weekly hours, share, rate and spend by ${o.kind.toLowerCase()}`,
      columns: [
        { label: o.kind, numeric: false },
        { label: 'Hours a week', numeric: true },
        { label: 'Share of hours (%)', numeric: true },
        { label: 'Packages', numeric: true },
        { label: 'Providers', numeric: true },
        { label: 'Average hourly rate (£)', numeric: true },
        { label: 'Spend a week (£)', numeric: true },
        { label: 'Spend a year, projected (£)', numeric: true },
      ],
      rows: [
        ...d.rows.map((r) => [text(o.label(r.type)), hours(r.hours), percent(r.share), ...cells(r)]),
        [text(`All ${o.kinds}`), hours(d.totalHours), percent(d.totalHours ? 1 : 0), ...cells(d)],
      ],
    },
    chart: {
      title: `Bar chart: weekly carer-hours by ${o.kind.toLowerCase()}`,
      unit: 'hours' as const,
      series: [{ key: 'hours', name: 'Hours a week' }],
      data: d.rows.map((r) => ({ label: o.label(r.type), hours: h(r.hours) })),
    },
  };
}

const contractTypes: TSection = {
  slug: 'contract-types',
  title: 'Hours and spend by contract type',
  about:
    'Weekly carer-hours of placed service lines in force on the "as of" day (a line counts from its start date up to, not including, its end date), by the type of contract they are placed under. Average hourly rate is weighted by hours. A year\'s spend is the weekly spend projected over 365 days; spend against the budget is in its own section.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const d = await getHoursByContractType(prisma, councilId, filters);
    return {
      headline: `${formatHours(d.totalHours)} hours a week`,
      ...hoursAndSpendView(d, { kind: 'Contract type', kinds: 'contract types', label: (t) => CONTRACT_TYPE_LABEL[t] }),
    };
  },
};

const spendAgainstBudget: TSection = {
  slug: 'budget',
  title: 'Spend against budget',
  about:
    'Spend on placed service lines from the "from" day to the "to" day (inclusive, Europe/London): each line\'s weekly spend (hours a week × hourly rate) for the days it is in force in the period, by contract type. Budgets are entered by an admin for each financial year (April to March) and count for the share of the year\'s days in the period. A contract type has a budget here only if every financial year in the period has one for it. Variance is spend minus budget: above zero is over budget.',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getSpendAgainstBudget(prisma, councilId, filters);
    const missing = d.years.filter((y) => !y.hasBudget).map((y) => y.label);
    const label = (type: ContractType) => CONTRACT_TYPE_LABEL[type];
    return {
      headline:
        d.budget === null
          ? `No budget entered for ${(missing.length ? missing : d.years.map((y) => y.label)).join(' or ')} — an admin can add one`
          : `${formatPounds(d.spend)} of ${formatPounds(d.budget)} (${((d.used ?? 0) * 100).toFixed(1)}% used)`,
      table: {
        caption: `Spend and budget by contract type, ${formatDay(d.from)} to ${formatDay(d.to)}`,
        columns: [
          { label: 'Contract type', numeric: false },
          { label: 'Spend in period (£)', numeric: true },
          { label: 'Budget for period (£)', numeric: true },
          { label: 'Variance, over (+) or under (−) (£)', numeric: true },
          { label: 'Budget used (%)', numeric: true },
        ],
        rows: [
          ...d.rows.map((r) => [text(label(r.type)), pounds(r.spend), pounds(r.budget), pounds(r.variance), percent(r.used)]),
          [text('All contract types'), pounds(d.spend), pounds(d.budget), pounds(d.variance), percent(d.used)],
        ],
      },
      chart: {
        title: 'Bar chart: share of the budget used by contract type, with the 100% line',
        unit: 'percent',
        series: [{ key: 'used', name: 'Budget used (%)' }],
        data: d.rows.filter((r) => r.used !== null).map((r) => ({ label: label(r.type), used: pct(r.used ?? 0) })),
        reference: { value: 100, label: 'Budget' },
      },
    };
  },
};

const spendByFunder: TSection = {
  slug: 'funders',
  title: 'Spend by funder',
  about:
    'Weekly spend (hours a week × hourly rate) of placed service lines in force on the "as of" day, by who pays: the council, the ICB (NHS continuing health care), both in a stated share, or Section 117 aftercare. Each line is split by its ICB share. The person\'s contribution a week, as entered from their financial assessment, comes off the council\'s part; nothing is charged for Section 117 aftercare, for care the ICB funds in full, or for reablement in its first six weeks or while its review is overdue.',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getSpendByFunder(prisma, councilId, filters);
    const cells = (r: { packages: number; total: number; council: number; icb: number; person: number }) => [
      count(r.packages),
      pounds(r.total),
      pounds(r.council),
      pounds(r.icb),
      pounds(r.person),
    ];
    return {
      headline: `Council ${formatPounds(d.total.council)}, ICB ${formatPounds(d.total.icb)}, people ${formatPounds(d.total.person)} a week${
        d.reviewsOverdue ? ` · ${countOf(d.reviewsOverdue, 'reablement review')} overdue` : ''
      }`,
      table: {
        caption: `Weekly spend by funder, ${formatDay(filters.asOf)}`,
        columns: [
          { label: 'Funded by', numeric: false },
          { label: 'Packages', numeric: true },
          { label: 'Spend a week (£)', numeric: true },
          { label: 'Council pays (£)', numeric: true },
          { label: 'ICB pays (£)', numeric: true },
          { label: 'People pay (£)', numeric: true },
        ],
        rows: [...d.rows.map((r) => [text(FUNDING_ARRANGEMENT_LABEL[r.arrangement]), ...cells(r)]), [text('All packages'), ...cells(d.total)]],
      },
      chart: {
        title: 'Bar chart: weekly spend in pounds by how packages are funded, split by who pays',
        unit: 'pounds',
        series: [
          { key: 'council', name: 'Council (£)' },
          { key: 'icb', name: 'ICB (£)' },
          { key: 'person', name: 'People (£)' },
        ],
        data: ARRANGEMENTS.map((a) => d.rows.find((r) => r.arrangement === a)!).map((r) => ({
          label: FUNDING_ARRANGEMENT_LABEL[r.arrangement],
          council: Math.round(r.council),
          icb: Math.round(r.icb),
          person: Math.round(r.person),
        })),
      },
    };
  },
};

const localityShare: TSection = {
  slug: 'locality-share',
  title: "Locality providers' share against the 70% aim",
  about:
    'For each locality (where the person lives), the share of weekly carer-hours in force on the "as of" day that are placed under a locality contract covering that locality, against the council\'s aim of 70%.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const d = await getLocalityShare(prisma, councilId, filters);
    return {
      headline: `${(d.share * 100).toFixed(1)}% (aim 70%)`,
      table: {
        caption: "Locality providers' share of weekly hours by locality",
        columns: [
          { label: 'Locality', numeric: false },
          { label: 'Area', numeric: false },
          { label: 'Hours a week', numeric: true },
          { label: 'By locality providers', numeric: true },
          { label: 'Share (%)', numeric: true },
          { label: 'Aim (%)', numeric: true },
        ],
        rows: [
          ...d.rows.map((r) => [text(r.locality), text(r.rural ? 'Rural' : 'Urban'), hours(r.hours), hours(r.localityHours), percent(r.share), percent(d.aim)]),
          [text('All localities'), text(''), hours(d.hours), hours(d.localityHours), percent(d.share), percent(d.aim)],
        ],
      },
      chart: {
        title: "Bar chart: locality providers' share of hours by locality, with the 70% aim",
        unit: 'percent',
        series: [{ key: 'share', name: 'Share (%)' }],
        data: d.rows.map((r) => ({ label: r.locality, share: pct(r.share) })),
        reference: { value: d.aim * 100, label: 'Aim 70%' },
      },
    };
  },
};

const sharedLocalities: TSection = {
  slug: 'shared-localities',
  title: 'Shared localities: each holder against its target share',
  about:
    'Localities shared between contract holders by target (for example 70/30). For each holder whose contract is in force on the "as of" day with a target share, its share of the weekly carer-hours in force that day in the locality (where the person lives): hours placed under its contract over all placed hours there.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const rows = await getSharedLocalityShares(prisma, councilId, filters);
    const localities = new Set(rows.map((r) => r.localityId)).size;
    const off = rows.filter((r) => r.localityHours > 0 && Math.abs(r.share * 100 - r.target) > 10).length;
    return {
      headline:
        rows.length === 0
          ? 'No locality is shared by target'
          : `${countOf(localities, 'shared locality', 'shared localities')}, ${countOf(off, 'holder')} more than 10 points off target`,
      table: {
        caption: 'Each holder’s share of its shared locality’s weekly hours against its target',
        columns: [
          { label: 'Locality', numeric: false },
          { label: 'Contract', numeric: false },
          { label: 'Provider', numeric: false },
          { label: 'Hours a week', numeric: true },
          { label: 'Locality hours a week', numeric: true },
          { label: 'Share (%)', numeric: true },
          { label: 'Target (%)', numeric: true },
        ],
        rows: rows.map((r) => [
          text(r.locality),
          text(r.reference),
          text(r.provider),
          hours(r.hours),
          hours(r.localityHours),
          percent(r.share),
          percent(r.target / 100),
        ]),
      },
      chart: {
        title: 'Bar chart: each shared-locality holder’s share of hours and its target',
        unit: 'percent',
        series: [
          { key: 'share', name: 'Share (%)' },
          { key: 'target', name: 'Target (%)' },
        ],
        data: rows.map((r) => ({ label: `${r.locality}: ${r.reference}`, share: pct(r.share), target: r.target })),
      },
    };
  },
};

const pickUpLabel = (r: TPickUpRow) =>
  r.dimension === 'all'
    ? 'All placements'
    : r.dimension === 'pathway'
      ? `Pathway: ${labelOf(PATHWAY_LABEL, r.key)}`
      : r.dimension === 'band'
        ? `Band: ${labelOf(BAND_LABEL, r.key)}`
        : `Locality: ${r.label}`;

const pickUpTimes: TSection = {
  slug: 'pick-up-times',
  title: 'Pick-up times',
  about:
    'Hours from a package going to market to its placement, for placements made between the "from" and "to" days (inclusive, Europe/London). A package goes to market when it is posted, and again when its provider is suspended or hands it back after a hospital stay: each placement is measured from the latest of these before it, and every placement counts, so a package placed, failed and placed again counts twice. Median and 90th percentile, interpolated between placements. Band is the time band of the package\'s earliest visit start.',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getPickUpTimes(prisma, councilId, filters);
    const rows = [...(d.overall ? [d.overall] : []), ...d.byPathway, ...d.byBand, ...d.byLocality];
    return {
      headline: d.overall ? `median ${formatHours(d.overall.medianHours)} hours` : 'no placements',
      table: {
        caption: 'Pick-up times in hours by pathway, band and locality',
        columns: [
          { label: 'Group', numeric: false },
          { label: 'Placements', numeric: true },
          { label: 'Median (hours)', numeric: true },
          { label: '90th percentile (hours)', numeric: true },
        ],
        rows: rows.map((r) => [text(pickUpLabel(r)), count(r.placements), hours(r.medianHours), hours(r.p90Hours)]),
      },
      chart: {
        title: 'Bar chart: median and 90th percentile pick-up time in hours, by pathway and band',
        unit: 'hours',
        series: [
          { key: 'median', name: 'Median (hours)' },
          { key: 'p90', name: '90th percentile (hours)' },
        ],
        data: [...d.byPathway, ...d.byBand].map((r) => ({ label: pickUpLabel(r), median: h(r.medianHours), p90: h(r.p90Hours) })),
      },
    };
  },
};

const waitingLabel = (r: TWaitingRow) => {
  switch (r.dimension) {
    case 'all':
      return 'All waiting';
    case 'age':
      return `Waiting: ${r.label}`;
    case 'locality':
      return `Locality: ${r.label}`;
    case 'rural':
      return r.key === 'true' ? 'Rural localities' : 'Urban localities';
    case 'band':
      return `Band: ${labelOf(BAND_LABEL, r.key)}`;
    case 'doubleHanded':
      return r.key === 'true' ? 'Two carers (double-handed)' : 'One carer';
  }
};

const waiting: TSection = {
  slug: 'waiting',
  title: 'Packages and hours waiting now',
  about:
    'Packages posted and not yet placed (offers out, or on the open market) at the moment the page was loaded, with their weekly carer-hours from their visits (minutes × carers × days). Waiting time runs from when the package last went to market: its posting, or when it went out again after its provider was suspended or handed it back. Band is the time band of the earliest visit start; double-handed means at least one visit needs two carers.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const d = await getWaitingNow(prisma, councilId, filters);
    const rows = [d.total, ...d.byAge, ...d.byRural, ...d.byDoubleHanded, ...d.byBand, ...d.byLocality];
    return {
      headline: `${countOf(d.total.packages, 'package')}, ${formatHours(d.total.hours)} hours a week`,
      table: {
        caption: 'Packages and weekly hours waiting, by age, area, carers, band and locality',
        columns: [
          { label: 'Group', numeric: false },
          { label: 'Packages', numeric: true },
          { label: 'Hours a week', numeric: true },
        ],
        rows: rows.map((r) => [text(waitingLabel(r)), count(r.packages), hours(r.hours)]),
      },
      chart: {
        title: 'Bar chart: packages and weekly hours waiting, by how long they have waited',
        unit: 'count',
        series: [
          { key: 'packages', name: 'Packages' },
          { key: 'hours', name: 'Hours a week' },
        ],
        data: d.byAge.map((r) => ({ label: r.label, packages: r.packages, hours: h(r.hours) })),
      },
    };
  },
};

const concentration: TSection = {
  slug: 'concentration',
  title: 'Provider concentration',
  about:
    'How much of the weekly carer-hours in force on the "as of" day sit with few providers: the top five providers\' share, and the Herfindahl–Hirschman index (the sum of each provider\'s percentage share squared; 10,000 means one provider, above 2,500 is highly concentrated), for all localities together and for each locality.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const d = await getProviderConcentration(prisma, councilId, filters);
    const rows = [d.overall, ...d.byLocality];
    return {
      headline: `HHI ${formatNumber(d.overall.hhi)}`,
      table: {
        caption: 'Top-five share and Herfindahl–Hirschman index on weekly hours, overall and by locality',
        columns: [
          { label: 'Area', numeric: false },
          { label: 'Providers', numeric: true },
          { label: 'Hours a week', numeric: true },
          { label: 'Top 5 share (%)', numeric: true },
          { label: 'HHI (0–10,000)', numeric: true },
        ],
        rows: rows.map((r) => [text(r.locality), count(r.providers), hours(r.hours), percent(r.top5Share), index(r.hhi)]),
      },
      chart: {
        title: 'Bar chart: Herfindahl–Hirschman index by area, with the 2,500 high-concentration line',
        unit: 'index',
        series: [{ key: 'hhi', name: 'HHI' }],
        data: rows.map((r) => ({ label: r.locality, hhi: Math.round(r.hhi) })),
        reference: { value: 2500, label: 'Highly concentrated' },
      },
    };
  },
};

const cqc: TSection = {
  slug: 'cqc-ratings',
  title: 'Hours by CQC rating',
  about: 'Weekly carer-hours in force on the "as of" day by the delivering provider\'s current CQC rating.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const d = await getHoursByCqcRating(prisma, councilId, filters);
    const good = d.rows.filter((r) => r.rating === 'GOOD' || r.rating === 'OUTSTANDING').reduce((s, r) => s + r.share, 0);
    return {
      headline: `${(good * 100).toFixed(1)}% of hours with Good or Outstanding providers`,
      table: {
        caption: 'Weekly hours by provider CQC rating',
        columns: [
          { label: 'CQC rating', numeric: false },
          { label: 'Providers', numeric: true },
          { label: 'Packages', numeric: true },
          { label: 'Hours a week', numeric: true },
          { label: 'Share of hours (%)', numeric: true },
        ],
        rows: d.rows.map((r) => [text(CQC_LABEL[r.rating]), count(r.providers), count(r.packages), hours(r.hours), percent(r.share)]),
      },
      chart: {
        title: 'Bar chart: weekly carer-hours by provider CQC rating',
        unit: 'hours',
        series: [{ key: 'hours', name: 'Hours a week' }],
        data: d.rows.map((r) => ({ label: CQC_LABEL[r.rating], hours: h(r.hours) })),
      },
    };
  },
};

const unended: TSection = {
  slug: 'unended-lines',
  title: 'Service lines past their end, still counted',
  about:
    'Placed service lines counted as in force on the "as of" day (no end date, or an end date after it) that should have ended: their package was ended or cancelled before that day, or every placement of their provider on the package ended before that day (for example after a provider failed and the package was placed again). They inflate the commissioned hours above until someone ends them.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const d = await getUnendedLines(prisma, councilId, filters);
    return {
      headline: `${formatHours(d.hours)} hours a week (${(d.share * 100).toFixed(1)}% of commissioned)`,
      table: {
        caption: 'Service lines past their end, by reason',
        columns: [
          { label: 'Reason', numeric: false },
          { label: 'Lines', numeric: true },
          { label: 'Packages', numeric: true },
          { label: 'Hours a week', numeric: true },
          { label: 'Spend a week (£)', numeric: true },
          { label: 'Share of commissioned hours (%)', numeric: true },
        ],
        rows: [
          ...d.rows.map((r) => [
            text(UNENDED_REASON_LABEL[r.reason]),
            count(r.lines),
            count(r.packages),
            hours(r.hours),
            pounds(r.spendPerWeek),
            percent(r.shareOfCommissioned),
          ]),
          [text('All reasons'), count(d.lines), count(d.packages), hours(d.hours), pounds(d.spendPerWeek), percent(d.share)],
        ],
      },
      chart: {
        title: 'Bar chart: weekly carer-hours of service lines past their end, by reason',
        unit: 'hours',
        series: [{ key: 'hours', name: 'Hours a week' }],
        data: d.rows.map((r) => ({ label: UNENDED_REASON_LABEL[r.reason], hours: h(r.hours) })),
      },
    };
  },
};

const trajectoryLabel = (r: TTrajectoryRow) => (r.locality === null ? 'All localities' : `Locality: ${r.locality}`);

const doubleHandedTrajectory: TSection = {
  slug: 'double-handed-trajectory',
  title: 'Double-handed visits that became single-handed',
  about:
    'Visits that needed two carers and were changed to need one, for changes taking effect between the "from" and "to" days (inclusive, Europe/London). A change never overwrites a visit: it ends it and starts a new version, so each step from two carers to one is counted once, by the package\'s locality. Days run from when the visit began needing two carers (the day that version started, or the day the package\'s care began) to the first day with one carer. Median interpolated between step-downs.',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getDoubleHandedTrajectory(prisma, councilId, filters);
    const rows = [d.overall, ...d.byLocality];
    return {
      headline:
        d.overall.stepDowns === 0
          ? 'no visits stepped down'
          : `${countOf(d.overall.stepDowns, 'visit')} stepped down to one carer, median ${formatNumber(d.overall.medianDays ?? 0)} days`,
      table: {
        caption: 'Visits stepped down from two carers to one, and the median days until they were, by locality',
        columns: [
          { label: 'Group', numeric: false },
          { label: 'Visits stepped down', numeric: true },
          { label: 'Packages', numeric: true },
          { label: 'Median (days)', numeric: true },
        ],
        rows: rows.map((r) => [text(trajectoryLabel(r)), count(r.stepDowns), count(r.packages), days(r.medianDays)]),
      },
      chart: {
        title: 'Bar chart: median days from two carers to one, by locality',
        unit: 'days',
        series: [{ key: 'median', name: 'Median (days)' }],
        data: d.byLocality.map((r) => ({ label: trajectoryLabel(r), median: h(r.medianDays ?? 0) })),
      },
    };
  },
};

const shareOf = (n: number, of: number) => (of ? n / of : null);

const complianceLabel = (r: TComplianceRow) =>
  r.dimension === 'hospital'
    ? `Hospital: ${r.label}`
    : r.dimension === 'stepArea'
      ? `STEP area: ${r.label}`
      : r.dimension === 'provider'
        ? `Provider: ${r.label}`
        : r.label;

const readyTimeCompliance: TSection = {
  slug: 'ready-time-compliance',
  title: '2-hour and 4-hour targets from ready time',
  about:
    'Short-term packages (hospital discharge and reablement, not cancelled) whose person was ready between the "from" and "to" days (inclusive, Europe/London), against their target: 2 hours from ready for a discharge from a hospital, 4 hours for other short-term care. Placed: the first placement. Care started: the first visit due at or after that placement, on a day the package\'s service lines have started. A share counts packages whose outcome is known: met, or with the target passed by now. A delayed discharge is a discharge from a hospital whose care had not started 2 hours after the person was ready. By provider is the first placement\'s provider; by STEP area, the STEP areas covering the package\'s locality.',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getReadyTimeCompliance(prisma, councilId, filters);
    const rows = [...(d.overall ? [d.overall] : []), ...d.byTarget, ...d.byHospital, ...d.byStepArea, ...d.byProvider];
    const placed = d.overall ? shareOf(d.overall.placedInTarget, d.overall.placedKnown) : null;
    return {
      headline:
        d.overall && placed !== null
          ? `${(placed * 100).toFixed(1)}% placed within target, ${countOf(d.overall.delayedDischarges, 'delayed discharge')}`
          : 'no short-term package ready in the period',
      table: {
        caption: 'Packages placed and care started within the 2-hour or 4-hour target, by target, hospital, STEP area and provider',
        columns: [
          { label: 'Group', numeric: false },
          { label: 'Ready in period', numeric: true },
          { label: 'Placed within target', numeric: true },
          { label: 'Placed within target (%)', numeric: true },
          { label: 'Care started within target', numeric: true },
          { label: 'Care started within target (%)', numeric: true },
          { label: 'Median, ready to placement (hours)', numeric: true },
          { label: 'Delayed discharges', numeric: true },
          { label: 'Not placed yet', numeric: true },
        ],
        rows: rows.map((r) => [
          text(complianceLabel(r)),
          count(r.ready),
          count(r.placedInTarget),
          percent(shareOf(r.placedInTarget, r.placedKnown)),
          count(r.careInTarget),
          percent(shareOf(r.careInTarget, r.careKnown)),
          hours(r.medianHoursToPlacement),
          count(r.delayedDischarges),
          count(r.waiting),
        ]),
      },
      chart: {
        title: 'Bar chart: share placed and share with care started within target, by target, hospital and STEP area',
        unit: 'percent',
        series: [
          { key: 'placed', name: 'Placed within target (%)' },
          { key: 'care', name: 'Care started within target (%)' },
        ],
        data: [...d.byTarget, ...d.byHospital, ...d.byStepArea].map((r) => ({
          label: complianceLabel(r),
          placed: pct(shareOf(r.placedInTarget, r.placedKnown) ?? 0),
          care: pct(shareOf(r.careInTarget, r.careKnown) ?? 0),
        })),
      },
    };
  },
};

const DECLINE_COLUMN: Record<TDeclineReasonKey, string> = { ...DECLINE_REASON_LABEL, NONE: 'No reason given' };

const monthLabel = (yyyyMm: string) => new Date(`${yyyyMm}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

const declineLabel = (r: TDeclineRow) =>
  r.dimension === 'all'
    ? 'All declines'
    : r.dimension === 'provider'
      ? `Provider: ${r.label}`
      : r.dimension === 'locality'
        ? `Locality: ${r.label}`
        : r.dimension === 'band'
          ? `Band: ${labelOf(BAND_LABEL, r.key)}`
          : `Month: ${monthLabel(r.key)}`;

const declineReasons: TSection = {
  slug: 'decline-reasons',
  title: 'Why providers decline',
  about:
    'Offers declined between the "from" and "to" days (inclusive, Europe/London, by when the provider answered), by the reason the provider chose, overall and by provider, by the locality where the person lives, by the time band of the package\'s earliest visit start, and by month. An offer declined without a reason counts as "No reason given".',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getDeclineReasons(prisma, councilId, filters);
    const rows = [...(d.overall ? [d.overall] : []), ...d.byProvider, ...d.byLocality, ...d.byBand, ...d.byMonth];
    const top = d.overall ? DECLINE_REASONS.reduce((a, b) => (d.overall!.byReason[b] > d.overall!.byReason[a] ? b : a)) : null;
    return {
      headline: d.overall && top ? `${countOf(d.overall.total, 'decline')}, most often "${DECLINE_COLUMN[top]}"` : 'no offers declined',
      table: {
        caption: 'Offers declined by reason: overall, by provider, locality, band and month',
        columns: [
          { label: 'Group', numeric: false },
          { label: 'Declines', numeric: true },
          ...DECLINE_REASONS.map((x) => ({ label: DECLINE_COLUMN[x], numeric: true })),
        ],
        rows: rows.map((r) => [text(declineLabel(r)), count(r.total), ...DECLINE_REASONS.map((x) => count(r.byReason[x]))]),
      },
      chart: {
        title: 'Bar chart: offers declined each month, by reason',
        unit: 'count',
        series: DECLINE_REASONS.map((x) => ({ key: x, name: DECLINE_COLUMN[x] })),
        data: d.byMonth.map((r) => ({ label: monthLabel(r.key), ...r.byReason })),
      },
    };
  },
};

const serviceTypes: TSection = {
  slug: 'service-types',
  title: 'Hours and spend by service type',
  about:
    'Weekly carer-hours of placed service lines in force on the "as of" day (a line counts from its start date up to, not including, its end date), by the type of service: personal care, domestic, shopping, social inclusion, sitting, night or reablement. Average hourly rate is weighted by hours. A year\'s spend is the weekly spend projected over 365 days.',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const d = await getHoursByServiceType(prisma, councilId, filters);
    return {
      headline: `${formatHours(d.totalHours)} hours a week, ${formatPounds(d.spendPerWeek)} a week`,
      ...hoursAndSpendView(d, { kind: 'Service type', kinds: 'service types', label: codeLabel }),
    };
  },
};

const weeklyTrends: TSection = {
  slug: 'weekly-trends',
  title: 'Two years week by week',
  about:
    'On each of the 104 days a week apart ending on the "as of" day: the weekly carer-hours and weekly cost (hours × hourly rate) of placed service lines in force that day, the packages and people with at least one such line, average weekly hours per person, and the shares of hours placed under locality, ISF and spot contracts (the rest are STEP, discharge and ICB).',
  carerHours: true,
  async load(prisma, councilId, filters) {
    const weeks = await getWeeklyTrends(prisma, councilId, filters);
    const last = weeks[weeks.length - 1];
    const yearBefore = weeks[weeks.length - 53];
    const change = yearBefore && yearBefore.hours ? (last.hours - yearBefore.hours) / yearBefore.hours : null;
    return {
      headline: `${formatHours(last.hours)} hours a week${change === null ? '' : `, ${change >= 0 ? 'up' : 'down'} ${Math.abs(change * 100).toFixed(1)}% on a year before`}`,
      table: {
        caption: 'Weekly hours, packages, people, cost and contract shares, week by week over two years',
        columns: [
          { label: 'Day', numeric: false },
          { label: 'Hours a week', numeric: true },
          { label: 'Packages', numeric: true },
          { label: 'People', numeric: true },
          { label: 'Average hours a week per person', numeric: true },
          { label: 'Cost a week (£)', numeric: true },
          { label: 'Locality share of hours (%)', numeric: true },
          { label: 'ISF share of hours (%)', numeric: true },
          { label: 'Spot share of hours (%)', numeric: true },
        ],
        rows: weeks.map((w) => [
          text(formatDay(w.day)),
          hours(w.hours),
          count(w.packages),
          count(w.people),
          hours(w.hoursPerPerson),
          pounds(w.cost),
          percent(w.localityShare),
          percent(w.isfShare),
          percent(w.spotShare),
        ]),
      },
      chart: {
        title: 'Bar chart: weekly carer-hours in force, week by week over two years',
        unit: 'hours',
        series: [{ key: 'hours', name: 'Hours a week' }],
        data: weeks.map((w) => ({ label: formatDay(w.day), hours: h(w.hours) })),
      },
    };
  },
};

const reablementLabel = (r: TReablementRow) =>
  r.dimension === 'provider'
    ? `Provider: ${r.label}`
    : r.dimension === 'locality'
      ? `Locality: ${r.label}`
      : r.dimension === 'stepArea'
        ? `STEP area: ${r.label}`
        : 'All reablement';

const reablementOutcomes: TSection = {
  slug: 'reablement-outcomes',
  title: 'Reablement outcomes and length',
  about:
    'Reablement packages whose outcome was recorded and whose last day of care fell between the "from" and "to" days (inclusive): how many ended with the person independent (no further care), needing a long-term package, or something else, overall and by the provider that delivered it at the end, by locality and by the STEP areas covering the locality. Length is the days of reablement from the day its first placement started to its last day of care, both counted.',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getReablementOutcomes(prisma, councilId, filters);
    const rows = [...(d.overall ? [d.overall] : []), ...d.byProvider, ...d.byStepArea, ...d.byLocality];
    const share = (n: number, r: TReablementRow) => (r.outcomes ? n / r.outcomes : null);
    return {
      headline: d.overall
        ? `${((share(d.overall.independent, d.overall) ?? 0) * 100).toFixed(1)}% independent, median ${formatNumber(d.overall.medianDays ?? 0)} days`
        : 'no reablement ended in the period',
      table: {
        caption: 'Reablement outcomes and length, by provider, STEP area and locality',
        columns: [
          { label: 'Group', numeric: false },
          { label: 'Outcomes recorded', numeric: true },
          { label: 'Independent', numeric: true },
          { label: 'Independent (%)', numeric: true },
          { label: 'Long-term package needed', numeric: true },
          { label: 'Long-term package needed (%)', numeric: true },
          { label: 'Something else', numeric: true },
          { label: 'Median length (days)', numeric: true },
          { label: 'Average length (days)', numeric: true },
        ],
        rows: rows.map((r) => [
          text(reablementLabel(r)),
          count(r.outcomes),
          count(r.independent),
          percent(share(r.independent, r)),
          count(r.longTermNeeded),
          percent(share(r.longTermNeeded, r)),
          count(r.other),
          days(r.medianDays),
          days(r.averageDays),
        ]),
      },
      chart: {
        title: 'Bar chart: share of reablement ending independent or needing long-term care, by provider and STEP area',
        unit: 'percent',
        series: [
          { key: 'independent', name: 'Independent (%)' },
          { key: 'longTerm', name: 'Long-term package needed (%)' },
        ],
        data: [...d.byProvider, ...d.byStepArea].map((r) => ({
          label: reablementLabel(r),
          independent: pct(share(r.independent, r) ?? 0),
          longTerm: pct(share(r.longTermNeeded, r) ?? 0),
        })),
      },
    };
  },
};

const retainerLabel = (r: TRetainerRow) =>
  r.dimension === 'provider' ? `Provider: ${r.label}` : r.dimension === 'locality' ? `Locality: ${r.label}` : 'All hospital stays';

const retainers: TSection = {
  slug: 'retainers',
  title: 'Hospital retainers: days paid and hand-backs',
  about:
    'Hospital stays overlapping the "from" to "to" days (inclusive): the retainer days paid in that period (from admission to the retainer\'s last day, before the day the person came home), and for the stays that ended in it, how many providers took the person back and how many handed the package back. The hand-back rate is hand-backs over stays ended in the period. By the provider holding the retainer, and by locality.',
  carerHours: false,
  async load(prisma, councilId, filters) {
    const d = await getRetainers(prisma, councilId, filters);
    const rows = [...(d.overall ? [d.overall] : []), ...d.byProvider, ...d.byLocality];
    const rateOf = (r: TRetainerRow) => (r.returned ? r.handedBack / r.returned : null);
    return {
      headline: d.overall
        ? `${countOf(d.overall.daysPaid, 'retainer day')} paid, ${rateOf(d.overall) === null ? 'no stay ended' : `${((rateOf(d.overall) ?? 0) * 100).toFixed(1)}% handed back`}`
        : 'no hospital stays in the period',
      table: {
        caption: 'Hospital stays, retainer days paid and hand-back rate, by provider and locality',
        columns: [
          { label: 'Group', numeric: false },
          { label: 'Hospital stays', numeric: true },
          { label: 'Retainer days paid', numeric: true },
          { label: 'Stays ended', numeric: true },
          { label: 'Taken back', numeric: true },
          { label: 'Handed back', numeric: true },
          { label: 'Hand-back rate (%)', numeric: true },
          { label: 'Still in hospital', numeric: true },
        ],
        rows: rows.map((r) => [
          text(retainerLabel(r)),
          count(r.stays),
          count(r.daysPaid),
          count(r.returned),
          count(r.resumed),
          count(r.handedBack),
          percent(rateOf(r)),
          count(r.stillInHospital),
        ]),
      },
      chart: {
        title: 'Bar chart: hand-back rate by provider',
        unit: 'percent',
        series: [{ key: 'rate', name: 'Hand-back rate (%)' }],
        data: d.byProvider.map((r) => ({ label: r.label, rate: pct(rateOf(r) ?? 0) })),
      },
    };
  },
};

export const SECTIONS: TSection[] = [
  contractTypes,
  serviceTypes,
  weeklyTrends,
  spendAgainstBudget,
  spendByFunder,
  localityShare,
  sharedLocalities,
  pickUpTimes,
  readyTimeCompliance,
  declineReasons,
  reablementOutcomes,
  retainers,
  waiting,
  concentration,
  cqc,
  unended,
  doubleHandedTrajectory,
];

export function sectionBySlug(slug: string | undefined): TSection | undefined {
  return SECTIONS.find((s) => s.slug === slug);
}
