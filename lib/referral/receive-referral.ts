import 'server-only';
import { Prisma, type PrismaClient, type ReferralMatch } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { recordedCreator } from '@/lib/auth/api-token';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { localityOfPostcode } from './locality-of-postcode';
import type { TReferralBody } from './referral-schema';
import { referralView, type TReferralView } from './referral-view';

// A referral from the council's social-care record: the person is found by NHS number, or else by
// the record's own id, and otherwise recorded new; the referral waits in the brokers' triage queue.
// Where the referral's details differ from the person on record, the differences are kept for the
// broker to see beside the match.

export type TDifference = { field: 'givenName' | 'familyName' | 'dateOfBirth' | 'postcode' | 'nhsNumber' | 'externalId'; referral: string; record: string };

type TRecordPerson = { id: string; givenName: string; familyName: string; dateOfBirth: Date; postcode: string; nhsNumber: string; externalId: string | null };

const same = (a: string, b: string) => a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Where a referral's person differs from the person on record. Pure. */
export function differencesFrom(referred: TReferralBody['person'], record: TRecordPerson): TDifference[] {
  const out: TDifference[] = [];
  const check = (field: TDifference['field'], referral: string | undefined, value: string | null) => {
    if (referral !== undefined && value !== null && !same(referral, value)) out.push({ field, referral, record: value });
  };
  check('givenName', referred.givenName, record.givenName);
  check('familyName', referred.familyName, record.familyName);
  check('dateOfBirth', referred.dateOfBirth, day(record.dateOfBirth));
  check('postcode', referred.postcode, record.postcode);
  check('nhsNumber', referred.nhsNumber, record.nhsNumber);
  check('externalId', referred.externalId, record.externalId);
  return out;
}

const PERSON_FIELDS = { id: true, givenName: true, familyName: true, dateOfBirth: true, postcode: true, nhsNumber: true, externalId: true } as const;

export async function receiveReferral(prisma: PrismaClient, actor: TCouncilActor, body: TReferralBody, format: 'JSON' | 'FHIR'): Promise<TReferralView> {
  // Two referrals for one new person at the same moment: the second's insert of the person fails
  // on the NHS number, and its second try finds the person the first recorded.
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction((tx) => receiveIn(tx, actor, body, format));
    } catch (error) {
      if (attempt < 2 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue;
      throw error;
    }
  }
}

async function receiveIn(tx: Prisma.TransactionClient, actor: TCouncilActor, body: TReferralBody, format: 'JSON' | 'FHIR'): Promise<TReferralView> {
  const { councilId } = actor;
  const { person: referred, care } = body;
  const [byNhs, byExternal] = await Promise.all([
    referred.nhsNumber ? tx.person.findUnique({ where: { councilId_nhsNumber: { councilId, nhsNumber: referred.nhsNumber } }, select: PERSON_FIELDS }) : null,
    referred.externalId
      ? tx.person.findUnique({ where: { councilId_externalId: { councilId, externalId: referred.externalId } }, select: PERSON_FIELDS })
      : null,
  ]);
  if (byNhs && byExternal && byNhs.id !== byExternal.id) {
    throw new AppError('VALIDATION', 'The NHS number and the record id belong to two different people here.', {
      'person.externalId': ['This record id belongs to a different person from the NHS number: check both'],
    });
  }
  let personId: string;
  let matchedBy: ReferralMatch;
  let differences: TDifference[] = [];
  const found = byNhs ?? byExternal;
  if (found) {
    personId = found.id;
    matchedBy = byNhs ? 'NHS_NUMBER' : 'EXTERNAL_ID';
    differences = differencesFrom(referred, found);
    // The record's id is learnt the first time the person is referred with it.
    if (referred.externalId && found.externalId === null && !byExternal) {
      await tx.person.update({ where: { councilId_id: { councilId, id: found.id } }, data: { externalId: referred.externalId } });
      await recordAudit(tx, actor, {
        councilId,
        action: 'person.external-id-set',
        entityType: 'Person',
        entityId: found.id,
        details: { externalId: referred.externalId },
      });
      differences = differences.filter((d) => d.field !== 'externalId');
    }
  } else {
    if (!referred.nhsNumber) {
      throw new AppError('VALIDATION', 'No one here has this record id: send the person’s NHS number too.', {
        'person.nhsNumber': ['Give the NHS number: no one is recorded with this record id yet'],
      });
    }
    const localityId = await localityOfPostcode(tx, councilId, referred.postcode);
    if (!localityId) {
      throw new AppError('VALIDATION', 'The postcode is not in any of the council’s localities.', {
        'person.postcode': ['This postcode is not in any of the council’s localities: check it'],
      });
    }
    const created = await tx.person.create({
      data: {
        councilId,
        givenName: referred.givenName,
        familyName: referred.familyName,
        dateOfBirth: new Date(`${referred.dateOfBirth}T00:00:00Z`),
        nhsNumber: referred.nhsNumber,
        externalId: referred.externalId ?? null,
        addressLine1: referred.addressLine1,
        addressLine2: referred.addressLine2 || null,
        town: referred.town,
        postcode: referred.postcode,
        phone: referred.phone || null,
        localityId,
      },
      select: { id: true },
    });
    personId = created.id;
    matchedBy = 'NEW_PERSON';
    await recordAudit(tx, actor, { councilId, action: 'person.created', entityType: 'Person', entityId: personId, details: { from: 'referral' } });
  }
  const { createdById, createdByTokenId } = recordedCreator(actor);
  const referral = await tx.referral.create({
    data: {
      councilId,
      personId,
      referrerReference: body.referrerReference ?? null,
      format,
      matchedBy,
      differences,
      referredPerson: referred,
      pathway: care.pathway,
      startDate: new Date(`${care.startDate}T00:00:00Z`),
      visits: care.visits,
      notes: care.notes ?? null,
      createdById,
      createdByTokenId,
    },
  });
  await recordAudit(tx, actor, {
    councilId,
    action: 'referral.received',
    entityType: 'Referral',
    entityId: referral.id,
    details: { format, matchedBy, differences: differences.map((d) => d.field) },
  });
  return referralView({ ...referral, packageReference: null });
}
