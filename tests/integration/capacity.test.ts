import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { BANDS } from '@/lib/domain/carer-hours';
import { rankPackage } from '@/lib/placement/rank';
import type { TPackage } from '@/lib/placement/schema';
import { declareCapacity, getProviderCapacity } from '@/lib/provider/provider-capacity';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { providerActorOf as providerActorOfUser } from './support/actors';
import { buildCouncil } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

const now = new Date('2026-11-23T09:00:00Z');
let prisma: PrismaClient;

const providerActorOf = (email: string) => providerActorOfUser(prisma, email);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('declared capacity', () => {
  it('is listed for every council and covered area, with out-of-date declarations flagged', async () => {
    const provider = await providerActorOf('provider@homefirst.example');
    const councils = await getProviderCapacity(prisma, provider, now);
    expect(councils.map((c) => c.council.name)).toEqual(['Bradford District', 'Kirkholme']);
    const later = await getProviderCapacity(prisma, provider, new Date(now.getTime() + 40 * 86_400_000));
    expect(later.flatMap((c) => c.localities).every((l) => l.stale)).toBe(true);
    const bradford = councils[0];
    expect(bradford.localities.length).toBeGreaterThan(0);
    // Recount: the seeded rows for this provider and council.
    const first = bradford.localities[0];
    const rows = await prisma.capacityDeclaration.findMany({
      where: { providerId: provider.providerId!, councilId: bradford.council.id, localityId: first.id },
    });
    for (const r of rows) expect(first.hours[r.band]).toBe(Number(r.carerHours));
  });

  it('is replaced for the areas declared, stamped now, and audited', async () => {
    const provider = await providerActorOf('provider@homefirst.example');
    const [bradford] = await getProviderCapacity(prisma, provider, now);
    const area = bradford.localities[0];
    const at = new Date(now.getTime() + 60_000);
    await declareCapacity(
      prisma,
      provider,
      { councilId: bradford.council.id, rows: [{ localityId: area.id, band: 'EVENING', carerHours: 12.5 }] },
      '10.11.0.1',
      at,
    );
    const rows = await prisma.capacityDeclaration.findMany({
      where: { providerId: provider.providerId!, councilId: bradford.council.id, localityId: area.id },
      orderBy: { band: 'asc' },
    });
    expect(rows).toHaveLength(5);
    expect(Object.fromEntries(rows.map((r) => [r.band, Number(r.carerHours)]))).toEqual({ MORNING: 0, MIDDAY: 0, AFTERNOON: 0, EVENING: 12.5, NIGHT: 0 });
    expect(rows.every((r) => r.declaredAt.getTime() === at.getTime())).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: 'capacity.declared', entityId: provider.providerId! } })).toBe(1);
  });

  it('takes two saves sent at once, and keeps one of them whole', async () => {
    const provider = await providerActorOf('provider@homefirst.example');
    const [bradford] = await getProviderCapacity(prisma, provider, now);
    const area = bradford.localities[1];
    const save = (hours: number, ip: string) =>
      declareCapacity(
        prisma,
        provider,
        { councilId: bradford.council.id, rows: (['MORNING', 'EVENING'] as const).map((band) => ({ localityId: area.id, band, carerHours: hours })) },
        ip,
        new Date(now.getTime() + 120_000),
      );
    await Promise.all([save(7, '10.11.0.2'), save(9, '10.11.0.3'), save(11, '10.11.0.4')]);
    const rows = await prisma.capacityDeclaration.findMany({ where: { providerId: provider.providerId, councilId: bradford.council.id, localityId: area.id } });
    expect(rows).toHaveLength(5);
    const morning = Number(rows.find((r) => r.band === 'MORNING')!.carerHours);
    expect([7, 9, 11]).toContain(morning);
    expect(Number(rows.find((r) => r.band === 'EVENING')!.carerHours)).toBe(morning);
  });

  it('refuses an area the provider holds no contract for, naming the row, and changes nothing', async () => {
    const provider = await providerActorOf('provider2@homefirst.example');
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const [mine] = await getProviderCapacity(prisma, provider, now);
    const notMine = await prisma.locality.findFirstOrThrow({ where: { councilId: bradford.id, id: { notIn: mine.localities.map((l) => l.id) } } });
    const before = await prisma.capacityDeclaration.count({ where: { providerId: provider.providerId! } });
    await expect(
      declareCapacity(
        prisma,
        provider,
        {
          councilId: bradford.id,
          rows: [
            { localityId: mine.localities[0].id, band: 'MORNING', carerHours: 5 },
            { localityId: notMine.id, band: 'MORNING', carerHours: 5 },
          ],
        },
        '10.11.0.2',
        now,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { 'rows.1.localityId': ['You hold no contract with this council covering that locality'] } });
    expect(await prisma.capacityDeclaration.count({ where: { providerId: provider.providerId! } })).toBe(before);
  });

  it('cannot be declared for a council the provider does not work for', async () => {
    const provider = await providerActorOf('provider2@homefirst.example');
    const kirkholme = await prisma.council.findUniqueOrThrow({ where: { code: 'KHC' } });
    const area = await prisma.locality.findFirstOrThrow({ where: { councilId: kirkholme.id } });
    await expect(
      declareCapacity(prisma, provider, { councilId: kirkholme.id, rows: [{ localityId: area.id, band: 'MORNING', carerHours: 5 }] }, '10.11.0.3', now),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await prisma.capacityDeclaration.count({ where: { providerId: provider.providerId!, councilId: kirkholme.id } })).toBe(0);
  });
});

