'use client';

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TChartSpec } from '@/lib/dashboard/chart-spec';

// A horizontal bar chart for the dashboards. Every bar carries its value as text and every series
// has a name in the legend and its own fill pattern, so nothing is told by colour alone; the
// table beside the chart holds the same numbers for screen readers.

const FILLS = [
  { id: 'solid', color: '#1d4ed8', pattern: null },
  { id: 'hatch', color: '#b45309', pattern: 'M0,6 L6,0' },
  { id: 'dots', color: '#047857', pattern: 'dots' },
] as const;

const UNIT_SUFFIX: Record<Exclude<TChartSpec['unit'], 'pounds'>, string> = { hours: '', days: '', percent: '%', index: '', count: '' };
const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
// The axis's ticks in pounds stay short on a phone: £200K, £1.2M.
const POUNDS_SHORT = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', notation: 'compact', maximumFractionDigits: 1 });

export function DashboardBarChart({ spec, id }: { spec: TChartSpec; id: string }) {
  const rowHeight = 18 + spec.series.length * 16;
  const height = Math.max(160, 60 + spec.data.length * rowHeight);
  const format = (value: unknown) =>
    spec.unit === 'pounds'
      ? POUNDS.format(Number(value))
      : `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(Number(value))}${UNIT_SUFFIX[spec.unit]}`;
  const formatTick = (value: unknown) => (spec.unit === 'pounds' ? POUNDS_SHORT.format(Number(value)) : format(value));
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="mb-2 text-sm font-medium text-slate-700">
        {spec.title}
      </figcaption>
      {spec.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing to show for these filters.</p>
      ) : (
        <div role="img" aria-label={spec.title} style={{ width: '100%', height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={spec.data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }} accessibilityLayer>
              <defs>
                <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse">
                  <rect width="6" height="6" fill="#fde68a" />
                  <path d="M0,6 L6,0" stroke={FILLS[1].color} strokeWidth="2" />
                </pattern>
                <pattern id={`${id}-dots`} width="6" height="6" patternUnits="userSpaceOnUse">
                  <rect width="6" height="6" fill="#d1fae5" />
                  <circle cx="3" cy="3" r="1.5" fill={FILLS[2].color} />
                </pattern>
              </defs>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tickFormatter={formatTick} fontSize={12} />
              <YAxis type="category" dataKey="label" width={180} fontSize={12} interval={0} />
              <Tooltip formatter={format} />
              {spec.series.length > 1 ? <Legend /> : null}
              {spec.reference ? (
                <ReferenceLine
                  x={spec.reference.value}
                  stroke="#b91c1c"
                  strokeDasharray="6 3"
                  label={{ value: spec.reference.label, position: 'top', fontSize: 12, fill: '#991b1b' }}
                />
              ) : null}
              {spec.series.map((s, i) => {
                const fill = FILLS[i % FILLS.length];
                return (
                  <Bar
                    key={s.key}
                    dataKey={s.key}
                    name={s.name}
                    fill={fill.pattern ? `url(#${id}-${fill.id})` : fill.color}
                    stroke={fill.color}
                    isAnimationActive={false}
                  >
                    <LabelList dataKey={s.key} position="right" formatter={format} fontSize={11} fill="#0f172a" />
                  </Bar>
                );
              })}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
