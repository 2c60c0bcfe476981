import { z } from 'zod';

// What a commissioner submits to suspend or reinstate a provider on the council's register.

export const ZProviderStatusChangeSchema = z.object({
  providerId: z.uuid({ error: 'Choose a provider' }),
  reason: z
    .string({ error: 'Give the reason' })
    .trim()
    .min(5, 'Give the reason in a few words, such as "CQC rated Inadequate on 20 Nov 2026"')
    .max(500, 'The reason must be 500 characters or fewer'),
});

export type TProviderStatusChange = z.input<typeof ZProviderStatusChangeSchema>;

export const CQC_RATINGS = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_RATED'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A UK phone number as people write it: 01274 432111, +44 1274 432111, (01274) 432-111. */
export const ZUkPhoneSchema = z
  .string()
  .trim()
  .refine((v) => /^(?:\+44|0)\d{9,10}$/.test(v.replace(/[\s()-]/g, '').replace(/^\+44\(?0\)?/, '+44')), 'Enter a UK phone number, like 01274 432111');

/** A provider organisation's details on the register: the register's add and edit forms share them. */
export const ZProviderDetailsSchema = z.object({
  name: z.string().trim().min(2, 'Enter the organisation’s name').max(160, 'Name must be 160 characters or fewer'),
  cqcLocationId: z
    .string()
    .trim()
    .regex(/^1-\d{6,12}$/, 'Enter the CQC location ID, like 1-123456789'),
  phone: z.preprocess(emptyToUndefined, ZUkPhoneSchema.optional()),
  email: z.preprocess(emptyToUndefined, z.email('Enter an email address like office@example.org').trim().toLowerCase().max(254).optional()),
  doubleHanded: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  // A list, or the form's comma-separated text.
  skills: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z
      .array(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z_ ]{2,40}$/, 'Skills are words like DEMENTIA, separated by commas')
          .transform((s) => s.replace(/ +/g, '_')),
      )
      .max(20, 'List at most 20 skills')
      .default([]),
  ),
});

/** A CQC rating typed by hand, with the date CQC published it. */
export const ZProviderRatingSchema = z.object({
  cqcRating: z.enum(CQC_RATINGS, 'Choose the CQC rating'),
  cqcRatedOn: z.preprocess(emptyToUndefined, z.iso.date('Enter the date of the rating, like 2026-03-31').optional()),
});

export const ZUpdateProviderSchema = ZProviderDetailsSchema.extend({ providerId: z.uuid() }).extend(ZProviderRatingSchema.shape);
export type TUpdateProvider = z.input<typeof ZUpdateProviderSchema>;

export const ZProviderReviewSchema = z.object({ providerId: z.uuid({ error: 'Choose a provider' }) });
