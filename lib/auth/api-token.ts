import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken, PrismaClient, Role } from '@prisma/client';
import type pg from 'pg';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { poolOf } from '@/lib/database/client';
import { AppError } from '@/lib/errors/app-error';
import { TOKEN_CHANNEL, TokenCache } from './api-token-cache';
import { actorFromIdentity, PERMISSIONS, type Permission, type TActor } from './permissions';

// API tokens let a council's or a provider's own systems call /api/v1. The token is shown once;
// only its SHA-256 is stored (it is 256 random bits, so a fast hash is enough). A token acts as a
// role within one council (or one provider) and only for the permissions it was given.

export const TOKEN_PREFIX = 'hf_';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A token's actor: its role and scopes, and the person who made it, whom the audit trail names beside the token. */
export type TTokenActor = TActor & { tokenId: string; scopes: Permission[]; createdBy: { userId: string; role: Role } | null };

const ROLES_FOR_COUNCIL_TOKENS = ['BROKER', 'BEST', 'COMMISSIONER'] as const satisfies readonly Role[];

export const ZCreateApiTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the token a name').max(80, 'Name must be 80 characters or fewer'),
    // A council administrator chooses the role; a provider's token always acts for the provider.
    role: z.enum([...ROLES_FOR_COUNCIL_TOKENS, 'PROVIDER'], 'Choose what the token acts as'),
    scopes: z.array(z.string()).min(1, 'Choose at least one permission'),
    expiresInDays: z.coerce.number().int().min(1, 'Between 1 and 365 days').max(365, 'Between 1 and 365 days'),
  })
  .superRefine((v, ctx) => {
    const allowed = permissionsOf(v.role);
    for (const scope of v.scopes) {
      if (!allowed.includes(scope as Permission))
        ctx.addIssue({ code: 'custom', path: ['scopes'], message: `A ${v.role.toLowerCase()} token cannot have ${scope}` });
    }
  });

/** The permissions a role holds, less those that only make sense for a person at a screen. */
export function permissionsOf(role: Role): Permission[] {
  const personal: Permission[] = ['account:manage', 'notification:read', 'provider-user:manage', 'webhook:manage'];
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => !personal.includes(p) && (PERMISSIONS[p] as readonly Role[]).includes(role));
}

/**
 * The scopes a token may use: those its maker holds themselves (as their role is now). A token
 * never carries a permission its maker lacks, so an administrator, who cannot read people's
 * records, cannot make a token that does.
 */
export function scopesWithin(scopes: readonly string[], creatorRole: Role | null): Permission[] {
  return scopes.filter(
    (s): s is Permission => s in PERMISSIONS && (creatorRole === null || (PERMISSIONS[s as Permission] as readonly Role[]).includes(creatorRole)),
  );
}

/**
 * Who a record an actor makes is recorded as made by: the person, or for a call with an API token,
 * the token (never the person who made the token, who did not make the record).
 */
export function recordedCreator(actor: TActor): { createdById: string | null; createdByTokenId: string | null } {
  const tokenId = 'tokenId' in actor && typeof actor.tokenId === 'string' ? actor.tokenId : null;
  return tokenId ? { createdById: null, createdByTokenId: tokenId } : { createdById: actor.userId, createdByTokenId: null };
}

/** Who a new token may act for: a council administrator's council, or a provider manager's organisation. */
function tokenOwner(actor: TActor, role: Role): { councilId: string } | { providerId: string } {
  if (actor.role === 'ADMIN' && role !== 'PROVIDER') return { councilId: actor.councilId };
  if (actor.role === 'PROVIDER' && actor.providerManager && role === 'PROVIDER') return { providerId: actor.providerId };
  throw new AppError('FORBIDDEN');
}

/** The tokens an actor manages, as a filter: their council's, or their provider's. */
function ownedTokensWhere(actor: TActor) {
  if (actor.role === 'ADMIN') return { councilId: actor.councilId };
  if (actor.role === 'PROVIDER' && actor.providerManager) return { providerId: actor.providerId };
  return { id: { in: [] as string[] } };
}

export async function createApiToken(prisma: PrismaClient, actor: TActor, input: z.infer<typeof ZCreateApiTokenSchema>, ip: string, now = new Date()) {
  const owner = tokenOwner(actor, input.role);
  const beyond = input.scopes.filter((scope) => scopesWithin([scope], actor.role).length === 0);
  if (beyond.length > 0) {
    throw new AppError('VALIDATION', 'Check the highlighted fields.', {
      scopes: [`A token cannot have a permission you do not have yourself: ${beyond.join(', ')}`],
    });
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        role: input.role,
        ...owner,
        scopes: input.scopes,
        createdById: actor.userId,
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'api-token.created',
      entityType: 'ApiToken',
      entityId: created.id,
      ip,
      details: { role: input.role, scopes: input.scopes },
    });
    return created;
  });
  return { id: row.id, token };
}

