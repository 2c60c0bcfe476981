import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCouncilSettings } from '@/lib/brokerage/council-settings';
import { updateCouncilSettings } from '@/lib/brokerage/update-council-settings';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
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
