// What a dashboard chart draws: one bar per category, one or more series. The numbers are the
// table's, so the chart adds a picture and nothing the table does not say.

export type TChartSpec = {
  /** The chart's accessible name. */
  title: string;
  unit: 'hours' | 'days' | 'percent' | 'index' | 'count' | 'pounds';
  series: { key: string; name: string }[];
  data: ({ label: string } & Record<string, string | number>)[];
  /** A line to compare against, e.g. the 70% aim. */
  reference?: { value: number; label: string };
};
