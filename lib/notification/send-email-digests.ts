import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { appUrl } from '@/lib/email/app-url';
import { sendEmail } from '@/lib/email/send-email';
import { formatLondon } from '@/lib/time/london';

/** A digest lists at most this many notifications and says how many more there were. */
const DIGEST_LIMIT = 50;

/**
 * The daily digest for everyone who chose one: the notifications that reached them (their own, or
 * their provider's) since their last digest, in one email. Each user's digest is claimed with a
 * conditional update on lastDigestAt and sent inside that transaction, so two workers never send
 * the same digest and a failed send is tried again next time. Nothing personal goes in: the
 * notifications' own titles hold none before award.
 */
export async function sendEmailDigests(prisma: PrismaClient, now: Date = new Date()): Promise<{ sent: number }> {
  const users = await prisma.user.findMany({
    where: { emailFrequency: 'DIGEST', disabledAt: null },
    select: { id: true, email: true, providerId: true, lastDigestAt: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
  let sent = 0;
  for (const user of users) {
    const since = user.lastDigestAt ?? user.createdAt;
    const mine = { createdAt: { gt: since, lte: now }, OR: [{ userId: user.id }, ...(user.providerId ? [{ providerId: user.providerId }] : [])] };
    const [items, total] = await Promise.all([
      prisma.notification.findMany({
        where: mine,
        select: { title: true, body: true, link: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
        take: DIGEST_LIMIT,
      }),
      prisma.notification.count({ where: mine }),
    ]);
    if (total === 0) continue;
    const delivered = await prisma.$transaction(
      async (tx) => {
        const { count } = await tx.user.updateMany({
          where: { id: user.id, emailFrequency: 'DIGEST', lastDigestAt: user.lastDigestAt },
          data: { lastDigestAt: now },
        });
        if (count === 0) return false;
        await sendEmail({ to: user.email, subject: digestSubject(total), text: digestText(items, total) });
        return true;
      },
      { timeout: 60_000 },
    );
    if (delivered) sent++;
  }
  return { sent };
}

function digestSubject(total: number): string {
  return total === 1 ? 'HomeFirst Brokerage: 1 notification' : `HomeFirst Brokerage: ${total} notifications`;
}

function digestText(items: { title: string; body: string; link: string | null; createdAt: Date }[], total: number): string {
  const lines = items.map((n) => `${formatLondon(n.createdAt)}  ${n.title}\n${n.body}${n.link ? `\n${appUrl()}${n.link}` : ''}`);
  const more = total > items.length ? `\n\nand ${total - items.length} more: sign in at ${appUrl()} to see them.` : '';
  return `Since your last digest:\n\n${lines.join('\n\n')}${more}\n\nYou get this daily digest because you chose it on your account page (${appUrl()}/account).`;
}
