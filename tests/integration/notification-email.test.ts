import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendNotificationEmail } from '@/lib/notification/send-notification-email';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { formatLondon, formatShortWeekday, londonDate } from '@/lib/time/london';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { councilActorOf as councilActorOfUser, providerActorOf as providerActorOfUser } from './support/actors';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';
import { startSmtpPeer } from './support/smtp-peer';

let prisma: PrismaClient;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;

const councilActorOf = (email: string) => councilActorOfUser(prisma, email);
const providerActorOf = (email: string) => providerActorOfUser(prisma, email);

// Quoted-printable to text: soft line breaks joined, =XX bytes decoded as UTF-8.
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date(), force: true });
  smtp = await startSmtpPeer();
  process.env.SMTP_URL = smtp.url;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.stop();
  await prisma.$disconnect();
});

describe('notification emails', () => {
  it('go through SMTP when a package is offered and when it is placed, and say nothing personal before award', async () => {
    const broker = await councilActorOf('broker@bradford.example');
    const bradford = await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } });
    const locality = await prisma.locality.findFirstOrThrow({ where: { councilId: bradford.id, code: 'L01' } });
    const person = {
      givenName: 'Winifred',
      familyName: 'Mailcheck',
      dateOfBirth: '1931-05-06',
      nhsNumber: '9990000085',
      addressLine1: '7 Quiet Row',
      town: 'Bradford',
      postcode: 'BD1 2ZZ',
    };
    // Care starts three days from now: the offer says when.
    const startsOn = londonDate(new Date(Date.now() + 3 * 86_400_000));
    const saved = await saveDraftPackage(prisma, broker, {
      draft: {
        person,
        localityId: locality.id,
        pathway: 'LONG_TERM',
        visits: [{ days: ['MON', 'THU'], start: '09:00', minutes: 30, carers: 1 }],
        serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 1, startDate: startsOn }],
      },
    });
    const since = new Date();
    await postPackage(prisma, broker, { packageId: saved.id, expectedVersion: saved.version });
    const offered = await prisma.notification.findMany({ where: { createdAt: { gte: since }, kind: 'OFFER_RECEIVED' } });
    expect(offered.length).toBeGreaterThan(0);
    for (const n of offered) expect(await sendNotificationEmail(prisma, n.id)).toBeGreaterThan(0);

    const preAward = smtp.received.map((m) => unfold(m.raw)).join('\n');
    expect(preAward).toContain(saved.reference);
    // When care starts, the visits in words, the carers, the rate, the deadline and a link to the offer itself.
    const firstOffer = await prisma.offer.findFirstOrThrow({
      where: { packageId: saved.id, id: { in: offered.map((n) => n.link?.split('#offer-')[1] ?? '') } },
    });
    expect(preAward).toContain(`from ${formatShortWeekday(startsOn)}`);
    expect(preAward).toContain('Mon and Thu, 09:00, 30 minutes, one carer');
    expect(preAward).toContain(`£${Number(firstOffer.hourlyRate).toFixed(2)} an hour`);
    expect(preAward).toContain(`Reply by ${formatLondon(firstOffer.deadline)}`);
    expect(preAward).toContain(`/provider#offer-${firstOffer.id}`);
    for (const personal of ['Winifred', 'Mailcheck', '9990000085', '999 000 0085', '7 Quiet Row', 'BD1 2ZZ', '1931-05-06'])
      expect(preAward).not.toContain(personal);

    const offer = await prisma.offer.findFirstOrThrow({ where: { councilId: bradford.id, packageId: saved.id, status: 'OFFERED' } });
    const user = await prisma.user.findFirst({ where: { providerId: offer.providerId } });
    const winner = user
      ? await providerActorOf(user.email)
      : {
          userId: broker.userId,
          email: 'x',
          name: 'x',
          role: 'PROVIDER' as const,
          councilId: null,
          providerId: offer.providerId,
          providerManager: false,
          mfaEnabled: true,
        };
    const beforeAward = new Date();
    await acceptOffer(prisma, winner, { offerId: offer.id });
    const placed = await prisma.notification.findMany({ where: { createdAt: { gte: beforeAward }, userId: broker.userId } });
    expect(placed.length).toBeGreaterThan(0);
    const sentBefore = smtp.received.length;
    for (const n of placed) await sendNotificationEmail(prisma, n.id);
    const toBroker = smtp.received.slice(sentBefore).filter((m) => m.to.includes('broker@bradford.example'));
    expect(toBroker.length).toBeGreaterThan(0);
    expect(unfold(toBroker[0].raw)).toContain(saved.reference);
  });
});
