import Link from 'next/link';
import { PATHWAY_LABEL, formatHours } from '@/lib/format';
import type { listWaitingPackages } from '@/lib/package/list-waiting-packages';
import { formatDuration, formatLondon } from '@/lib/time/london';

type Row = Awaited<ReturnType<typeof listWaitingPackages>>['packages'][number];

const STATUS_LABEL: Record<string, string> = { DRAFT: 'Draft', OFFERING: 'Offered', OPEN_MARKET: 'Open market' };

export function WaitingPackagesTable({ rows, now, caption, clockFrom = 'postedAt' }: { rows: Row[]; now: Date; caption: string; clockFrom?: 'postedAt' | 'readyAt' }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Package</th>
            <th scope="col" className="px-3 py-2">Person</th>
            <th scope="col" className="px-3 py-2">Locality</th>
            <th scope="col" className="px-3 py-2">Pathway</th>
            <th scope="col" className="px-3 py-2 text-right">Hours a week</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Waiting</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const since = p[clockFrom] ?? p.postedAt;
            return (
              <tr key={p.id} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-mono font-normal">
                  <Link href={`/packages/${p.reference}`} className="underline">{p.reference}</Link>
                </th>
                <td className="px-3 py-2">{p.person.givenName} {p.person.familyName}</td>
                <td className="px-3 py-2">{p.locality.name}{p.locality.rural ? ' (rural)' : ''}</td>
                <td className="px-3 py-2">{PATHWAY_LABEL[p.pathway]}{p.hospital ? ` · ${p.hospital.code}` : ''}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatHours(p.hours)}{p.doubleHanded ? ' (two carers)' : ''}</td>
                <td className="px-3 py-2">{STATUS_LABEL[p.status] ?? p.status}{p.openOffers ? ` · ${p.openOffers} open offer${p.openOffers === 1 ? '' : 's'}` : ''}</td>
                <td className="px-3 py-2">
                  {since ? <time dateTime={since.toISOString()} title={formatLondon(since)}>{formatDuration(now.getTime() - since.getTime())}</time> : 'Not posted'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
