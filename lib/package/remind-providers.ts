import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, withNotices } from '@/lib/notification/notify';
import { offerReminder } from '@/lib/notification/offer-notice';
import { dueForReminder } from '@/lib/offer/offer-reminders';

export const ZRemindProvidersSchema = z.object({ packageId: z.uuid({ error: 'Choose a package' }) });

export type TRemindResult = {
  reference: string;
  /** Providers reminded now, by name. */
  reminded: string[];
  /** Providers with an open offer not reminded now: asked or reminded within the last REMIND_AFTER_MINUTES. */
  tooSoon: string[];
};

/**
 * A broker chases the providers holding a package's open offers: each provider asked in the
 * round now open, whose offer is still open, is sent a reminder naming the package, its locality
 * and when the offer closes (nothing personal: it is not theirs yet), linking straight to the
 * offer. Offers made or reminded within REMIND_AFTER_MINUTES are left alone, so a second press,
 * or a chase just after a duty officer's push, does not send the same message twice.
 */
export async function remindProviders(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZRemindProvidersSchema>,
  now: Date = new Date(),
): Promise<TRemindResult> {
  const { councilId } = actor;
  const { packageId } = parseOrThrow(ZRemindProvidersSchema, input);
  return withNotices(prisma, async (tx) => {
    // The package row first, as closing a round and acceptance take it: the round cannot close under the reminders.
    const locked = await tx.package.updateMany({ where: { councilId, id: packageId, status: statusIn(OFFERING_STATUSES) }, data: { updatedAt: now } });
    if (locked.count === 0) {
      const exists = await tx.package.count({ where: { councilId, id: packageId } });
      if (!exists) throw new AppError('NOT_FOUND', 'That package could not be found.');
      throw new AppError('CONFLICT', 'This package is no longer waiting for a provider: it has been placed, ended or cancelled.');
    }
    const pkg = await tx.package.findUniqueOrThrow({
      where: { councilId_id: { councilId, id: packageId } },
      select: { id: true, councilId: true, reference: true, offerRound: true, locality: { select: { name: true } } },
    });
    const open = await tx.offer.findMany({
      where: { councilId, packageId, round: pkg.offerRound, status: 'OFFERED', deadline: { gt: now } },
      select: { id: true, providerId: true, round: true, status: true, deadline: true, offeredAt: true, provider: { select: { name: true } } },
      orderBy: { rank: 'asc' },
    });
    if (open.length === 0)
      throw new AppError('CONFLICT', 'No provider holds an open offer of this package to remind: offer it by hand, or wait for the next round.');
    const due = await dueForReminder(tx, pkg, open, now);
    const reminded = open.filter((o) => due.has(o.providerId));
    await recordAudit(tx, actor, {
      councilId,
      action: 'package.reminded',
      entityType: 'Package',
      entityId: packageId,
      details: { at: now.toISOString(), round: pkg.offerRound, reminded: reminded.map((o) => o.providerId) },
    });
    await notify(
      tx,
      reminded.map((o) => offerReminder(pkg, o, { title: `Reminder: package ${pkg.reference} is waiting for your answer`, who: 'The council’s brokers are' })),
    );
    return {
      reference: pkg.reference,
      reminded: reminded.map((o) => o.provider.name),
      tooSoon: open.filter((o) => !due.has(o.providerId)).map((o) => o.provider.name),
    };
  });
}
