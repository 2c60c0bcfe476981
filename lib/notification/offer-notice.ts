import 'server-only';
import type { Pathway } from '@prisma/client';
import { carerHours } from '@/lib/domain/carer-hours';
import { REABLEMENT_DAYS } from '@/lib/domain/reablement';
import { visitText } from '@/lib/domain/visit-text';
import { formatHoursBrief } from '@/lib/format';
import { formatLondon, formatShortWeekday, londonDate } from '@/lib/time/london';
import type { TNotification } from './notify';

// What a provider is told of an offer, in the bell and by email: when care starts (and, for
// reablement, for how long), the visits, carers, rate and the deadline, with a link straight to
// the offer. Nothing that identifies the person before award: no name, address, date of birth or
// NHS number, only the package reference and the locality.

export type TOfferNoticePackage = {
  councilId: string;
  reference: string;
  pathway: Pathway;
  locality: { name: string };
  visits: readonly { days: readonly string[]; start: string; minutes: number; carers: number }[];
  serviceLines: readonly { startDate: Date; endDate: Date | null }[];
};

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** The day care starts: the earliest start among the lines still running on `today` (YYYY-MM-DD), or null. */
function startDay(pkg: TOfferNoticePackage, today: string): string | null {
  const running = pkg.serviceLines
    .filter((l) => l.endDate === null || l.endDate.toISOString().slice(0, 10) > today)
    .map((l) => l.startDate.toISOString().slice(0, 10));
  return running.length ? running.sort()[0] : null;
}

/** "7 carer-hours a week in City A, from Sat 5 Dec, for up to 6 weeks. Every day, 08:00, 30 minutes, one carer. £21.50 an hour. Reply by 7 Dec 2026, 16:00." */
export function offerSummary(pkg: TOfferNoticePackage, offer: { hourlyRate: number; deadline: Date }, now: Date): string {
  const start = startDay(pkg, londonDate(now));
  const from = start && start > londonDate(now) ? `, from ${formatShortWeekday(start)}` : ', starting as soon as possible';
  const length = pkg.pathway === 'REABLEMENT' ? `, for up to ${REABLEMENT_DAYS / 7} weeks` : '';
  const visits = pkg.visits.map((v) => `${visitText(v)}.`).join(' ');
  const hours = carerHours(pkg.visits);
  return `${formatHoursBrief(hours)} carer-hour${hours === 1 ? '' : 's'} a week in ${pkg.locality.name}${from}${length}. ${visits} ${pounds.format(offer.hourlyRate)} an hour. Reply by ${formatLondon(offer.deadline)}.`;
}

/** The notice for one provider's offer. `lead` opens the body ("The council offers you this package directly."). */
export function offerNotice(
  pkg: TOfferNoticePackage,
  offer: { id: string; providerId: string; hourlyRate: number; deadline: Date },
  text: { title: string; lead?: string },
  now: Date,
): TNotification {
  return {
    councilId: pkg.councilId,
    recipient: { providerId: offer.providerId },
    kind: 'OFFER_RECEIVED',
    title: text.title,
    body: `${text.lead ? `${text.lead} ` : ''}${offerSummary(pkg, offer, now)}`,
    link: `/provider#offer-${offer.id}`,
    offerId: offer.id,
  };
}

/**
 * A reminder of an offer the provider already holds: who at the council is waiting, the package
 * reference and locality (nothing personal), when the offer closes, and a link straight to it.
 */
export function offerReminder(
  pkg: { councilId: string; reference: string; locality: { name: string } },
  offer: { id: string; providerId: string; deadline: Date },
  text: { title: string; who: string },
): TNotification {
  return {
    councilId: pkg.councilId,
    recipient: { providerId: offer.providerId },
    kind: 'OFFER_RECEIVED',
    title: text.title,
    body: `${text.who} waiting for your answer on ${pkg.reference} in ${pkg.locality.name}. Reply by ${formatLondon(offer.deadline)}.`,
    link: `/provider#offer-${offer.id}`,
    offerId: offer.id,
  };
}
