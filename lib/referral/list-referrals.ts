import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { TDifference } from './receive-referral';
import type { TReferralBody } from './referral-schema';
import { matchConfidence, referralView, type TReferralView } from './referral-view';

/** One referral as its referrer sees it (GET /api/v1/referrals/{id}): status, decision, match, package. */
export async function getReferralForReferrer(db: PrismaClient | Prisma.TransactionClient, councilId: string, id: string): Promise<TReferralView> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await db.referral.findUnique({ where: { councilId_id: { councilId, id } } }) : null;
  if (!row) throw new AppError('NOT_FOUND', 'There is no such referral for your council.');
  const pkg = row.packageId ? await db.package.findUnique({ where: { councilId_id: { councilId, id: row.packageId } }, select: { reference: true } }) : null;
  return referralView({ ...row, packageReference: pkg?.reference ?? null });
}

/** How many referrals wait for triage (for the queue's heading on the broker home). */
const QUEUE_LIMIT = 50;

/**
 * The brokers' triage queue: referrals received or waiting for more information, oldest first,
 * each with the person it was matched to (or made for), how, with what confidence, and where the
 * referral's details differ from the record. Reading the queue is audited, as it shows people.
 */
export async function listTriageQueue(prisma: PrismaClient, actor: TCouncilActor, ip: string | null = null) {
  const { councilId } = actor;
  const where = { councilId, status: { in: ['RECEIVED' as const, 'MORE_INFO' as const] } };
  const [rows, total] = await Promise.all([
    prisma.referral.findMany({
      where,
      orderBy: { createdAt: 'asc' },
      take: QUEUE_LIMIT,
      include: { person: { select: { id: true, givenName: true, familyName: true, dateOfBirth: true, nhsNumber: true, postcode: true, externalId: true } } },
    }),
    prisma.referral.count({ where }),
  ]);
  const tokenIds = [...new Set(rows.map((r) => r.createdByTokenId).filter((t): t is string => t !== null))];
  const tokens = new Map(
    (await prisma.apiToken.findMany({ where: { id: { in: tokenIds }, councilId }, select: { id: true, name: true } })).map((t) => [t.id, t.name]),
  );
  if (rows.length > 0) {
    await recordAudit(prisma, actor, {
      councilId,
      action: 'person.viewed',
      entityType: 'Referral',
      ip,
      details: { from: 'referral queue', people: rows.map((r) => r.personId) },
    });
  }
  return {
    total,
    referrals: rows.map((r) => ({
      id: r.id,
      status: r.status,
      referrerReference: r.referrerReference,
      from: r.createdByTokenId ? (tokens.get(r.createdByTokenId) ?? 'API') : 'API',
      format: r.format,
      receivedAt: r.createdAt,
      matchedBy: r.matchedBy,
      confidence: matchConfidence(r.matchedBy),
      differences: r.differences as TDifference[],
      referredPerson: r.referredPerson as TReferralBody['person'],
      person: r.person,
      pathway: r.pathway,
      startDate: r.startDate,
      visits: r.visits as TReferralBody['care']['visits'],
      notes: r.notes,
      decisionMessage: r.decisionMessage,
    })),
  };
}
