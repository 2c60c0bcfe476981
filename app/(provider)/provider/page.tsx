import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getOwnProvider } from '@/lib/provider/get-own-provider';
import { formatHoursBrief } from '@/lib/format';
import { PATHWAY_LABEL } from '@/lib/domain/labels';
import { REABLEMENT_DAYS } from '@/lib/domain/reablement';
import { visitText } from '@/lib/domain/visit-text';
import { listProviderOffers } from '@/lib/offer/list-provider-offers';
import { formatDuration, formatWeekday, londonDate, shortLondon } from '@/lib/time/london';
import { OfferResponse } from './offer-response';

export const metadata = { title: 'Offers' };

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export default async function ProviderInbox() {
  const { actor, db } = await requirePageActor('offer:read-own');
  const now = new Date();
  const today = londonDate(now);
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
            <li
              key={o.id}
              id={`offer-${o.id}`}
              className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 target:ring-2 target:ring-brand-700"
              data-testid="offer"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  {o.reference} · {o.locality}
                  {o.rural ? ' (rural)' : ''} · {o.postcodeDistrict}
                </h2>
                <p className="text-sm">
                  Answer by <time dateTime={o.deadline.toISOString()}>{shortLondon(o.deadline, now)}</time> (
                  {formatDuration(o.deadline.getTime() - now.getTime())} left)
                </p>
              </div>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="font-medium">Care starts</dt>
                <dd>
                  {o.startDate && o.startDate > today ? formatWeekday(o.startDate) : 'As soon as possible'}
                  {o.pathway === 'REABLEMENT' ? `, for up to ${REABLEMENT_DAYS / 7} weeks` : ''}
                </dd>
                <dt className="font-medium">Care</dt>
                <dd>
                  {PATHWAY_LABEL[o.pathway]} for {o.council} · {formatHoursBrief(o.hours)} carer-hours a week · {o.carers === 2 ? 'two carers' : 'one carer'}
                </dd>
                <dt className="font-medium">Rate</dt>
                <dd>{pounds.format(o.hourlyRate)} an hour</dd>
                {o.skills.length ? (
                  <>
                    <dt className="font-medium">Needs</dt>
                    <dd>{o.skills.map((s) => s.toLowerCase().replace(/_/g, ' ')).join(', ')}</dd>
                  </>
                ) : null}
              </dl>
              <h3 className="mt-2 text-sm font-medium">Visits</h3>
              <ul className="text-sm">
                {o.visits.map((v, i) => (
                  <li key={i}>{visitText(v)}</li>
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
