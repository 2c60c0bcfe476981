import { ProviderContact } from '@/components/provider-contact';
import { OFFER_ANSWER_TEXT, type PACKAGE_STATUS_LABEL } from '@/lib/domain/labels';
import type { TNextStep } from '@/lib/package/preview-plan';
import { formatDay, formatLondon, shortLondon } from '@/lib/time/london';

type TContactable = { name: string; phone: string | null; email: string | null };
type TStatus = keyof typeof PACKAGE_STATUS_LABEL;
type TOfferStatus = keyof typeof OFFER_ANSWER_TEXT | 'OFFERED';
type TRoundOffer = { id: string; status: TOfferStatus; deadline: Date; provider: TContactable };

/** "Saffron Care Services is", "16 providers are": who the next round goes to, as a sentence's subject. */
function nextWho(next: TNextStep): string {
  if (next.kind === 'OPEN_MARKET') return 'it goes to the open market';
  if (next.kind === 'NOBODY') return 'nobody is left to ask and you will be told';
  const n = next.names.length;
  if (n === 1) return `${next.names[0]} is asked next`;
  if (n <= 3) return `${next.names.slice(0, -1).join(', ')} and ${next.names[n - 1]} are asked next`;
  return `${n} providers are asked next`;
}

/**
 * The top of a package's page: who has it, until when, and what happens next, so the broker
 * knows where it stands before any operation.
 */
export function PackageStatusPanel({
  status,
  now,
  roundOffers,
  offerRound,
  next,
  holder,
  heldSince,
  endedAt,
}: {
  status: TStatus;
  now: Date;
  roundOffers: TRoundOffer[];
  offerRound: number;
  next: TNextStep | null;
  holder: TContactable | null;
  heldSince: Date | null;
  endedAt: Date | null;
}) {
  const open = roundOffers.filter((o) => o.status === 'OFFERED');
  const deadline = open.length ? new Date(Math.min(...open.map((o) => o.deadline.getTime()))) : null;
  let headline: React.ReactNode;
  let then: string | null = null;
  switch (status) {
    case 'DRAFT':
      headline = 'Draft: not offered to anyone yet. Check who it would go to, then post it.';
      break;
    case 'OFFERING':
    case 'OPEN_MARKET':
      headline =
        open.length === 0 ? (
          status === 'OPEN_MARKET' ? (
            <>
              On the open market, with no offer open: nobody is left to ask.{' '}
              <a className="underline" href="#hand-offer">
                Offer it by hand
              </a>
              ,{' '}
              <a className="underline" href="#uplift">
                add an uplift
              </a>{' '}
              or{' '}
              <a className="underline" href="#change-request">
                change or split its visits
              </a>
              .
            </>
          ) : (
            'Between rounds: the next providers are being asked.'
          )
        ) : (
          <>
            {status === 'OPEN_MARKET' ? 'On the open market: offered' : 'Offered'} to{' '}
            {open.length === 1 ? open[0].provider.name : `${open.length} providers at once`}, waiting for an answer until{' '}
            <time dateTime={deadline!.toISOString()}>{shortLondon(deadline!, now)}</time>.
          </>
        );
      if (deadline && next) then = `If nobody accepts by ${shortLondon(deadline, now)}, ${nextWho(next)}.`;
      break;
    case 'PLACED':
    case 'IN_HOSPITAL':
      headline = holder ? (
        <>
          With {holder.name}
          {heldSince ? ` since ${formatDay(heldSince)}` : ''}
          {status === 'IN_HOSPITAL' ? ', holding it on a retainer while the person is in hospital' : ''}.
        </>
      ) : (
        'Placed.'
      );
      break;
    case 'ENDED':
      headline = `Ended${endedAt ? ` on ${formatDay(endedAt)}` : ''}.`;
      break;
    case 'CANCELLED':
      headline = `Cancelled${endedAt ? ` on ${formatDay(endedAt)}` : ''}.`;
      break;
  }
  return (
    <section aria-labelledby="where-it-stands" className="space-y-2 rounded-lg border-2 border-brand-700 bg-white p-4" data-testid="package-status">
      <h2 id="where-it-stands" className="text-lg font-semibold">
        Where it stands
      </h2>
      <p className="text-base font-medium">{headline}</p>
      {holder && (status === 'PLACED' || status === 'IN_HOSPITAL') ? <ProviderContact phone={holder.phone} email={holder.email} name={holder.name} /> : null}
      {then ? <p>{then}</p> : null}
      {roundOffers.length && (status === 'OFFERING' || status === 'OPEN_MARKET') ? (
        <div>
          <h3 className="font-semibold">Offers in round {offerRound}</h3>
          <ul className="mt-2 space-y-2" data-testid="round-offers">
            {roundOffers.map((o) => (
              <li key={o.id} className="rounded border border-slate-200 bg-white p-2">
                <span className="font-medium">{o.provider.name}</span>:{' '}
                {(o.status === 'OFFERED' ? undefined : OFFER_ANSWER_TEXT[o.status]) ?? `waiting, until ${formatLondon(o.deadline)}`}
                <ProviderContact phone={o.provider.phone} email={o.provider.email} name={o.provider.name} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
