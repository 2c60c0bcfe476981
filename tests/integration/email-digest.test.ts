import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setEmailFrequency } from '@/lib/account/set-email-frequency';
import { sendEmailDigests } from '@/lib/notification/send-email-digests';
import { sendNotificationEmail } from '@/lib/notification/send-notification-email';
import { notify, type TNotification, withNotices } from '@/lib/notification/notify';
import { buildCouncil, rejection, type TFixture } from './support/brokerage-fixtures';
import { actorOf } from './support/actors';
import { resetDatabase, testPrisma } from './support/database';
import { startSmtpPeer } from './support/smtp-peer';

let prisma: PrismaClient;
let fx: TFixture;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let providerId: string;

const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

async function say(n: Omit<TNotification, 'councilId' | 'kind' | 'body'> & { body?: string }, at: Date): Promise<string> {
  await withNotices(prisma, (tx) => notify(tx, [{ councilId: fx.councilId, kind: 'PACKAGE_CHANGED', body: n.body ?? `${n.title} in full.`, ...n }]));
  const row = await prisma.notification.findFirstOrThrow({ where: { title: n.title } });
  await prisma.notification.update({ where: { id: row.id }, data: { createdAt: at } });
  return row.id;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'DIG', localityProviders: 1 });
  providerId = fx.locality[0];
  await prisma.provider.update({ where: { id: providerId }, data: { email: 'office@dig-care.example' } });
  await prisma.user.createMany({
    data: [
      { email: 'instant@dig-care.example', name: 'Ira Instant', role: 'PROVIDER', providerId },
      {
        email: 'digest@dig-care.example',
        name: 'Dee Digest',
        role: 'PROVIDER',
        providerId,
        emailFrequency: 'DIGEST',
        lastDigestAt: new Date('2026-11-22T07:00:00Z'),
      },
    ],
  });
  smtp = await startSmtpPeer();
  process.env.SMTP_URL = smtp.url;
});

beforeEach(() => {
  smtp.received.length = 0;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.stop();
  await prisma.$disconnect();
});

describe('email frequency', () => {
  it('sends a notification at once to the office and to users who want instant emails, but not to those who chose a digest', async () => {
    const id = await say({ recipient: { providerId }, title: 'DIG-1 offered to you' }, new Date('2026-11-22T09:00:00Z'));
    expect(await sendNotificationEmail(prisma, id)).toBe(2);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(['instant@dig-care.example', 'office@dig-care.example']);
  });

  it('gathers everything since the last digest into one email, once, even when two workers send at the same moment', async () => {
    const broker = await prisma.user.update({
      where: { id: fx.broker.userId },
      data: { emailFrequency: 'DIGEST', lastDigestAt: new Date('2026-11-22T07:00:00Z') },
    });
    await say({ recipient: { userId: broker.id }, title: 'DIG-2 placed with Care 01' }, new Date('2026-11-22T10:00:00Z'));
    await say({ recipient: { userId: broker.id }, title: 'DIG-0 from before the last digest' }, new Date('2026-11-21T10:00:00Z'));
    const now = new Date('2026-11-23T07:00:00Z');

    const [first, second] = await Promise.all([sendEmailDigests(prisma, now), sendEmailDigests(prisma, now)]);
    expect(first.sent + second.sent).toBe(2);
    const byRecipient = new Map(smtp.received.map((m) => [m.to.join(','), unfold(m.raw)]));
    expect(smtp.received).toHaveLength(2);
    const brokerDigest = byRecipient.get(broker.email) ?? '';
    expect(brokerDigest).toContain('Subject: HomeFirst Brokerage: 1 notification');
    expect(brokerDigest).toContain('DIG-2 placed with Care 01');
    expect(brokerDigest).not.toContain('DIG-0');
    const providerDigest = byRecipient.get('digest@dig-care.example') ?? '';
    expect(providerDigest).toContain('DIG-1 offered to you');

    smtp.received.length = 0;
    expect(await sendEmailDigests(prisma, new Date('2026-11-24T07:00:00Z'))).toEqual({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
    await say({ recipient: { providerId }, title: 'DIG-3 offered to you' }, new Date('2026-11-24T08:00:00Z'));
    expect(await sendEmailDigests(prisma, new Date('2026-11-25T07:00:00Z'))).toEqual({ sent: 1 });
    expect(unfold(smtp.received[0].raw)).toContain('DIG-3 offered to you');
    expect(unfold(smtp.received[0].raw)).not.toContain('DIG-1');
  });

  it('is each user’s own choice, checked and audited', async () => {
    await prisma.user.update({ where: { id: fx.broker.userId }, data: { emailFrequency: 'INSTANT' } });
    const broker = await actorOf(prisma, fx.broker.email);
    const bad = await rejection(setEmailFrequency(prisma, broker, { emailFrequency: 'WEEKLY' as 'DIGEST' }));
    expect(bad.fieldErrors).toEqual({ emailFrequency: ['Choose how often you want notification emails'] });
    expect(await setEmailFrequency(prisma, broker, { emailFrequency: 'DIGEST' })).toEqual({ emailFrequency: 'DIGEST' });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: broker.userId } })).toMatchObject({ emailFrequency: 'DIGEST' });
    expect(await prisma.auditEvent.count({ where: { action: 'user.email-frequency-set', entityId: broker.userId } })).toBe(1);
  });
});
