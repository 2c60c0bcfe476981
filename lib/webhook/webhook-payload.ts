import 'server-only';
import type { Prisma } from '@prisma/client';
import { carerHours } from '@/lib/domain/carer-hours';
import { getReferralForReferrer } from '@/lib/referral/list-referrals';
import type { TWebhookEvent } from './webhook-events';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

// What each event says. Offer events carry what a provider sees before award, and nothing
// personal: no name, date of birth, NHS number, address or notes, only the postcode district.
// Placement events go only to the provider placed (and the council), who now cares for the
// person, so they name the person.

type TDeliveryRow = { id: string; event: string; councilId: string; entityId: string; packageId: string | null; occurredAt: Date };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function packageSummary(tx: Prisma.TransactionClient, councilId: string, packageId: string) {
  const pkg = await tx.package.findUnique({
    where: { councilId_id: { councilId, id: packageId } },
    select: {
      reference: true,
      status: true,
      pathway: true,
      version: true,
      requiredSkills: true,
      locality: { select: { name: true } },
      visits: { where: visitsInForceWhere(new Date()), select: { days: true, start: true, minutes: true, carers: true }, orderBy: { start: 'asc' } },
      person: { select: { postcode: true } },
    },
  });
  if (!pkg) return null;
  return {
    reference: pkg.reference,
    status: pkg.status,
    version: pkg.version,
    pathway: pkg.pathway,
    locality: pkg.locality.name,
    // The outward code only ("BD9"), never the full postcode.
    postcodeDistrict: pkg.person.postcode.trim().split(/\s+/)[0] ?? '',
    requiredSkills: pkg.requiredSkills,
    visits: pkg.visits,
    carerHoursPerWeek: Math.round(carerHours(pkg.visits) * 100) / 100,
  };
}

async function offerData(tx: Prisma.TransactionClient, row: TDeliveryRow) {
  const offer = await tx.offer.findUnique({
    where: { councilId_id: { councilId: row.councilId, id: row.entityId } },
    select: { id: true, round: true, status: true, offeredAt: true, deadline: true, hourlyRate: true, providerId: true, packageId: true },
  });
  if (!offer) return null;
  return {
    offer: {
      id: offer.id,
      providerId: offer.providerId,
      round: offer.round,
      status: offer.status,
      offeredAt: offer.offeredAt.toISOString(),
      deadline: offer.deadline.toISOString(),
      hourlyRate: Number(offer.hourlyRate),
    },
    package: await packageSummary(tx, row.councilId, offer.packageId),
  };
}

async function placementData(tx: Prisma.TransactionClient, row: TDeliveryRow) {
  const placement = await tx.placement.findUnique({
    where: { councilId_id: { councilId: row.councilId, id: row.entityId } },
    select: {
      id: true,
      providerId: true,
      startedAt: true,
      endedAt: true,
      endReason: true,
      packageId: true,
      package: {
        select: {
          person: {
            select: {
              givenName: true,
              familyName: true,
              dateOfBirth: true,
              nhsNumber: true,
              addressLine1: true,
              addressLine2: true,
              town: true,
              postcode: true,
              phone: true,
            },
          },
        },
      },
    },
  });
  if (!placement) return null;
  const p = placement.package.person;
  return {
    placement: {
      id: placement.id,
      providerId: placement.providerId,
      startedAt: placement.startedAt.toISOString(),
      endedAt: placement.endedAt?.toISOString() ?? null,
      endReason: placement.endReason,
    },
    package: await packageSummary(tx, row.councilId, placement.packageId),
    person: {
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: day(p.dateOfBirth),
      nhsNumber: p.nhsNumber,
      addressLine1: p.addressLine1,
      addressLine2: p.addressLine2,
      town: p.town,
      postcode: p.postcode,
      phone: p.phone,
    },
  };
}

/** The JSON body of one delivery: the event, its id (the delivery's: the same on a retry or replay) and its data. */
export async function webhookBody(tx: Prisma.TransactionClient, row: TDeliveryRow): Promise<Prisma.InputJsonObject> {
  const event = row.event as TWebhookEvent;
  const council = await tx.council.findUnique({ where: { id: row.councilId }, select: { code: true, name: true } });
  let data: unknown = null;
  if (event === 'offer.made' || event === 'offer.withdrawn') data = await offerData(tx, row);
  else if (event === 'placement.awarded' || event === 'placement.changed' || event === 'placement.ended') data = await placementData(tx, row);
  else if (event === 'referral.status') {
    const view = await getReferralForReferrer(tx, row.councilId, row.entityId).catch(() => null);
    data = view ? { referral: view } : null;
  }
  return JSON.parse(JSON.stringify({ id: row.id, type: event, occurredAt: row.occurredAt.toISOString(), council, data })) as Prisma.InputJsonObject;
}
