import Link from 'next/link';
import { Cell, DataTable, Row, RowHeader } from './table';
import { formatHours } from '@/lib/format';
import { PACKAGE_STATUS_LABEL, PATHWAY_LABEL } from '@/lib/domain/labels';
import type { listWaitingPackages } from '@/lib/package/list-waiting-packages';
import { formatDuration, formatLondon, shortLondon } from '@/lib/time/london';

type Row = Awaited<ReturnType<typeof listWaitingPackages>>['packages'][number];

export function WaitingPackagesTable({
  rows,
  now,
  caption,
  clockFrom = 'marketEnteredAt',
}: {
  rows: Row[];
  now: Date;
  caption: string;
  /** Waiting since it last went to market (posted, or out again after its placement ended), or since the person was ready. */
  clockFrom?: 'marketEnteredAt' | 'readyAt';
}) {
  return (
    <DataTable
      caption={caption}
      columns={['Package', 'Person', 'Locality', 'Pathway', { label: 'Hours a week', numeric: true }, 'Status', 'Open offers', 'Waiting', 'Why it is waiting']}
    >
      {rows.map((p) => {
        const since = p[clockFrom] ?? p.marketEnteredAt ?? p.postedAt;
        return (
          <Row key={p.id}>
            <RowHeader className="font-mono font-normal">
              <Link href={`/packages/${p.reference}`} className="underline">
                {p.reference}
              </Link>
            </RowHeader>
            <Cell>
              {p.person.givenName} {p.person.familyName}
            </Cell>
            <Cell>
              {p.locality.name}
              {p.locality.rural ? ' (rural)' : ''}
            </Cell>
            <Cell>
              {PATHWAY_LABEL[p.pathway]}
              {p.hospital ? ` · ${p.hospital.code}` : ''}
            </Cell>
            <Cell numeric>
              {formatHours(p.hours)}
              {p.doubleHanded ? ' (two carers)' : ''}
            </Cell>
            <Cell>{PACKAGE_STATUS_LABEL[p.status]}</Cell>
            <Cell>
              {p.nextDeadline ? (
                <>
                  {p.openOffers} open, next closes{' '}
                  <time dateTime={p.nextDeadline.toISOString()} title={formatLondon(p.nextDeadline)}>
                    {shortLondon(p.nextDeadline, now)}
                  </time>
                </>
              ) : (
                'None'
              )}
            </Cell>
            <Cell>
              {since ? (
                <time dateTime={since.toISOString()} title={formatLondon(since)}>
                  {formatDuration(now.getTime() - since.getTime())}
                </time>
              ) : (
                'Not posted'
              )}
            </Cell>
            <Cell>{p.stuck ?? (p.status === 'DRAFT' ? 'Not posted yet' : 'Waiting for answers')}</Cell>
          </Row>
        );
      })}
    </DataTable>
  );
}
