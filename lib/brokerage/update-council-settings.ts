import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { WEEKDAYS } from '@/lib/package/package-schema';
import { getCouncilSettings, type TCouncilSettings } from './council-settings';

const minutes = (field: string) =>
  z
    .number({ error: `Enter the ${field} deadline in minutes` })
    .int({ error: `Enter the ${field} deadline in whole minutes` })
    .min(5, { error: `The ${field} deadline must be at least 5 minutes` })
    .max(7 * 24 * 60, { error: `The ${field} deadline must be at most 7 days (10,080 minutes)` });

const clock = (field: string) =>
  z.string({ error: `Enter the time offices ${field}` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter the time offices ${field} as HH:MM, for example 09:00`);

export const ZCouncilSettingsSchema = z
  .object({
    offerMinutesHospitalDischarge: minutes('hospital discharge'),
    offerMinutesReablement: minutes('reablement'),
    offerMinutesLongTerm: minutes('long-term'),
    // Provider office hours; left out, they stay as they are.
    officeOpens: clock('open').optional(),
    officeCloses: clock('close').optional(),
    officeDays: z
      .array(z.enum(WEEKDAYS, { error: 'Choose office days from Monday to Sunday' }))
      .max(7)
      .transform((days) => WEEKDAYS.filter((d) => days.includes(d)))
      .optional(),
    // The brokerage team's contact for providers; an empty box clears it.
    contactPhone: z
      .string()
      .trim()
      .max(30, 'A phone number has at most 30 characters')
      .regex(/^$|^\+?[0-9 ()-]{6,}$/, 'Enter a phone number, for example 01274 432111')
      .optional(),
    contactEmail: z
      .string()
      .trim()
      .max(200)
      .refine((s) => s === '' || z.email().safeParse(s).success, 'Enter an email address, for example brokerage@bradford.gov.uk')
      .optional(),
  })
  .refine((s) => !s.officeOpens || !s.officeCloses || s.officeOpens < s.officeCloses, {
    path: ['officeCloses'],
    message: 'Offices must close after they open',
  });

export type TCouncilSettingsInput = z.input<typeof ZCouncilSettingsSchema>;

/** The council's offer deadlines by pathway and its providers' office hours, changed by its admins; rounds already out keep theirs. */
export async function updateCouncilSettings(prisma: PrismaClient, actor: TCouncilActor, input: TCouncilSettingsInput): Promise<TCouncilSettings> {
  const { councilId } = actor;
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const parsed = parseOrThrow(ZCouncilSettingsSchema, input);
  return prisma.$transaction(async (tx) => {
    const before = await getCouncilSettings(tx, councilId);
    // The row also holds the package-reference counter: a first row starts it after the council's
    // highest reference, as nextReference (save-draft-package.ts) would, never back at 1.
    await tx.$executeRaw`
      INSERT INTO "CouncilSetting" ("councilId", "packageSeq", "updatedAt")
      VALUES (${councilId}::uuid, (
        SELECT COALESCE(max(substring("reference" from '(\\d+)$')::int), 0) FROM "Package" WHERE "councilId" = ${councilId}::uuid
      ), now())
      ON CONFLICT ("councilId") DO NOTHING`;
    const blankIsNone = (s: string | undefined) => (s === undefined ? undefined : s || null);
    await tx.councilSetting.update({
      where: { councilId },
      data: { ...parsed, contactPhone: blankIsNone(parsed.contactPhone), contactEmail: blankIsNone(parsed.contactEmail) },
    });
    await recordAudit(tx, actor, {
      councilId,
      action: 'council.settings-updated',
      entityType: 'CouncilSetting',
      entityId: councilId,
      details: { before: { ...before.offerMinutes, office: before.office, contact: before.contact }, after: parsed },
    });
    return getCouncilSettings(tx, councilId);
  });
}
