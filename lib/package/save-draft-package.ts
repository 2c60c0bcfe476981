import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { recordedCreator } from '@/lib/auth/api-token';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZPackageDraftSchema, type TPackageDraft, type TPackageDraftInput } from './package-schema';
import { endAfter } from './line-dates';
import { duplicateError, findLiveOverlaps } from './duplicate-packages';

export type TSaveDraftInput = {
  /** Absent to create a draft; present to update one that is still a draft. */
  packageId?: string;
  /** With packageId: the version the broker loaded, so a save never overwrites someone else's. */
  expectedVersion?: number;
  draft: TPackageDraftInput;
  /** The draft is saved to be posted at once: refuse an unexplained second live package first. */
  posting?: boolean;
};

/** `personId` is the person the draft is for: a new person is recorded on the first save, and later saves name them. */
export type TSaveDraftResult = { id: string; reference: string; version: number; personId: string };

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Creates or updates a DRAFT package for the actor's council, with its visits and service lines,
 * in one transaction. References run per council ("BDC-000123"), from a counter row locked by its
 * own UPDATE, so two brokers saving at once get different numbers.
 */
export async function saveDraftPackage(prisma: PrismaClient, actor: TCouncilActor, input: TSaveDraftInput): Promise<TSaveDraftResult> {
  const { councilId } = actor;
  const draft = parseOrThrow(ZPackageDraftSchema, input.draft);
  try {
    return await prisma.$transaction(async (tx) => {
      await checkReferences(tx, councilId, draft);
      const personId = draft.personId ?? (await createPerson(tx, actor, councilId, draft));
      const fields = {
        personId,
        localityId: draft.localityId,
        pathway: draft.pathway,
        funding: draft.funding,
        icbSharePercent: draft.icbSharePercent ?? null,
        s117Aftercare: draft.s117Aftercare,
        clientContributionWeekly: draft.s117Aftercare ? null : (draft.clientContributionWeekly ?? null),
        financialAssessmentOn: draft.financialAssessmentOn ? new Date(`${draft.financialAssessmentOn}T00:00:00Z`) : null,
        hospitalId: draft.hospitalId ?? null,
        readyAt: draft.readyAt ? new Date(draft.readyAt) : null,
        preferredProviderId: draft.preferredProviderId ?? null,
        excludedProviderIds: draft.excludedProviderIds,
        requiredSkills: draft.requiredSkills,
        notes: draft.notes ?? null,
        duplicateReason: draft.duplicateReason ?? null,
      };
      // About to be posted: a second live package without a reason is refused before anything is
      // written, so the form keeps the draft as it was (posting checks again, holding the person).
      if (input.posting && draft.personId && !draft.duplicateReason) {
        const lines = draft.serviceLines.map((l) => ({ type: l.type, startDate: date(l.startDate), endDate: l.endDate ? endAfter(date(l.endDate)) : null }));
        const overlaps = await findLiveOverlaps(tx, councilId, draft.personId, input.packageId ?? null, lines);
        if (overlaps.length > 0) throw duplicateError(overlaps);
      }
      let id: string;
      let reference: string;
      let version: number;
      if (input.packageId === undefined) {
        reference = await nextReference(tx, councilId);
        // A package a council's system posts with an API token is the token's: its alerts go to the team (brokersFor).
        const created = await tx.package.create({ data: { councilId, reference, ...recordedCreator(actor), ...fields }, select: { id: true, version: true } });
        ({ id, version } = created);
      } else {
        const { count } = await tx.package.updateMany({
          where: { councilId, id: input.packageId, status: 'DRAFT', ...(input.expectedVersion !== undefined ? { version: input.expectedVersion } : {}) },
          data: { ...fields, version: { increment: 1 } },
        });
        if (count === 0) {
          const current = await tx.package.findFirst({ where: { councilId, id: input.packageId }, select: { status: true } });
          if (!current) throw new AppError('NOT_FOUND', 'That package could not be found.');
          if (current.status !== 'DRAFT') throw new AppError('CONFLICT', 'This package has been posted: change it from its page instead.');
          throw new AppError('CONFLICT', 'Someone else saved this draft first. Reload it to see their changes.');
        }
        const saved = await tx.package.findUniqueOrThrow({
          where: { councilId_id: { councilId, id: input.packageId } },
          select: { id: true, reference: true, version: true },
        });
        ({ id, reference, version } = saved);
        // Still a draft, so nothing was offered yet: its lines are replaced, not versioned.
        await tx.visit.deleteMany({ where: { councilId, packageId: id } });
        await tx.serviceLine.deleteMany({ where: { councilId, packageId: id } });
      }
      await tx.visit.createMany({
        data: draft.visits.map((v) => ({ councilId, packageId: id, days: v.days, start: v.start, minutes: v.minutes, carers: v.carers })),
      });
      const doubleHanded = draft.visits.some((v) => v.carers === 2);
      await tx.serviceLine.createMany({
        data: draft.serviceLines.map((l) => ({
          councilId,
          packageId: id,
          type: l.type,
          hoursPerWeek: l.hoursPerWeek,
          doubleHanded,
          startDate: date(l.startDate),
          endDate: l.endDate ? endAfter(date(l.endDate)) : null,
        })),
      });
      await recordAudit(tx, actor, {
        councilId,
        action: input.packageId === undefined ? 'package.draft-created' : 'package.draft-updated',
        entityType: 'Package',
        entityId: id,
        details: {
          reference,
          version,
          visits: draft.visits.length,
          serviceLines: draft.serviceLines.length,
          funding: draft.funding,
          icbSharePercent: draft.icbSharePercent ?? null,
          s117Aftercare: draft.s117Aftercare,
          clientContributionWeekly: draft.clientContributionWeekly ?? null,
          financialAssessmentOn: draft.financialAssessmentOn ?? null,
        },
      });
      return { id, reference, version, personId };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && String(error.meta?.target ?? error.message).includes('nhsNumber')) {
      throw new AppError('VALIDATION', 'A person with this NHS number is already recorded.', {
        'person.nhsNumber': ['A person with this NHS number is already recorded: choose them from the list'],
      });
    }
    throw error;
  }
}

/** Every id the draft names must belong to the actor's council (or be a provider it registers). */
async function checkReferences(tx: Prisma.TransactionClient, councilId: string, draft: TPackageDraft) {
  const errors: Record<string, string[]> = {};
  const [locality, hospital, person] = await Promise.all([
    tx.locality.findFirst({ where: { councilId, id: draft.localityId }, select: { id: true } }),
    draft.hospitalId ? tx.hospital.findFirst({ where: { councilId, id: draft.hospitalId }, select: { id: true } }) : null,
    draft.personId ? tx.person.findFirst({ where: { councilId, id: draft.personId }, select: { id: true } }) : null,
  ]);
  if (!locality) errors.localityId = ['Choose the locality from the list'];
  if (draft.hospitalId && !hospital) errors.hospitalId = ['Choose the hospital from the list'];
  if (draft.personId && !person) errors.personId = ['Choose the person from the list'];
  const providerIds = [...(draft.preferredProviderId ? [draft.preferredProviderId] : []), ...draft.excludedProviderIds];
  if (providerIds.length > 0) {
    const known = new Set(
      (await tx.councilProvider.findMany({ where: { councilId, providerId: { in: providerIds } }, select: { providerId: true } })).map((p) => p.providerId),
    );
    if (draft.preferredProviderId && !known.has(draft.preferredProviderId)) errors.preferredProviderId = ['Choose the preferred provider from the list'];
    if (draft.excludedProviderIds.some((id) => !known.has(id))) errors.excludedProviderIds = ['Choose providers to exclude from the list'];
  }
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION', undefined, errors);
}

async function createPerson(tx: Prisma.TransactionClient, actor: TCouncilActor, councilId: string, draft: TPackageDraft): Promise<string> {
  const p = draft.person!;
  const person = await tx.person.create({
    data: {
      councilId,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: date(p.dateOfBirth),
      nhsNumber: p.nhsNumber,
      addressLine1: p.addressLine1,
      addressLine2: p.addressLine2 || null,
      town: p.town,
      postcode: p.postcode,
      localityId: draft.localityId,
    },
    select: { id: true },
  });
  await recordAudit(tx, actor, { councilId, action: 'person.created', entityType: 'Person', entityId: person.id });
  return person.id;
}

/**
 * The council's next package reference. The counter row starts from the highest number already
 * used (seeded or imported packages), and its UPDATE holds the row until commit.
 */
async function nextReference(tx: Prisma.TransactionClient, councilId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ seq: number; code: string }[]>`
    INSERT INTO "CouncilSetting" ("councilId", "packageSeq", "updatedAt")
    VALUES (${councilId}::uuid, (
      SELECT COALESCE(max(substring("reference" from '(\\d+)$')::int), 0) + 1 FROM "Package" WHERE "councilId" = ${councilId}::uuid
    ), now())
    ON CONFLICT ("councilId") DO UPDATE SET "packageSeq" = "CouncilSetting"."packageSeq" + 1, "updatedAt" = now()
    RETURNING "packageSeq" AS seq, (SELECT "code" FROM "Council" WHERE "id" = ${councilId}::uuid) AS code`;
  return `${row.code}-${String(row.seq).padStart(6, '0')}`;
}
