import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor, TPlatformActor } from '@/lib/auth/permissions';
import { createCouncil } from '@/lib/council/create-council';
import { getGeography } from '@/lib/geography/get-geography';
import { deleteHospital, saveHospital } from '@/lib/geography/save-hospital';
import { deleteLocality, saveLocality } from '@/lib/geography/save-locality';
import { saveStepArea } from '@/lib/geography/save-step-area';
import { deleteWard, saveWard } from '@/lib/geography/save-ward';
import { postPackage } from '@/lib/package/post-package';
import { previewCascade } from '@/lib/package/preview-cascade';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { registerProvider } from '@/lib/provider/council-providers';
import { reinstateProvider } from '@/lib/provider/reinstate-provider';
import { suspendProvider } from '@/lib/provider/suspend-provider';
import { buildCouncil, draftFor, rejection, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { startSmtpPeer } from './support/smtp-peer';

// A council sets itself up without a developer: the platform administrator adds it with its first
// administrator, who builds its geography. Bad input is refused field by field with nothing
// half-written, and a change to the geography applies to the next ranking, never to offers made.

let prisma: PrismaClient;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let platform: TPlatformActor;
const now = new Date('2026-12-01T09:00:00Z');

const adminActor = async (councilId: string, email: string): Promise<TCouncilActor> => {
  const user = await prisma.user.upsert({ where: { email }, update: {}, create: { email, name: 'Ada Admin', role: 'ADMIN', councilId } });
  return { userId: user.id, email, name: user.name, role: 'ADMIN', councilId, providerId: null, providerManager: false, mfaEnabled: true };
};

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  smtp = await startSmtpPeer();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = 'https://brokerage.example.org';
  const user = await prisma.user.create({ data: { email: 'platform@homefirst.example', name: 'Pia Platform', role: 'PLATFORM_ADMIN' } });
  platform = {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: 'PLATFORM_ADMIN',
    councilId: null,
    providerId: null,
    providerManager: false,
    mfaEnabled: true,
  };
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.stop();
  await prisma.$disconnect();
});

