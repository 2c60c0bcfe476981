import type { ReactNode } from 'react';
import type { VarianceKind } from '@/lib/domain/enums';
import { VARIANCE_KIND_LABEL } from '@/lib/domain/labels';
import { formatDay } from '@/lib/time/london';
import { Cell, DataTable, Row } from './table';

type TVariance = {
  id: string;
  day: Date;
  reference: string;
  provider: string;
  kind: VarianceKind;
  lateMinutes: number | null;
  expectedMinutes: number;
  actualMinutes: number;
};

/**
 * Where delivered care differed from the care commissioned, a row a variance: on the council's
 * finance page (with the provider and a form to decide) and on the provider's own page (with the
 * council's decision). `decision` fills the last column, headed `decisionLabel`.
 */
export function VariancesTable<V extends TVariance>({
  caption,
  variances,
  withProvider = false,
  decisionLabel,
  decision,
  showCaption,
  minWidth,
}: {
  caption: string;
  variances: V[];
  withProvider?: boolean;
  decisionLabel: string;
  decision: (variance: V) => ReactNode;
  showCaption?: boolean;
  minWidth?: string;
}) {
  const columns = ['Day', 'Package', ...(withProvider ? ['Provider'] : []), 'What', 'Carer-minutes planned / delivered', decisionLabel];
  return (
    <DataTable caption={caption} columns={columns} showCaption={showCaption} minWidth={minWidth}>
      {variances.map((v) => (
        <Row key={v.id} top>
          <Cell className="whitespace-nowrap">{formatDay(v.day)}</Cell>
          <Cell>{v.reference}</Cell>
          {withProvider ? <Cell>{v.provider}</Cell> : null}
          <Cell>
            {VARIANCE_KIND_LABEL[v.kind]}
            {v.lateMinutes ? ` (${v.lateMinutes} minutes late)` : ''}
          </Cell>
          <Cell>
            {v.kind === 'LATE' ? '—' : v.expectedMinutes} / {v.actualMinutes}
          </Cell>
          <Cell>{decision(v)}</Cell>
        </Row>
      ))}
    </DataTable>
  );
}