describe('out-of-date capacity, as brokers see it', () => {
  it('names the offered providers whose declaration for the locality is older than 14 days', async () => {
    const { staleOfferedProviders } = await import('@/lib/provider/provider-capacity');
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const pkg = await prisma.package.findFirstOrThrow({ where: { councilId: bradford.id, status: 'OFFERING', offers: { some: {} } } });
    const offered = await prisma.offer.findMany({
      where: { councilId: bradford.id, packageId: pkg.id },
      distinct: ['providerId'],
      select: { providerId: true, provider: { select: { name: true } } },
    });
    // Make every offered provider's declaration fresh, then one of them old.
    await prisma.capacityDeclaration.updateMany({
      where: { councilId: bradford.id, localityId: pkg.localityId, providerId: { in: offered.map((o) => o.providerId) } },
      data: { declaredAt: now },
    });
    const [old] = offered;
    await prisma.capacityDeclaration.deleteMany({ where: { councilId: bradford.id, localityId: pkg.localityId, providerId: old.providerId } });
    await prisma.capacityDeclaration.create({
      data: {
        councilId: bradford.id,
        localityId: pkg.localityId,
        providerId: old.providerId,
        band: 'MORNING',
        carerHours: 5,
        declaredAt: new Date(now.getTime() - 20 * 86_400_000),
      },
    });

    const stale = await staleOfferedProviders(prisma, pkg, now);
    const withDeclarations = new Set(
      (await prisma.capacityDeclaration.findMany({ where: { councilId: bradford.id, localityId: pkg.localityId }, select: { providerId: true } })).map(
        (d) => d.providerId,
      ),
    );
    const expected = offered
      .filter((o) => o.providerId === old.providerId || !withDeclarations.has(o.providerId))
      .map((o) => o.provider.name)
      .sort();
    expect(stale.map((s) => s.name).sort()).toEqual(expected);
    expect(stale.map((s) => s.name)).toContain(old.provider.name);
  });
});

describe('the days of the week a provider covers', () => {
  it('are kept with its declaration, and a package with a visit on a day it does not cover is not offered to it', async () => {
    const fx = await buildCouncil(prisma, { code: 'CDY', localityProviders: 1 });
    const providerId = fx.locality[0];
    const actor = fx.providerActor(providerId);
    const weekdays = ['FRI', 'MON', 'TUE', 'WED', 'THU'] as const;
    await declareCapacity(
      prisma,
      actor,
      { councilId: fx.councilId, rows: BANDS.map((band) => ({ localityId: fx.localities.l1, band, carerHours: 100, days: [...weekdays] })) },
      '10.11.0.2',
      now,
    );
    const declared = await prisma.capacityDeclaration.findMany({ where: { councilId: fx.councilId, providerId } });
    expect(declared.map((d) => d.days)).toEqual(BANDS.map(() => ['MON', 'TUE', 'WED', 'THU', 'FRI']));
    const listed = (await getProviderCapacity(prisma, actor, now))
      .find((c) => c.council.id === fx.councilId)!
      .localities.find((l) => l.id === fx.localities.l1)!;
    expect(listed.days).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI']);

    const pkg = (id: string, days: TPackage['visits'][number]['days']): TPackage => ({
      id,
      localityId: fx.localities.l1,
      postedAt: now.toISOString(),
      pathway: 'LONG_TERM',
      funding: 'COUNCIL',
      hospital: null,
      preferredProviderId: null,
      excludedProviderIds: [],
      requiredSkills: [],
      visits: [{ days, start: '08:00', minutes: 30, carers: 1 }],
    });
    const scenario = await scenarioFromDb(prisma, fx.councilId, [pkg('weekday', ['MON', 'WED']), pkg('weekend', ['MON', 'SAT'])], now);
    expect(rankPackage(scenario, 'weekday')!.offers.map((o) => o.providerId)).toContain(providerId);
    const weekend = rankPackage(scenario, 'weekend')!;
    expect(weekend.offers.map((o) => o.providerId)).not.toContain(providerId);
    expect(weekend.excluded.find((e) => e.providerId === providerId)?.reasons).toEqual(['NO_CAPACITY']);
    // The spot provider, which declared every day, still takes the weekend.
    expect(weekend.offers.map((o) => o.providerId)).toContain(fx.spot);

    // Days are required to be real days, and at least one.
    await expect(
      declareCapacity(
        prisma,
        actor,
        { councilId: fx.councilId, rows: [{ localityId: fx.localities.l1, band: 'MORNING', carerHours: 1, days: [] }] },
        '10.11.0.2',
        now,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
