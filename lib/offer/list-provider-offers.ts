import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TProviderActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';
import { londonDate } from '@/lib/time/london';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

/**
 * A provider's open offers, from every council it works for. Before award a provider sees no
 * name, date of birth, NHS number, address or notes: only what it needs to decide (locality,
 * postcode district, visits, hours, carers, skills, pathway, start date, deadline, rate). The person's fields
 * are never selected here, so they cannot leak into what is sent to the browser.
 */
export async function listProviderOffers(
  prisma: PrismaClient,
  actor: TProviderActor,
  now: Date,
  page: { after?: { deadline: Date; id: string }; take?: number } = {},
) {
  const after = page.after;
  const today = new Date(`${londonDate(now)}T00:00:00Z`);
  const offers = await prisma.offer.findMany({
    where: {
      providerId: actor.providerId,
      status: 'OFFERED',
      deadline: { gt: now },
      ...(after ? { OR: [{ deadline: { gt: after.deadline } }, { deadline: after.deadline, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
    take: page.take ?? 100,
    select: {
      id: true,
      deadline: true,
      hourlyRate: true,
      tier: true,
      package: {
        select: {
          reference: true,
          pathway: true,
          requiredSkills: true,
          council: { select: { name: true } },
          locality: { select: { name: true, rural: true } },
          visits: { where: visitsInForceWhere(now), select: { days: true, start: true, minutes: true, carers: true }, orderBy: { start: 'asc' } },
          person: { select: { postcode: true } },
          // When care starts: the earliest start among the lines not yet ended (a changed line ends and its new version goes on).
          serviceLines: {
            where: { OR: [{ endDate: null }, { endDate: { gt: today } }] },
            select: { startDate: true },
            orderBy: { startDate: 'asc' },
            take: 1,
          },
        },
      },
    },
  });
  return offers.map(({ package: pkg, ...offer }) => ({
    id: offer.id,
    deadline: offer.deadline,
    hourlyRate: Number(offer.hourlyRate),
    tier: offer.tier,
    reference: pkg.reference,
    council: pkg.council.name,
    pathway: pkg.pathway,
    locality: pkg.locality.name,
    rural: pkg.locality.rural,
    // The outward code only ("BD9"), never the full postcode.
    postcodeDistrict: pkg.person.postcode.trim().split(/\s+/)[0] ?? '',
    skills: pkg.requiredSkills,
    visits: pkg.visits,
    hours: carerHours(pkg.visits),
    /** The day care starts (YYYY-MM-DD), or null if the package has no line running. */
    startDate: pkg.serviceLines[0] ? pkg.serviceLines[0].startDate.toISOString().slice(0, 10) : null,
    carers: Math.max(1, ...pkg.visits.map((v) => v.carers)),
  }));
}
