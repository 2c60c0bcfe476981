import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { TCouncilActor } from '@/lib/auth/permissions';

export const ZAuditSearchSchema = z.object({
  action: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  actorEmail: z.string().trim().max(200).optional(),
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
  const where: Prisma.AuditEventWhereInput = {
    councilId: actor.councilId,
    ...(search.action ? { action: { contains: search.action } } : {}),
    ...(search.entityId ? { entityId: search.entityId } : {}),
    ...(actorIds ? { actorId: { in: actorIds } } : {}),
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
  return {
    total,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    events: events.map((e) => ({ ...e, id: e.id.toString(), actorEmail: e.actorId ? (emails.get(e.actorId) ?? null) : null })),
  };
}
