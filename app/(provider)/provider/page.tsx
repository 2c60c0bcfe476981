import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getOwnProvider } from '@/lib/provider/get-own-provider';
import { formatHours } from '@/lib/format';
import { PATHWAY_LABEL } from '@/lib/domain/labels';
import { listProviderOffers } from '@/lib/offer/list-provider-offers';
import { formatDuration, formatLondon } from '@/lib/time/london';
import { OfferResponse } from './offer-response';

export const metadata = { title: 'Offers' };

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export default async function ProviderInbox() {
  const { actor, db } = await requirePageActor('offer:read-own');
  const now = new Date();
  const [provider, offers] = await Promise.all([getOwnProvider(db, actor), listProviderOffers(db, actor, now)]);
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Offers for {provider.name}</h1>
      <p className="text-slate-700">Packages offered to you, soonest deadline first. The person’s details are shown once a package is awarded to you.</p>
      {offers.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No open offers just now. New offers appear here and you will be told.</p>
      ) : (
        <ul className="space-y-3">
          {offers.map((o) => (
            <li key={o.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="offer">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  {o.reference} · {o.locality}
                  {o.rural ? ' (rural)' : ''} · {o.postcodeDistrict}
                </h2>
                <p className="text-sm">
                  Respond within{' '}
                  <time dateTime={o.deadline.toISOString()} title={formatLondon(o.deadline)}>
                    {formatDuration(o.deadline.getTime() - now.getTime())}
                  </time>
                </p>
              </div>
              <p className="text-sm text-slate-700">
                {o.council} · {PATHWAY_LABEL[o.pathway]} · {formatHours(o.hours)} hours a week · {o.carers === 2 ? 'two carers' : 'one carer'} ·{' '}
                {pounds.format(o.hourlyRate)} an hour
                {o.skills.length ? ` · needs ${o.skills.join(', ').toLowerCase().replace(/_/g, ' ')}` : ''}
              </p>
              <ul className="mt-2 text-sm">
                {o.visits.map((v, i) => (
                  <li key={i}>
                    {v.days.join(' ')} at {v.start} for {v.minutes} minutes{v.carers === 2 ? ', two carers' : ''}
                  </li>
                ))}
              </ul>
              <OfferResponse offerId={o.id} reference={o.reference} hours={o.hours} startDate={o.startDate} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
