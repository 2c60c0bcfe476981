import { z } from 'zod';
import type { TContractType } from '@/lib/domain/contract';
import { CONTRACT_TYPE_LABEL } from '@/lib/domain/labels';

// What an admin enters for a financial year: an amount in pounds for each contract type, or
// nothing for a type the council does not budget for (an empty field removes its amount).

const amount = (type: TContractType) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v.replace(/[£,\s]/g, ''))) : v),
    z
      .number({ error: `Enter the ${CONTRACT_TYPE_LABEL[type]} budget as an amount in pounds, like 1250000 or 1250000.50` })
      .finite({ error: `Enter the ${CONTRACT_TYPE_LABEL[type]} budget as an amount in pounds, like 1250000 or 1250000.50` })
      .min(0, { error: `The ${CONTRACT_TYPE_LABEL[type]} budget must be £0 or more` })
      .max(999_999_999_999.99, { error: `The ${CONTRACT_TYPE_LABEL[type]} budget must be less than £1,000,000,000,000` })
      .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, {
        error: `Enter the ${CONTRACT_TYPE_LABEL[type]} budget in pounds and pence, with at most two decimal places`,
      })
      .nullable(),
  );

export const ZBudgetSchema = z.object({
  financialYear: z.coerce
    .number({ error: 'Choose a financial year' })
    .int({ error: 'Choose a financial year' })
    .min(2000, { error: 'Choose a financial year from 2000/01' })
    .max(2100, { error: 'Choose a financial year up to 2100/01' }),
  amounts: z.object({
    LOCALITY: amount('LOCALITY'),
    STEP: amount('STEP'),
    DISCHARGE: amount('DISCHARGE'),
    ISF: amount('ISF'),
    ICB: amount('ICB'),
    SPOT: amount('SPOT'),
  }),
});

export type TBudgetInput = z.input<typeof ZBudgetSchema>;
export type TBudget = z.output<typeof ZBudgetSchema>;
