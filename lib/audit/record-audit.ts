import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Prisma, PrismaClient, Role } from '@prisma/client';
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

/** Who an audit row names: a person, or an API token (lib/auth/api-token.ts) with the person who made it. */
export type TAuditActor = Pick<TActor, 'userId' | 'role' | 'councilId'> & {
  tokenId?: string;
  createdBy?: { userId: string; role: Role } | null;
};

/**
 * The person and the token an audit row names. A token acts as its own role, but the row names the
 * person who made it and their own role, beside the token, so a token never passes for someone else.
 */
export function auditIdentity(actor: TAuditActor | null): { actorId: string | null; actorRole: Role | null; apiTokenId: string | null } {
  if (!actor) return { actorId: null, actorRole: null, apiTokenId: null };
  if (actor.tokenId) return { actorId: actor.createdBy?.userId ?? null, actorRole: actor.createdBy?.role ?? null, apiTokenId: actor.tokenId };
  return { actorId: actor.userId, actorRole: actor.role, apiTokenId: null };
}

const requestAddress = new AsyncLocalStorage<string>();

/**
 * Runs a request's work knowing the address it came from (lib/auth/request-ip.ts): every audit row
 * it writes carries that address unless it names one itself. The action and route wrappers run
 * every handler this way, so no write they make is audited without its address.
 */
export function withRequestAddress<T>(ip: string, run: () => Promise<T>): Promise<T> {
  return requestAddress.run(ip, run);
}

/** The address of the request being handled, or null outside one (the worker, scripts). */
export function requestAddressNow(): string | null {
  return requestAddress.getStore() ?? null;
}

export async function recordAudit(db: Db, actor: TAuditActor | null, entry: TAuditEntry): Promise<void> {
  // One plain statement: this runs inside the busiest transactions (an acceptance holds its
  // package row while it writes), where a raw insert costs a fraction of a model query.
  const details = entry.details === undefined ? null : JSON.stringify(entry.details);
  const who = auditIdentity(actor);
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("at", "councilId", "actorId", "actorRole", "apiTokenId", "action", "entityType", "entityId", "ip", "details")
    VALUES (${new Date()}, ${entry.councilId ?? actor?.councilId ?? null}::uuid, ${who.actorId}::uuid, ${who.actorRole}::"Role", ${who.apiTokenId}::uuid,
      ${entry.action}, ${entry.entityType}, ${entry.entityId ?? null}, ${entry.ip ?? requestAddressNow()}, ${details}::jsonb)`;
}