export async function revokeApiToken(prisma: PrismaClient, actor: TActor, tokenId: string, ip: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null, ...ownedTokensWhere(actor) }, data: { revokedAt: new Date() } });
    if (count === 0) throw new AppError('NOT_FOUND', 'That is not one of your live tokens.');
    await recordAudit(tx, actor, { action: 'api-token.revoked', entityType: 'ApiToken', entityId: tokenId, ip });
    // Every process forgets it when this commits; this one at once. Unlike a notice's announcement,
    // this NOTIFY stays inside the transaction: it goes if and only if the revocation commits, where
    // one lost after the commit would leave the token usable from another process's memory.
    await tx.$queryRaw`SELECT pg_notify(${TOKEN_CHANNEL}, ${tokenId})::text`;
  });
  cacheFor(poolOf(prisma)).drop(tokenId);
}

export async function listApiTokens(prisma: PrismaClient, actor: TActor) {
  return prisma.apiToken.findMany({
    where: ownedTokensWhere(actor),
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: { id: true, name: true, prefix: true, role: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

type TTokenRow = Pick<ApiToken, 'id' | 'name' | 'prefix' | 'role' | 'councilId' | 'providerId' | 'scopes' | 'createdById'> & {
  creatorRole: Role | null;
  stale: boolean;
  expiresAtMs: number | null;
};

// Named, so each connection plans them once.
const TOKEN_LOOKUP = {
  name: 'api-token-actor',
  text: `SELECT t."id", t."name", t."prefix", t."role"::text AS "role", t."councilId", t."providerId", t."scopes", t."createdById",
           u."role"::text AS "creatorRole",
           (t."lastUsedAt" IS NULL OR t."lastUsedAt" < $2::timestamp(3) - interval '1 minute') AS "stale",
           (EXTRACT(epoch FROM t."expiresAt") * 1000)::float8 AS "expiresAtMs"
         FROM "ApiToken" t LEFT JOIN "User" u ON u."id" = t."createdById"
         WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > $2::timestamp(3))`,
};
const TOKEN_USED = { name: 'api-token-used', text: 'UPDATE "ApiToken" SET "lastUsedAt" = $2::timestamp(3) WHERE "id" = $1::uuid' };

/** One cache per database (a process may hold clients for several, as tests do). */
const caches = new WeakMap<pg.Pool, TokenCache<TTokenActor>>();

function cacheFor(pool: pg.Pool): TokenCache<TTokenActor> {
  let cache = caches.get(pool);
  if (!cache) caches.set(pool, (cache = new TokenCache<TTokenActor>(pool.options.connectionString)));
  return cache;
}

/** The actor a bearer token stands for, or null when it is unknown, revoked or expired. */
export async function actorFromApiToken(prisma: PrismaClient, token: string, now = new Date()): Promise<TTokenActor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  // Every API call starts here. A token this process looked up in the last minute is known
  // (api-token-cache.ts); otherwise one indexed read, on the client's own connections without
  // the Prisma client's per-query work (poolOf), and a write only when "last used" is more than a
  // minute old. Times are compared in the database, in the UTC the columns hold.
  const pool = poolOf(prisma);
  const cache = cacheFor(pool);
  const hash = hashToken(token);
  const known = cache.get(hash, now.getTime());
  if (known) return known;
  const mark = cache.mark();
  const at = now.toISOString();
  const { rows } = await pool.query<TTokenRow>(TOKEN_LOOKUP, [hash, at]);
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await pool.query(TOKEN_USED, [row.id, at]);
  const identity = actorFromIdentity(
    { userId: row.createdById ?? row.id, email: `token:${row.prefix}`, name: row.name, mfaEnabled: true },
    { ...row, providerManager: false },
  );
  // A token whose role and owner disagree acts for no one.
  if (!identity) return null;
  const actor: TTokenActor = {
    ...identity,
    tokenId: row.id,
    // A token made before its maker lost a permission (or by an administrator before this rule) loses it too.
    scopes: scopesWithin(row.scopes, row.creatorRole),
    createdBy: row.createdById && row.creatorRole ? { userId: row.createdById, role: row.creatorRole } : null,
  };
  cache.keep(mark, hash, row.id, actor, now.getTime(), row.expiresAtMs);
  return actor;
}
