import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { auditIdentity, recordAudit, type TAuditActor } from './record-audit';

// Every refused request is recorded: who (the person, or the API token and who made it), what they
// asked for, why it was refused and from where. A burst of the same refusal does not flood the
// trail: the first one in a minute for the same actor, request and address writes one
// "access.refused" audit event, and the rest only add to its count (AccessRefusal), which the
// audit search shows beside it. One line is logged for the same first refusal.

export const REFUSED = 'access.refused';

export type TRefusal = {
  /** Who asked: null when nobody was signed in or the API token was not recognised. */
  actor: TAuditActor | null;
  /** What they asked for: "POST /api/v1/packages", "action package:write", "page audit:search". */
  what: string;
  /** Why it was refused, as the caller was told: FORBIDDEN, NOT_FOUND or UNAUTHENTICATED. */
  code: string;
  ip: string;
};

/** The key of a refusal's minute: the same actor, request and address within one minute share it. */
export function refusalKey(refusal: TRefusal, at: Date): string {
  const who = auditIdentity(refusal.actor);
  const minute = at.toISOString().slice(0, 16);
  return [minute, who.actorId ?? '-', who.apiTokenId ?? '-', refusal.code, refusal.what, refusal.ip].join('|');
}

/** Records a refusal, counted into its minute. Never throws: a refusal must still be answered if this fails. */
export async function recordRefusal(prisma: PrismaClient, refusal: TRefusal, at: Date = new Date()): Promise<void> {
  const key = refusalKey(refusal, at);
  try {
    const first = await prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ first: boolean }[]>`
        INSERT INTO "AccessRefusal" ("key", "count", "lastAt") VALUES (${key}, 1, ${at})
        ON CONFLICT ("key") DO UPDATE SET "count" = "AccessRefusal"."count" + 1, "lastAt" = EXCLUDED."lastAt"
        RETURNING (xmax = 0) AS "first"`;
      if (row?.first) {
        await recordAudit(tx, refusal.actor, {
          action: REFUSED,
          entityType: 'Request',
          entityId: refusal.what.slice(0, 200),
          ip: refusal.ip,
          details: { code: refusal.code, what: refusal.what, refusal: key },
        });
      }
      return Boolean(row?.first);
    });
    if (first) {
      const who = auditIdentity(refusal.actor);
      console.warn(JSON.stringify({ at: at.toISOString(), message: 'access refused', code: refusal.code, what: refusal.what, ip: refusal.ip, ...who }));
    }
  } catch (error) {
    console.error(JSON.stringify({ at: at.toISOString(), message: 'access refused (not recorded)', what: refusal.what, ip: refusal.ip, error: String(error) }));
  }
}

/** How many times each refusal was repeated in its minute, by key. */
export async function refusalCounts(prisma: PrismaClient, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await prisma.accessRefusal.findMany({ where: { key: { in: [...keys] } }, select: { key: true, count: true } });
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** Whether an error code answers a refusal: not signed in, not allowed, or not theirs to see. */
export function isRefusal(code: string): boolean {
  return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'NOT_FOUND';
}
