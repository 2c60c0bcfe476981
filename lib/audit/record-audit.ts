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
  // One plain statement: this runs inside the busiest transactions (an acceptance holds its
  // package row while it writes), where a raw insert costs a fraction of a model query.
  const details = entry.details === undefined ? null : JSON.stringify(entry.details);
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("at", "councilId", "actorId", "actorRole", "action", "entityType", "entityId", "ip", "details")
    VALUES (${new Date()}, ${entry.councilId ?? actor?.councilId ?? null}::uuid, ${actor?.userId ?? null}::uuid, ${actor?.role ?? null}::"Role", ${entry.action},
      ${entry.entityType}, ${entry.entityId ?? null}, ${entry.ip ?? null}, ${details}::jsonb)`;
}
