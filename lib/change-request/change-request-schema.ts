import { z } from 'zod';
import { SERVICE_TYPES, ZVisitListSchema } from '@/lib/package/package-schema';

// What a provider asks for and what a broker decides, checked the same way for the form, the
// action and the API.

const ZLineHoursSchema = z.object({
  type: z.enum(SERVICE_TYPES, { error: 'Choose the type of service' }),
  hoursPerWeek: z
    .number({ error: 'Enter the hours per week as a number' })
    .min(0, { error: 'Hours per week cannot be negative' })
    .max(336, { error: 'Hours per week must be 336 or fewer' }),
});

/** New weekly hours per service type; 0 ends that line. Types not listed stay as they are. */
export const ZLineHoursListSchema = z.array(ZLineHoursSchema).max(20, { error: 'List at most 20 service lines' }).default([]);

export type TLineHours = z.output<typeof ZLineHoursSchema>;

/** One visit as a request holds it (the package form's visit). */
export type TVisitDraft = z.output<typeof ZVisitListSchema>[number];

export const ZChangeRequestSchema = z.object({
  /** The package's reference, as on the placement ("BDC-000123"). */
  reference: z.string({ error: 'Enter the package reference' }).trim().min(1, { error: 'Enter the package reference' }).max(40),
  reason: z
    .string({ error: 'Say why the change is needed' })
    .trim()
    .min(1, { error: 'Say why the change is needed' })
    .max(2000, { error: 'The reason must be 2,000 characters or fewer' }),
  /** The first day of the changed care: today or later, never before the day it is asked for. */
  startDate: z.iso.date({ error: 'Enter the date the change should start, like 2026-12-01' }),
  visits: ZVisitListSchema,
  serviceLines: ZLineHoursListSchema,
});

export type TChangeRequestInput = z.input<typeof ZChangeRequestSchema>;

export const DECISIONS = ['APPROVED', 'APPROVED_IN_PART', 'REFUSED', 'NEEDS_ASSESSMENT'] as const;
export type TDecision = (typeof DECISIONS)[number];

export const ZDecideChangeRequestSchema = z
  .object({
    changeRequestId: z.uuid({ error: 'Choose a change request' }),
    decision: z.enum(DECISIONS, { error: 'Choose approve, approve in part, refuse or needs assessment' }),
    note: z.string().trim().max(2000, { error: 'The note must be 2,000 characters or fewer' }).optional(),
    /** Approved in part: the visits and hours agreed instead. */
    visits: ZVisitListSchema.optional(),
    serviceLines: ZLineHoursListSchema.optional(),
    /** A temporary step-up: the last day of the increased care, after which it steps back down. */
    lastDay: z.iso.date({ error: 'Enter the last day of the increase, like 2026-12-31' }).optional(),
  })
  .superRefine((d, ctx) => {
    if ((d.decision === 'REFUSED' || d.decision === 'APPROVED_IN_PART') && !d.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: d.decision === 'REFUSED' ? 'Say why the request is refused' : 'Say what was agreed and why' });
    if (d.decision === 'APPROVED_IN_PART' && !d.visits) ctx.addIssue({ code: 'custom', path: ['visits'], message: 'Give the visits that were agreed' });
    if (d.lastDay && d.decision !== 'APPROVED' && d.decision !== 'APPROVED_IN_PART')
      ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'Only an approved increase can have a last day' });
  });

export type TDecideChangeRequest = z.input<typeof ZDecideChangeRequestSchema>;
