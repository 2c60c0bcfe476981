import 'server-only';
import type { PrismaClient, ReablementOutcome } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { lastDayBefore } from '@/lib/package/line-dates';

export type TRecordedOutcome = {
  reference: string;
  outcome: ReablementOutcome;
  endDate: string | null;
  /** The long-term package this reablement was split from, which carries on alone. */
  handedBackTo: { reference: string; provider: string | null } | null;
  /** A long-term package is needed and the person has none yet. */
  startLongTerm: boolean;
};

/** The outcome just recorded for one of the council's reablement packages, to confirm it and say what comes next. */
export async function getRecordedOutcome(prisma: PrismaClient, actor: TCouncilActor, reference: string): Promise<TRecordedOutcome | null> {
  const { councilId } = actor;
  const pkg = await prisma.package.findUnique({
    where: { councilId_reference: { councilId, reference } },
    select: {
      reference: true,
      pathway: true,
      personId: true,
      reablementOutcome: true,
      endedAt: true,
      splitFrom: { select: { reference: true, placements: { where: { endedAt: null }, select: { provider: { select: { name: true } } } } } },
    },
  });
  if (!pkg || pkg.pathway !== 'REABLEMENT' || !pkg.reablementOutcome) return null;
  const longTerm =
    pkg.reablementOutcome === 'LONG_TERM_NEEDED'
      ? await prisma.package.count({ where: { councilId, personId: pkg.personId, pathway: 'LONG_TERM', status: { notIn: ['ENDED', 'CANCELLED'] } } })
      : 1;
  return {
    reference: pkg.reference,
    outcome: pkg.reablementOutcome,
    endDate: pkg.endedAt ? lastDayBefore(pkg.endedAt).toISOString().slice(0, 10) : null,
    handedBackTo: pkg.splitFrom ? { reference: pkg.splitFrom.reference, provider: pkg.splitFrom.placements[0]?.provider.name ?? null } : null,
    startLongTerm: longTerm === 0,
  };
}

/**
 * Where a long-term package after reablement starts from: the person (as the package form chooses
 * one) and the locality of one of the council's reablement packages, or null if there is none.
 */
export async function getLongTermStart(prisma: PrismaClient, actor: TCouncilActor, reablementReference: string) {
  const pkg = await prisma.package.findUnique({
    where: { councilId_reference: { councilId: actor.councilId, reference: reablementReference } },
    select: {
      reference: true,
      pathway: true,
      localityId: true,
      person: { select: { id: true, givenName: true, familyName: true, dateOfBirth: true, nhsNumber: true, postcode: true, localityId: true } },
    },
  });
  if (!pkg || pkg.pathway !== 'REABLEMENT') return null;
  return {
    after: pkg.reference,
    localityId: pkg.localityId,
    person: { ...pkg.person, dateOfBirth: pkg.person.dateOfBirth.toISOString().slice(0, 10) },
  };
}
