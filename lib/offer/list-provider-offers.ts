import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TProviderActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';

/**
 * A provider's open offers, from every council it works for. Before award a provider sees no
 * name, date of birth, NHS number, address or notes: only what it needs to decide (locality,
 * postcode district, visits, hours, carers, skills, pathway, deadline, rate). The person's fields
 * are never selected here, so they cannot leak into what is sent to the browser.
 */
export async function listProviderOffers(
  prisma: PrismaClient,
  actor: TProviderActor,
  now: Date,
  page: { after?: { deadline: Date; id: string }; take?: number } = {},
) {
  const after = page.after;
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
          visits: { select: { days: true, start: true, minutes: true, carers: true }, orderBy: { start: 'asc' } },
          person: { select: { postcode: true } },
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
    carers: Math.max(1, ...pkg.visits.map((v) => v.carers)),
  }));
}
