import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';

// Who did what to which record, when and from where. The table is append-only in the database.

type Db = PrismaClient | Prisma.TransactionClient;

export type TAuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  councilId?: string | null;
  details?: Prisma.InputJsonValue;
  ip?: string | null;
};

export async function recordAudit(db: Db, actor: Pick<TActor, 'userId' | 'role' | 'councilId'> | null, entry: TAuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      councilId: entry.councilId ?? actor?.councilId ?? null,
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      ip: entry.ip ?? null,
      details: entry.details,
    },
  });
}
