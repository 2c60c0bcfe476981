import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCouncilSettings } from '@/lib/brokerage/council-settings';
import { updateCouncilSettings } from '@/lib/brokerage/update-council-settings';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { londonWallTime } from '@/lib/time/london';
import { buildCouncil, draftFor } from './support/brokerage-fixtures';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { councilActorOf as councilActorOfUser } from './support/actors';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

let prisma: PrismaClient;
const councilActorOf = (email: string) => councilActorOfUser(prisma, email);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date(), force: true });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("a council's settings", () => {
  it('change the deadlines for its own council only, and never restart the package references', async () => {
    const admin = await councilActorOf('admin@bradford.example');
    const kirkholme = await prisma.council.findUniqueOrThrow({ where: { code: 'KHC' } });
    const saved = await updateCouncilSettings(prisma, admin, { offerMinutesHospitalDischarge: 45, offerMinutesReablement: 120, offerMinutesLongTerm: 1440 });
    expect(saved.offerMinutes.HOSPITAL_DISCHARGE).toBe(45);
    expect((await getCouncilSettings(prisma, kirkholme.id)).offerMinutes.HOSPITAL_DISCHARGE).toBe(30);
    await expect(
      updateCouncilSettings(prisma, admin, { offerMinutesHospitalDischarge: 3, offerMinutesReablement: 120, offerMinutesLongTerm: 1440 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { offerMinutesHospitalDischarge: ['The hospital discharge deadline must be at least 5 minutes'] },
    });

    // The settings row also holds the reference counter: the next package follows the seeded ones.
    const broker = await councilActorOf('broker@bradford.example');
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const highest = (await prisma.package.findFirstOrThrow({ where: { councilId: bradford.id }, orderBy: { reference: 'desc' } })).reference;
    const person = await prisma.person.findFirstOrThrow({ where: { councilId: bradford.id } });
    const locality = await prisma.locality.findFirstOrThrow({ where: { councilId: bradford.id } });
    const draft = await saveDraftPackage(prisma, broker, {
      draft: {
        personId: person.id,
        localityId: locality.id,
        pathway: 'LONG_TERM',
        visits: [{ days: ['MON'], start: '09:00', minutes: 30, carers: 1 }],
        serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 0.5, startDate: '2026-12-01' }],
      },
    });
    expect(draft.reference > highest).toBe(true);
  });
});

describe('long-term offers and provider office hours', () => {
  it('let an offer made on a Friday at 16:00 fall due on Monday, or Tuesday after a bank holiday, while discharges keep the wall clock', async () => {
    const fx = await buildCouncil(prisma, { code: 'OFH', localityProviders: 2, declaredAt: new Date('2026-01-01T00:00:00Z') });
    const admin = { ...fx.broker, role: 'ADMIN' as const };
    await updateCouncilSettings(prisma, admin, {
      offerMinutesHospitalDischarge: 30,
      offerMinutesReablement: 120,
      offerMinutesLongTerm: 1440,
      officeOpens: '09:00',
      officeCloses: '17:00',
      officeDays: ['FRI', 'MON', 'TUE', 'WED', 'THU'],
    });
    expect((await getCouncilSettings(prisma, fx.councilId)).office).toEqual({ opens: '09:00', closes: '17:00', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] });

    const postAt = async (at: Date, overrides: Record<string, unknown> = {}) => {
      const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx, overrides) });
      await postPackage(prisma, fx.broker, { packageId: saved.id }, at);
      const offers = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' } });
      expect(offers.length).toBeGreaterThan(0);
      return [...new Set(offers.map((o) => o.deadline.toISOString()))];
    };
    // Friday 4 December 2026, 16:00 London time.
    expect(await postAt(londonWallTime('2026-12-04', '16:00'))).toEqual([londonWallTime('2026-12-07', '16:00').toISOString()]);
    // Friday 22 May 2026: Monday 25 May is the spring bank holiday.
    expect(await postAt(londonWallTime('2026-05-22', '16:00'))).toEqual([londonWallTime('2026-05-26', '16:00').toISOString()]);

    // Offices open on Saturdays too: the same offer falls due on Saturday.
    await updateCouncilSettings(prisma, admin, {
      offerMinutesHospitalDischarge: 30,
      offerMinutesReablement: 120,
      offerMinutesLongTerm: 1440,
      officeDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
    });
    expect(await postAt(londonWallTime('2026-12-04', '16:00'))).toEqual([londonWallTime('2026-12-05', '16:00').toISOString()]);

    await expect(
      updateCouncilSettings(prisma, admin, {
        offerMinutesHospitalDischarge: 30,
        offerMinutesReablement: 120,
        offerMinutesLongTerm: 1440,
        officeOpens: '17:00',
        officeCloses: '09:00',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { officeCloses: ['Offices must close after they open'] } });
  });
});
