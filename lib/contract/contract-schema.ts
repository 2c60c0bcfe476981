import { z } from 'zod';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { ZContractDay, ZContractDraft, ZHourlyRate } from '@/lib/domain/contract-rules';

// The register's inputs: one schema per form, used by the form and by its action. A contract's
// own rules are ZContractDraft's (lib/domain/contract-rules.ts); these only add what the form asks.

const ZNhsNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{10}$/, 'Enter the person’s 10-digit NHS number'));

/** A new contract. An ISF contract names its person by NHS number; a STEP contract may fill its localities from a STEP area. */
export const ZCreateContractSchema = ZContractDraft.omit({ personId: true, localityIds: true }).extend({
  personNhsNumber: ZNhsNumber.nullable().default(null),
  stepAreaId: z.uuid('Choose the STEP area').nullable().default(null),
  localityIds: z.array(z.uuid()).max(200, 'A contract covers at most 200 localities').default([]),
});

/**
 * A variation: what the contract covers and when. Its provider and type stay (another provider or
 * type is another contract), and its rate changes only by a dated rate.
 */
export const ZVaryContractSchema = ZContractDraft.pick({ reference: true, hospitalId: true, validFrom: true, validTo: true, targetShares: true }).extend({
  contractId: z.uuid('Choose the contract'),
  localityIds: ZContractDraft.shape.localityIds,
  reason: z.string().trim().min(3, 'Say why the contract is varied').max(500, 'Keep the reason to 500 characters'),
});

export const ZAddContractRateSchema = z.object({
  contractId: z.uuid('Choose the contract'),
  validFrom: ZContractDay,
  hourlyRate: ZHourlyRate,
  reason: z.string().trim().min(3, 'Say why the rate changes, for example "Annual uplift 2027/28"').max(200, 'Keep the reason to 200 characters'),
});

export const ZEndContractSchema = z.object({
  contractId: z.uuid('Choose the contract'),
  lastDay: ZContractDay,
  reason: z.string().trim().min(3, 'Say why the contract ends, for example "Re-tendered"').max(500, 'Keep the reason to 500 characters'),
});

export const ZUpliftSchema = z.object({
  type: z.enum(CONTRACT_TYPES, { error: 'Choose the contract type' }),
  percent: z
    .number({ error: 'Enter the uplift in percent, for example 7.2' })
    .gt(0, 'The uplift must be more than 0%')
    .max(100, 'The uplift must be at most 100%')
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, 'Give the uplift to at most two decimal places'),
  validFrom: ZContractDay,
});
export type TUpliftInput = z.input<typeof ZUpliftSchema>;

/** Applying an uplift: the same input, and how many contracts the preview showed, so a change since is caught. */
export const ZApplyUpliftSchema = ZUpliftSchema.extend({ expectedContracts: z.number().int().min(1) });

export const ZPreviewRetenderSchema = z.object({
  contractId: z.uuid('Choose the contract'),
  incomingContractId: z.uuid('Choose the contract taking the packages'),
  moveOn: ZContractDay,
});

export const ZMoveRetenderSchema = z.object({ batchId: z.uuid('Choose the plan') });
