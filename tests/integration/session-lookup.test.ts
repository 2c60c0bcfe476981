import type { PrismaClient } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSession } from '@/lib/auth/end-session';
import { actorForSession } from '@/lib/auth/session';
import { countUnreadNotifications } from '@/lib/notification/count-unread-notifications';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// The signed-in check and the header's unread count run on every page, each as one statement on
// the pool's own connections (lib/auth/session.ts, lib/notification/count-unread-notifications.ts).

let prisma: PrismaClient;
const now = new Date('2026-11-23T09:00:00Z');
const at = Math.floor(now.getTime() / 1000);
const user = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } });

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true, demoPassword: 'correct horse battery staple' });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('the signed-in check', () => {
  it('gives the actor for a live session, and none once it is signed out, while the same user’s other session goes on', async () => {
    const broker = await user('broker@bradford.example');
    const laptop = { uid: broker.id, sv: broker.sessionVersion, sid: randomUUID(), at };
    const phone = { ...laptop, sid: randomUUID() };
    expect(await actorForSession(prisma, laptop, now)).toMatchObject({ userId: broker.id, role: 'BROKER', councilId: broker.councilId, providerId: null });
    await endSession(prisma, laptop, '10.0.0.1', now);
    expect(await actorForSession(prisma, laptop, now)).toBeNull();
    expect(await actorForSession(prisma, phone, now)).not.toBeNull();
  });

  it('gives a provider user their provider and whether they manage it', async () => {
    const provider = await user('provider@homefirst.example');
    expect(await actorForSession(prisma, { uid: provider.id, sv: provider.sessionVersion, sid: randomUUID(), at }, now)).toMatchObject({
      role: 'PROVIDER',
      providerId: provider.providerId,
      councilId: null,
      providerManager: provider.providerManager,
    });
  });

  it('gives none for an unknown user, an old session version, or ids that are not ids, without failing the request', async () => {
    const broker = await user('broker@bradford.example');
    expect(await actorForSession(prisma, { uid: randomUUID(), sv: 1, sid: randomUUID(), at }, now)).toBeNull();
    expect(await actorForSession(prisma, { uid: broker.id, sv: broker.sessionVersion - 1, sid: randomUUID(), at }, now)).toBeNull();
    expect(await actorForSession(prisma, { uid: 'not-a-user', sv: broker.sessionVersion, sid: randomUUID(), at }, now)).toBeNull();
    expect(await actorForSession(prisma, { uid: broker.id, sv: broker.sessionVersion, sid: 'not-a-session', at }, now)).toBeNull();
  });
});

describe('the unread count', () => {
  it('counts a user’s own unread notifications and, for a provider user, their provider’s; a read one drops out', async () => {
    const broker = await user('broker@bradford.example');
    const provider = await user('provider@homefirst.example');
    const other = await user('best@bradford.example');
    await prisma.notification.deleteMany({});
    const note = (data: { userId?: string; providerId?: string; readAt?: Date }) =>
      prisma.notification.create({ data: { kind: 'TEST', title: 'A notice', body: 'Its text', ...data } });
    await note({ userId: broker.id });
    await note({ userId: broker.id });
    const read = await note({ userId: broker.id });
    await note({ userId: other.id });
    await note({ userId: provider.id });
    await note({ providerId: provider.providerId! });
    await note({ providerId: provider.providerId!, readAt: now });
    await prisma.notification.update({ where: { id: read.id }, data: { readAt: now } });

    const brokerActor = (await actorForSession(prisma, { uid: broker.id, sv: broker.sessionVersion }, now))!;
    const providerActor = (await actorForSession(prisma, { uid: provider.id, sv: provider.sessionVersion }, now))!;
    expect(await countUnreadNotifications(prisma, brokerActor)).toBe(2);
    expect(await countUnreadNotifications(prisma, providerActor)).toBe(2);
  });
});