describe('setting up a council', () => {
  let admin: TCouncilActor;

  it('creates the council with its settings and first administrator, who is emailed a link to set a password', async () => {
    const { councilId, adminId } = await createCouncil(prisma, platform, {
      code: 'khc',
      name: 'Kirkholme Council',
      adminName: 'Kim Admin',
      adminEmail: 'Kim@Kirkholme.example',
    });
    expect(await prisma.council.findUniqueOrThrow({ where: { id: councilId }, include: { setting: true } })).toMatchObject({
      code: 'KHC',
      name: 'Kirkholme Council',
      setting: { offerMinutesLongTerm: 1440 },
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: adminId } })).toMatchObject({
      role: 'ADMIN',
      councilId,
      email: 'kim@kirkholme.example',
      passwordHash: null,
    });
    const mail = smtp.received.find((m) => m.to.includes('kim@kirkholme.example'));
    expect(mail?.raw.replace(/=\r?\n/g, '')).toContain('https://brokerage.example.org/set-password/');
    expect(await prisma.auditEvent.count({ where: { action: 'council.created', entityId: councilId } })).toBe(1);

    const again = await rejection(createCouncil(prisma, platform, { code: 'KHC', name: 'Another', adminName: 'X', adminEmail: 'kim@kirkholme.example' }));
    expect(again.fieldErrors).toEqual({ code: ['Another council already has the code KHC'], adminEmail: ['Someone already uses this email address'] });
    expect((await rejection(createCouncil(prisma, platform, { code: 'K1', name: '', adminName: '', adminEmail: 'nope' }))).fieldErrors).toMatchObject({
      code: [expect.stringContaining('2 to 6 letters')],
      name: [expect.any(String)],
      adminName: [expect.any(String)],
      adminEmail: [expect.any(String)],
    });
    expect(await prisma.council.count()).toBe(1);
    expect(await prisma.user.count({ where: { councilId } })).toBe(1);
    admin = await adminActor(councilId, 'kim@kirkholme.example');
  });

  it('builds wards, localities with neighbours and postcode districts, STEP areas and hospitals, refusing bad input field by field', async () => {
    const ward = await saveWard(prisma, admin, { name: 'Kirk Central', population: '15400' });
    expect((await rejection(saveWard(prisma, admin, { name: 'Kirk Central', population: 10 }))).fieldErrors).toEqual({
      name: ['There is already a ward called Kirk Central'],
    });
    expect((await rejection(saveWard(prisma, admin, { name: 'Holme', population: -3 }))).fieldErrors).toEqual({
      population: ['Population cannot be negative'],
    });

    const centre = await saveLocality(prisma, admin, {
      code: 'kc',
      name: 'Kirk Centre',
      rural: false,
      wardIds: [ward.wardId],
      neighbourIds: [],
      districts: 'KH1, kh2',
    });
    const moor = await saveLocality(prisma, admin, {
      code: 'KM',
      name: 'Kirk Moor',
      rural: 'on',
      wardIds: [],
      neighbourIds: [centre.localityId],
      districts: 'KH20',
    });
    const before = await prisma.locality.count();
    // A district already placed, a bad district and a code in use: all named, nothing written.
    const bad = await rejection(saveLocality(prisma, admin, { code: 'KC', name: 'Kirk East', rural: false, wardIds: [], neighbourIds: [], districts: 'KH1' }));
    expect(bad.fieldErrors).toEqual({ code: ['Another locality already has the code KC'], districts: ['KH1 is already in Kirk Centre'] });
    expect(
      (await rejection(saveLocality(prisma, admin, { code: 'KE', name: '', rural: false, wardIds: [], neighbourIds: [], districts: 'KH 1' }))).fieldErrors,
    ).toMatchObject({
      name: ['Enter the locality’s name'],
      'districts.0': [expect.stringContaining('like BD1')],
    });
    expect(
      (
        await rejection(
          saveLocality(prisma, admin, {
            localityId: centre.localityId,
            code: 'KC',
            name: 'Kirk Centre',
            rural: false,
            wardIds: [],
            neighbourIds: [centre.localityId],
            districts: '',
          }),
        )
      ).fieldErrors,
    ).toEqual({
      neighbourIds: ['A locality cannot be its own neighbour'],
    });
    expect(await prisma.locality.count()).toBe(before);
    expect(await prisma.postcodeDistrict.count({ where: { localityId: centre.localityId } })).toBe(2);

    await saveLocality(prisma, admin, {
      localityId: centre.localityId,
      code: 'KC',
      name: 'Kirk Centre',
      rural: false,
      wardIds: [ward.wardId],
      neighbourIds: [moor.localityId],
      districts: 'KH1',
    });
    await saveStepArea(prisma, admin, { code: 'step-k', name: 'Kirk STEP', localityIds: [centre.localityId, moor.localityId] });
    expect((await rejection(saveStepArea(prisma, admin, { code: 'STEP-X', name: 'Empty', localityIds: [] }))).fieldErrors).toEqual({
      localityIds: ['Choose the localities the STEP area covers'],
    });

    await saveHospital(prisma, admin, { code: 'KGH', name: 'Kirkholme General' });
    await saveHospital(prisma, admin, { code: 'MRI', name: 'Moor Royal Infirmary' });
    expect((await rejection(saveHospital(prisma, admin, { code: 'THR', name: 'Third Hospital' }))).fieldErrors?.code?.[0]).toContain('already has 2 hospitals');
    expect(await prisma.hospital.count({ where: { councilId: admin.councilId } })).toBe(2);
    const mri = await prisma.hospital.findFirstOrThrow({ where: { councilId: admin.councilId, code: 'MRI' } });
    await deleteHospital(prisma, admin, { hospitalId: mri.id });
    await saveHospital(prisma, admin, { code: 'THR', name: 'Third Hospital' });
    const spare = await saveWard(prisma, admin, { name: 'Spare', population: 10 });
    await deleteWard(prisma, admin, { wardId: spare.wardId });
    expect(await prisma.ward.count({ where: { councilId: admin.councilId } })).toBe(1);

    const geography = await getGeography(prisma, admin);
    expect(geography.localities.map((l) => [l.code, l.rural, l.neighbourIds, l.districts])).toEqual([
      ['KC', false, [moor.localityId], ['KH1']],
      ['KM', true, [centre.localityId], ['KH20']],
    ]);
    expect(geography.stepAreas).toEqual([
      expect.objectContaining({ code: 'STEP-K', localityIds: expect.arrayContaining([centre.localityId, moor.localityId]) }),
    ]);
    expect(await prisma.auditEvent.count({ where: { councilId: admin.councilId, action: { in: ['locality.created', 'locality.updated'] } } })).toBe(3);

    // Another council's administrator reaches none of it.
    const other = await createCouncil(prisma, platform, { code: 'OTH', name: 'Other Council', adminName: 'Oli', adminEmail: 'oli@other.example' });
    const otherAdmin = await adminActor(other.councilId, 'oli@other.example');
    const edit = { localityId: centre.localityId, code: 'KC', name: 'Taken over', rural: false, wardIds: [], neighbourIds: [], districts: '' };
    expect((await rejection(saveLocality(prisma, otherAdmin, edit))).code).toBe('NOT_FOUND');
    expect(
      (await rejection(saveLocality(prisma, otherAdmin, { ...edit, localityId: undefined, code: 'OC', neighbourIds: [moor.localityId] }))).fieldErrors,
    ).toEqual({
      neighbourIds: ['Choose neighbours from your council’s localities'],
    });
    expect((await rejection(deleteLocality(prisma, otherAdmin, { localityId: moor.localityId }))).code).toBe('NOT_FOUND');
    expect((await getGeography(prisma, otherAdmin)).localities).toEqual([]);
    expect((await prisma.locality.findUniqueOrThrow({ where: { councilId_id: { councilId: admin.councilId, id: centre.localityId } } })).name).toBe(
      'Kirk Centre',
    );

    await deleteLocality(prisma, admin, { localityId: moor.localityId });
    expect(await prisma.localityNeighbour.count({ where: { councilId: admin.councilId } })).toBe(0);
  });
});

