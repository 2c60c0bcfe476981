import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { appUrl } from '@/lib/email/app-url';
import { sendEmail } from '@/lib/email/send-email';

/**
 * Emails one notification to the people it is for: the user it names, or for a provider, its
 * office address and its active users. The text is the notification's own, which holds nothing
 * personal before award. People who chose a daily digest get it there instead (a provider's
 * office address always gets it at once). Returns how many addresses it went to now. Jobs are
 * queued only for notifications emailedAtOnce (queue-email.ts) finds a recipient for: keep the
 * two alike.
 *
 * Sending is idempotent per address: each address sent to is recorded, and a retry (after a
 * failure, or after a worker stopped mid-send) skips those already sent. A notice about an offer
 * that has since closed (accepted, declined, withdrawn or lapsed) is not emailed at all: it would
 * only send the provider to an offer it can no longer answer.
 */
export async function sendNotificationEmail(prisma: PrismaClient, notificationId: string, now: Date = new Date()): Promise<number> {
  const n = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: { councilId: true, userId: true, providerId: true, title: true, body: true, link: true, offerId: true, emails: { select: { address: true } } },
  });
  if (!n) return 0;
  if (n.offerId) {
    const open = await prisma.offer.count({ where: { id: n.offerId, status: 'OFFERED', deadline: { gt: now } } });
    if (!open) return 0;
  }
  const to = new Set<string>();
  if (n.userId) {
    const user = await prisma.user.findFirst({ where: { id: n.userId, disabledAt: null, emailFrequency: 'INSTANT' }, select: { email: true } });
    if (user) to.add(user.email);
  }
  if (n.providerId) {
    const provider = await prisma.provider.findUnique({
      where: { id: n.providerId },
      select: { email: true, users: { where: { disabledAt: null, emailFrequency: 'INSTANT' }, select: { email: true } } },
    });
    if (provider?.email) to.add(provider.email);
    for (const u of provider?.users ?? []) to.add(u.email);
  }
  for (const e of n.emails) to.delete(e.address);
  const text = `${n.body}\n\n${n.link ? `${appUrl()}${n.link}\n\n` : ''}You get this email because you use HomeFirst Brokerage.`;
  await Promise.all(
    [...to].map(async (address) => {
      await sendEmail({ to: address, subject: n.title, text });
      await prisma.notificationEmail.createMany({ data: [{ notificationId, councilId: n.councilId, address }], skipDuplicates: true });
    }),
  );
  return to.size;
}
