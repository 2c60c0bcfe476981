import 'server-only';
import type { PrismaClient, Role } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';
import { AppError } from '@/lib/errors/app-error';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

/** How many of the latest openings of the record its page reads, grouped by who opened it from where. */
const OPENINGS = 500;

type TOpening = { at: Date; actorId: string | null; actorRole: Role | null; ip: string | null };

/** Openings grouped by who opened the record from where, latest first: a broker working a package opens it many times a day. */
function openedBy(openings: readonly TOpening[]) {
  const groups = new Map<string, { actorId: string | null; role: Role | null; ip: string | null; last: Date; first: Date; times: number }>();
  for (const o of openings) {
    const key = `${o.actorId}|${o.actorRole}|${o.ip}`;
    const group = groups.get(key);
    if (group) {
      group.times++;
      group.first = o.at;
    } else groups.set(key, { actorId: o.actorId, role: o.actorRole, ip: o.ip, last: o.at, first: o.at, times: 1 });
  }
  return [...groups.values()];
}

/**
 * One person's whole record as council staff see it: their details, every package of theirs,
 * past and present (placed and ended ones included), each with its status, provider and, for
 * reablement, its outcome, their
 * hospital stays, the calls made about their packages, and who has opened their record lately.
 * Opening it is itself recorded (who, when, from where). Another council's person, or an id that
 * is not one, is not found.
 */
export async function getPersonRecord(prisma: PrismaClient, actor: TCouncilActor, personId: string, ip: string) {
  const { councilId } = actor;
  if (!z.uuid().safeParse(personId).success) throw new AppError('NOT_FOUND', 'There is no such person in your council.');
  const person = await prisma.person.findUnique({
    where: { councilId_id: { councilId, id: personId } },
    include: { locality: { select: { name: true } } },
  });
  if (!person) throw new AppError('NOT_FOUND', 'There is no such person in your council.');
  await recordAudit(prisma, actor, { action: 'person.viewed', entityType: 'Person', entityId: person.id, ip, details: { from: 'person page' } });

  const packages = await prisma.package.findMany({
    where: { councilId, personId },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      reference: true,
      pathway: true,
      status: true,
      createdAt: true,
      postedAt: true,
      placedAt: true,
      endedAt: true,
      cancelledAt: true,
      reablementOutcome: true,
      reablementOutcomeNote: true,
      locality: { select: { name: true } },
      visits: { where: visitsInForceWhere(new Date()), select: { days: true, minutes: true, carers: true } },
      placements: { orderBy: { startedAt: 'desc' }, take: 1, select: { endedAt: true, provider: { select: { name: true } } } },
    },
  });
  const ids = packages.map((p) => p.id);
  const referenceOf = new Map(packages.map((p) => [p.id, p.reference]));
  const [stays, calls, openings] = await Promise.all([
    prisma.hospitalStay.findMany({ where: { councilId, packageId: { in: ids } }, orderBy: { admittedOn: 'desc' } }),
    prisma.phoneContact.findMany({ where: { councilId, packageId: { in: ids } }, orderBy: { at: 'desc' }, take: 50 }),
    prisma.auditEvent.findMany({
      where: { councilId, entityType: 'Person', entityId: personId, action: 'person.viewed' },
      orderBy: { id: 'desc' },
      take: OPENINGS,
      select: { at: true, actorId: true, actorRole: true, ip: true },
    }),
  ]);
  const providerIds = [...new Set([...stays.map((s) => s.providerId), ...calls.flatMap((c) => (c.providerId ? [c.providerId] : []))])];
  const userIds = [...new Set([...calls.map((c) => c.userId), ...openings.flatMap((o) => (o.actorId ? [o.actorId] : []))])];
  const [providers, users] = await Promise.all([
    prisma.provider.findMany({ where: { id: { in: providerIds } }, select: { id: true, name: true } }),
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  return {
    person,
    packages: packages.map((p) => {
      const last = p.placements[0];
      return {
        reference: p.reference,
        pathway: p.pathway,
        status: p.status,
        locality: p.locality.name,
        hours: carerHours(p.visits),
        since: p.placedAt ?? p.postedAt ?? p.createdAt,
        endedAt: p.endedAt ?? p.cancelledAt,
        provider: last ? { name: last.provider.name, current: last.endedAt === null } : null,
        reablementOutcome: p.reablementOutcome,
        reablementOutcomeNote: p.reablementOutcomeNote,
      };
    }),
    stays: stays.map((s) => ({ ...s, reference: referenceOf.get(s.packageId) ?? '', provider: providerName.get(s.providerId) ?? '' })),
    calls: calls.map((c) => ({
      at: c.at,
      outcome: c.outcome,
      notes: c.notes,
      reference: referenceOf.get(c.packageId) ?? '',
      provider: c.providerId ? (providerName.get(c.providerId) ?? '') : null,
      by: userName.get(c.userId) ?? '',
    })),
    openings: openedBy(openings).map((o) => ({ ...o, by: o.actorId ? (userName.get(o.actorId) ?? '') : '' })),
  };
}

/** A person of the actor's council as the new-package form starts with them (from their page), or null. */
export async function getPersonForNewPackage(prisma: PrismaClient, actor: TCouncilActor, personId: string) {
  if (!z.uuid().safeParse(personId).success) return null;
  const person = await prisma.person.findUnique({
    where: { councilId_id: { councilId: actor.councilId, id: personId } },
    select: { id: true, givenName: true, familyName: true, dateOfBirth: true, nhsNumber: true, postcode: true, localityId: true },
  });
  return person && { localityId: person.localityId, person: { ...person, dateOfBirth: person.dateOfBirth.toISOString().slice(0, 10) } };
}