describe('a change of neighbours', () => {
  let fx: TFixture;
  let admin: TCouncilActor;

  beforeAll(async () => {
    // No locality contract in L1: round 1 goes to tier 2, the holder of L2 (L1's neighbour).
    fx = await buildCouncil(prisma, { code: 'NBR', localityProviders: 0 });
    admin = await adminActor(fx.councilId, 'admin@nbr.example');
  });

  it('changes the next ranking, and leaves offers already made with their tier and reasons', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    const offered = await prisma.offer.findMany({ where: { packageId: saved.id }, select: { id: true, providerId: true, tier: true, reasons: true } });
    expect(offered).toEqual([expect.objectContaining({ providerId: fx.neighbour, tier: 2 })]);
    const before = await previewCascade(prisma, fx.broker, { draft: draftFor(fx) }, now);
    expect(before.offers.find((o) => o.providerId === fx.neighbour)?.tier).toBe(2);

    const l1 = await prisma.locality.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: fx.localities.l1 } } });
    await saveLocality(prisma, admin, {
      localityId: l1.id,
      code: l1.code,
      name: l1.name,
      rural: l1.rural,
      wardIds: [],
      neighbourIds: [fx.localities.l3],
      districts: '',
    });

    const after = await previewCascade(prisma, fx.broker, { draft: draftFor(fx) }, now);
    expect(after.offers.find((o) => o.providerId === fx.neighbour)).toBeUndefined();
    expect(after.firstTier).toBe(3);
    expect(await prisma.offer.findMany({ where: { packageId: saved.id }, select: { id: true, providerId: true, tier: true, reasons: true } })).toEqual(offered);

    // A locality people and packages depend on cannot be deleted, and says why.
    const refused = await rejection(deleteLocality(prisma, admin, { localityId: l1.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/cannot be deleted: 1 person lives there, 1 package is for it, \d contracts? covers? it/);
    expect(await prisma.locality.count({ where: { id: l1.id } })).toBe(1);
  });

  it('records every registration, suspension and reinstatement in the provider’s status history', async () => {
    const added = await registerProvider(
      prisma,
      admin,
      {
        name: 'Newby Care',
        cqcLocationId: '1-555000111',
        cqcRating: 'GOOD',
        doubleHanded: false,
        skills: [],
        phone: '01274 555111',
        email: 'office@newby.example',
      },
      '10.0.0.1',
    );
    const later = Date.now() + 60_000;
    await suspendProvider(prisma, admin, { providerId: added.providerId, reason: 'Contract default in November' }, new Date(later));
    await reinstateProvider(prisma, admin, { providerId: added.providerId, reason: 'Improvement plan met' }, new Date(later + 60_000));
    const history = await prisma.providerStatusChange.findMany({ where: { councilId: fx.councilId, providerId: added.providerId }, orderBy: { at: 'asc' } });
    expect(history.map((h) => [h.status, h.reason, h.changedById])).toEqual([
      ['ACTIVE', 'Added to the register', admin.userId],
      ['SUSPENDED', 'Contract default in November', admin.userId],
      ['ACTIVE', 'Improvement plan met', admin.userId],
    ]);
    expect(await prisma.providerRating.count({ where: { providerId: added.providerId, source: 'REGISTER' } })).toBe(1);
  });
});
