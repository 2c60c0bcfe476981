import 'server-only';
import type { PrismaClient, Referral } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import type { TPackageDraft, TPackageDraftInput } from '@/lib/package/package-schema';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { localityOfPostcode } from './locality-of-postcode';
import { ZTriageReferralSchema, type TTriageReferral } from './referral-schema';

// A broker's triage of a referral: accept it as a draft package for the person (their locality
// from the postcode where the council knows it), ask the referrer for more information, or reject
// it with a reason. The referrer reads the decision back through the API, and hears of it by
// webhook (the status change is the event).

const OPEN = ['RECEIVED', 'MORE_INFO'] as const;

const CLOSED = 'This referral has already been accepted or rejected. Reload the queue to see it.';

type TTriageResult = { status: Referral['status']; packageReference: string | null };

export async function triageReferral(prisma: PrismaClient, actor: TCouncilActor, input: TTriageReferral): Promise<TTriageResult> {
  const decision = parseOrThrow(ZTriageReferralSchema, input);
  const { councilId } = actor;
  const referral = await prisma.referral.findUnique({
    where: { councilId_id: { councilId, id: decision.referralId } },
    include: { person: { select: { postcode: true, localityId: true } } },
  });
  if (!referral) throw new AppError('NOT_FOUND', 'That referral could not be found.');
  if (decision.decision !== 'ACCEPT') {
    const status = decision.decision === 'REJECT' ? 'REJECTED' : 'MORE_INFO';
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.referral.updateMany({
        where: { councilId, id: referral.id, status: { in: [...OPEN] } },
        data: { status, decisionMessage: decision.message, decidedAt: new Date(), decidedById: actor.userId },
      });
      if (count === 0) throw new AppError('CONFLICT', CLOSED);
      await recordAudit(tx, actor, {
        councilId,
        action: `referral.${status === 'REJECTED' ? 'rejected' : 'more-info-asked'}`,
        entityType: 'Referral',
        entityId: referral.id,
      });
    });
    return { status, packageReference: null };
  }

  // Claimed first, so two brokers accepting at once make one draft, not two.
  const previous = referral.status;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.referral.updateMany({
      where: { councilId, id: referral.id, status: { in: [...OPEN] } },
      data: { status: 'ACCEPTED', decisionMessage: null, decidedAt: new Date(), decidedById: actor.userId },
    });
    if (count === 0) throw new AppError('CONFLICT', CLOSED);
    await recordAudit(tx, actor, { councilId, action: 'referral.accepted', entityType: 'Referral', entityId: referral.id });
  });
  try {
    const localityId = (await localityOfPostcode(prisma, councilId, referral.person.postcode)) ?? referral.person.localityId;
    const saved = await saveDraftPackage(prisma, actor, { draft: draftFromReferral(referral, localityId) });
    await prisma.$transaction(async (tx) => {
      await tx.referral.update({ where: { councilId_id: { councilId, id: referral.id } }, data: { packageId: saved.id } });
      await recordAudit(tx, actor, {
        councilId,
        action: 'referral.package-drafted',
        entityType: 'Referral',
        entityId: referral.id,
        details: { reference: saved.reference },
      });
    });
    return { status: 'ACCEPTED', packageReference: saved.reference };
  } catch (error) {
    // No draft, so not accepted: back in the queue as it was.
    await prisma.$transaction(async (tx) => {
      await tx.referral.updateMany({
        where: { councilId, id: referral.id, status: 'ACCEPTED', packageId: null },
        data: { status: previous, decidedAt: referral.decidedAt, decidedById: referral.decidedById, decisionMessage: referral.decisionMessage },
      });
      await recordAudit(tx, actor, { councilId, action: 'referral.accept-undone', entityType: 'Referral', entityId: referral.id });
    });
    throw error;
  }
}

/** The draft package a referral asks for: its person, visits and one line of the pathway's care. Pure. */
export function draftFromReferral(
  referral: Pick<Referral, 'personId' | 'pathway' | 'visits' | 'startDate' | 'notes' | 'referrerReference'>,
  localityId: string,
): TPackageDraftInput {
  const visits = referral.visits as TPackageDraft['visits'];
  const notes = [`From a referral${referral.referrerReference ? ` (their reference ${referral.referrerReference})` : ''}.`, referral.notes]
    .filter(Boolean)
    .join('\n');
  return {
    personId: referral.personId,
    localityId,
    pathway: referral.pathway === 'REABLEMENT' ? 'REABLEMENT' : 'LONG_TERM',
    visits,
    serviceLines: [
      {
        type: referral.pathway === 'REABLEMENT' ? 'REABLEMENT' : 'PERSONAL_CARE',
        hoursPerWeek: Math.round(carerHours(visits) * 100) / 100,
        startDate: referral.startDate.toISOString().slice(0, 10),
      },
    ],
    notes: notes.slice(0, 4000),
  };
}
