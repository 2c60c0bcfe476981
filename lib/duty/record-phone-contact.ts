import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { PHONE_OUTCOMES } from '@/lib/domain/enums';
import { isContractInForce } from '@/lib/domain/contract';

export const ZPhoneContactSchema = z
  .object({
    packageId: z.uuid({ error: 'Choose a package' }),
    providerId: z.uuid({ error: 'Choose the provider you rang' }),
    outcome: z.enum(PHONE_OUTCOMES, { error: 'Choose what the provider said' }),
    notes: z.string().trim().max(2000, { error: 'Notes must be 2,000 characters or fewer' }).optional(),
  })
  .refine((c) => c.outcome !== 'OTHER' || (c.notes !== undefined && c.notes.length > 0), { error: 'Say what happened on the call', path: ['notes'] });

export type TPhoneContact = z.input<typeof ZPhoneContactSchema>;

/**
 * Records a phone call BEST (or a broker) made to a provider about a package: who, when, what they
 * said. The provider must be one the package was offered to, or one holding a contract in force
 * that covers the package's locality: the providers it makes sense to ring.
 */
export async function recordPhoneContact(prisma: PrismaClient, actor: TCouncilActor, input: TPhoneContact, now: Date = new Date()): Promise<{ id: string }> {
  const { councilId } = actor;
  const { packageId, providerId, outcome, notes } = parseOrThrow(ZPhoneContactSchema, input);
  return prisma.$transaction(async (tx) => {
    const pkg = await tx.package.findFirst({ where: { councilId, id: packageId }, select: { localityId: true } });
    if (!pkg) throw new AppError('NOT_FOUND', 'That package could not be found.');
    const [offered, contracts] = await Promise.all([
      tx.offer.count({ where: { councilId, packageId, providerId } }),
      tx.contract.findMany({
        where: { councilId, providerId, localities: { some: { localityId: pkg.localityId } } },
        select: { validFrom: true, validTo: true },
      }),
    ]);
    const covers = contracts.some((c) => isContractInForce(c, now));
    if (offered === 0 && !covers)
      throw new AppError('VALIDATION', undefined, { providerId: ['Choose a provider this package was offered to, or one covering its area'] });
    const contact = await tx.phoneContact.create({
      data: { councilId, packageId, providerId, userId: actor.userId, at: now, outcome, notes: notes || null },
      select: { id: true },
    });
    // The notes stay on the contact; the audit trail records who rang whom and the answer.
    await recordAudit(tx, actor, {
      councilId,
      action: 'package.phone-contact',
      entityType: 'Package',
      entityId: packageId,
      details: { phoneContactId: contact.id, providerId, outcome },
    });
    return contact;
  });
}
