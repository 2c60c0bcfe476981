import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { likeLiteral } from '@/lib/person/search-people';
import { REFUSED, refusalCounts } from './record-refusal';

export const ZAuditSearchSchema = z.object({
  // A package reference ("BDC-000123") or part of a person's name: events about that package or person.
  about: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  actorEmail: z.string().trim().max(200).optional(),
  /** The address a request came from: the start of it ("10.1." finds 10.1.0.7). */
  ip: z.string().trim().max(64).optional(),
  from: z.iso.date('Enter a date like 2026-11-23').optional(),
  to: z.iso.date('Enter a date like 2026-11-23').optional(),
  page: z.coerce.number().int().min(1).default(1),
});
export type TAuditSearch = z.infer<typeof ZAuditSearchSchema>;

const PAGE = 50;

/** The admin's council's audit trail, newest first, filtered. */
export async function searchAudit(prisma: PrismaClient, actor: TCouncilActor, search: TAuditSearch) {
  const actorIds = search.actorEmail
    ? (await prisma.user.findMany({ where: { email: { contains: search.actorEmail.toLowerCase() } }, select: { id: true } })).map((u) => u.id)
    : undefined;
  const about = search.about?.trim() ? await aboutIds(prisma, actor.councilId, search.about.trim()) : undefined;
  const where: Prisma.AuditEventWhereInput = {
    councilId: actor.councilId,
    ...(about
      ? {
          OR: [
            { entityId: { in: about.ids } },
            // An event about a person that names the package it was opened from.
            ...about.references.map((reference) => ({ details: { path: ['package'], equals: reference } })),
          ],
        }
      : {}),
    ...(search.action ? { action: { contains: search.action } } : {}),
    ...(search.entityId ? { entityId: search.entityId } : {}),
    ...(actorIds ? { actorId: { in: actorIds } } : {}),
    ...(search.ip ? { ip: { startsWith: search.ip } } : {}),
    ...(search.from || search.to
      ? {
          at: {
            ...(search.from ? { gte: new Date(`${search.from}T00:00:00Z`) } : {}),
            ...(search.to ? { lt: new Date(new Date(`${search.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
  const [total, events] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: PAGE, skip: (search.page - 1) * PAGE }),
  ]);
  const users = await prisma.user.findMany({
    where: { id: { in: [...new Set(events.map((e) => e.actorId).filter((id): id is string => Boolean(id)))] } },
    select: { id: true, email: true },
  });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const names = await recordNames(prisma, actor.councilId, events);
  const keyOf = (e: (typeof events)[number]) =>
    e.action === REFUSED && e.details && typeof e.details === 'object' && 'refusal' in e.details ? String(e.details.refusal) : null;
  const counts = await refusalCounts(
    prisma,
    events.map(keyOf).filter((k): k is string => k !== null),
  );
  const tokenIds = [...new Set(events.map((e) => e.apiTokenId).filter((id): id is string => Boolean(id)))];
  const tokens = new Map(
    (await prisma.apiToken.findMany({ where: { id: { in: tokenIds }, councilId: actor.councilId }, select: { id: true, name: true, prefix: true } })).map(
      (t) => [t.id, `${t.name} (${t.prefix}…)`],
    ),
  );
  return {
    total,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    events: events.map((e) => ({
      ...e,
      id: e.id.toString(),
      actorEmail: e.actorId ? (emails.get(e.actorId) ?? null) : null,
      /** The record in words: a package's reference, a person's or provider's name; for a refusal, what was asked for. */
      record: e.entityType === 'Request' ? e.entityId : e.entityId ? (names.get(e.entityId) ?? null) : null,
      /** The API token the call was made with, by name. */
      token: e.apiTokenId ? (tokens.get(e.apiTokenId) ?? 'an API token') : null,
      /** How many times a refusal happened in its minute (1 for anything else). */
      times: keyOf(e) ? (counts.get(keyOf(e)!) ?? 1) : 1,
    })),
  };
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** The ids of the packages and people a search names (a reference, or words of a name), and the references of those packages. */
async function aboutIds(prisma: PrismaClient, councilId: string, about: string): Promise<{ ids: string[]; references: string[] }> {
  const words = about.split(/\s+/).filter(Boolean).map(likeLiteral);
  const [byReference, people] = await Promise.all([
    prisma.package.findMany({ where: { councilId, reference: { equals: about, mode: 'insensitive' } }, select: { id: true, reference: true, personId: true } }),
    prisma.person.findMany({
      where: {
        councilId,
        AND: words.map((w) => ({
          OR: [{ givenName: { contains: w, mode: 'insensitive' as const } }, { familyName: { contains: w, mode: 'insensitive' as const } }],
        })),
      },
      select: { id: true },
      take: 50,
    }),
  ]);
  const theirs = people.length
    ? await prisma.package.findMany({ where: { councilId, personId: { in: people.map((p) => p.id) } }, select: { id: true, reference: true } })
    : [];
  const packages = [...byReference, ...theirs];
  return {
    ids: [...new Set([...packages.map((p) => p.id), ...byReference.map((p) => p.personId), ...people.map((p) => p.id)])],
    references: [...new Set(packages.map((p) => p.reference))],
  };
}

/** Names for the records the events are about, read in one query per kind. */
async function recordNames(prisma: PrismaClient, councilId: string, events: readonly { entityType: string; entityId: string | null }[]) {
  const idsOf = (type: string) => [
    ...new Set(events.filter((e) => e.entityType === type && e.entityId && isUuid(e.entityId)).map((e) => e.entityId as string)),
  ];
  const [packages, people, providers] = await Promise.all([
    prisma.package.findMany({ where: { councilId, id: { in: idsOf('Package') } }, select: { id: true, reference: true } }),
    prisma.person.findMany({ where: { councilId, id: { in: idsOf('Person') } }, select: { id: true, givenName: true, familyName: true } }),
    prisma.provider.findMany({ where: { id: { in: idsOf('Provider') } }, select: { id: true, name: true } }),
  ]);
  return new Map<string, string>([
    ...packages.map((p) => [p.id, p.reference] as const),
    ...people.map((p) => [p.id, `${p.givenName} ${p.familyName}`] as const),
    ...providers.map((p) => [p.id, p.name] as const),
  ]);
}
