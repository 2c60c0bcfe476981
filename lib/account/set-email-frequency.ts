import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TActor } from '@/lib/auth/permissions';
import { parseOrThrow } from '@/lib/errors/field-errors';

export const ZEmailFrequencySchema = z.object({
  emailFrequency: z.enum(['INSTANT', 'DIGEST'], { error: 'Choose how often you want notification emails' }),
});

export type TEmailFrequency = z.input<typeof ZEmailFrequencySchema>;

/** One's own choice of notification emails: one per notification, or a daily digest. */
export async function setEmailFrequency(
  prisma: PrismaClient,
  actor: TActor,
  input: TEmailFrequency,
  ip?: string,
): Promise<{ emailFrequency: 'INSTANT' | 'DIGEST' }> {
  const { emailFrequency } = parseOrThrow(ZEmailFrequencySchema, input);
  return prisma.$transaction(async (tx) => {
    // A digest covers what arrived after the choice, not the user's whole history.
    await tx.user.update({ where: { id: actor.userId }, data: { emailFrequency, ...(emailFrequency === 'DIGEST' ? { lastDigestAt: new Date() } : {}) } });
    await recordAudit(tx, actor, { action: 'user.email-frequency-set', entityType: 'User', entityId: actor.userId, ip, details: { emailFrequency } });
    return { emailFrequency };
  });
}
