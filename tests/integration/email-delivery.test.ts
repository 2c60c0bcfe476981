import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendNotificationEmail } from '@/lib/notification/send-notification-email';
import { declineOffer } from '@/lib/offer/decline-offer';
import { postPackage } from '@/lib/package/post-package';
import { remindProviders } from '@/lib/package/remind-providers';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { startSmtpPeer } from './support/smtp-peer';

// Emailing a notice is idempotent per address, and a notice about an offer that has closed is not
// emailed: a worker stopped mid-send and retried, or a queue that ran late, never sends the same
// email twice nor sends a provider to an offer it can no longer answer.

let prisma: PrismaClient;
let fx: TFixture;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
const now = new Date();
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'EML', localityProviders: 2 });
  for (const [i, id] of fx.locality.entries()) await prisma.provider.update({ where: { id }, data: { email: `office${i}@eml-care.example` } });
  smtp = await startSmtpPeer();
  process.env.SMTP_URL = smtp.url;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.stop();
  await prisma.$disconnect();
});

describe('emailing notices', () => {
  it('sends each address once, however often the send is retried, and only what is missing after a send stopped part-way', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    const notice = await prisma.notification.findFirstOrThrow({ where: { providerId: fx.locality[0], kind: 'OFFER_RECEIVED' } });
    expect(notice.offerId).not.toBeNull();
    await prisma.user.create({ data: { email: 'coordinator@eml-care.example', name: 'Coordinator', role: 'PROVIDER', providerId: fx.locality[0] } });

    const before = smtp.received.length;
    expect(await sendNotificationEmail(prisma, notice.id, now)).toBe(2);
    expect(await sendNotificationEmail(prisma, notice.id, now)).toBe(0);
    expect(smtp.received.length - before).toBe(2);

    // As if the worker stopped after the first address: the retry sends the other one only.
    await prisma.notificationEmail.deleteMany({ where: { notificationId: notice.id, address: 'coordinator@eml-care.example' } });
    expect(await sendNotificationEmail(prisma, notice.id, now)).toBe(1);
    expect(
      smtp.received
        .slice(before)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['coordinator@eml-care.example', 'coordinator@eml-care.example', 'office0@eml-care.example']);
    expect(await prisma.notificationEmail.count({ where: { notificationId: notice.id } })).toBe(2);
  });

  it('does not email a notice about an offer that has closed since', async () => {
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
    await remindProviders(prisma, fx.broker, { packageId: saved.id }, minutes(15));
    const reminders = await prisma.notification.findMany({ where: { title: { startsWith: 'Reminder', contains: saved.reference }, offerId: { not: null } } });
    expect(reminders).toHaveLength(2);
    const declined = await prisma.offer.findFirstOrThrow({ where: { packageId: saved.id, providerId: fx.locality[0] } });
    await declineOffer(prisma, fx.providerActor(fx.locality[0]), { offerId: declined.id, reason: 'NO_CAPACITY' }, minutes(16));

    const before = smtp.received.length;
    const sent = await Promise.all(reminders.map(async (r) => [r.providerId, await sendNotificationEmail(prisma, r.id, minutes(17))] as const));
    expect(new Map(sent)).toEqual(
      new Map([
        [fx.locality[0], 0],
        [fx.locality[1], 1],
      ]),
    );
    expect(smtp.received.slice(before).map((m) => m.to[0])).toEqual(['office1@eml-care.example']);
    // Once the offer's deadline has passed, its notice is not emailed either.
    const open = reminders.find((r) => r.providerId === fx.locality[1])!;
    await prisma.notificationEmail.deleteMany({ where: { notificationId: open.id } });
    expect(await sendNotificationEmail(prisma, open.id, minutes(60 * 25))).toBe(0);
  });
});
