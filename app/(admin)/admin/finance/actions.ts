'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import {
  checkPaymentRun,
  createPaymentRun,
  discardPaymentRun,
  lockPaymentRun,
  recomputePaymentRun,
  setPaymentBasis,
  ZCreatePaymentRunSchema,
  ZPaymentBasisSchema,
  ZPaymentRunIdSchema,
} from '@/lib/money/payment-run';
import { decideVariance, reconcile, ZDecideVarianceSchema, ZReconcileSchema } from '@/lib/money/reconcile';

const done = () => revalidatePath('/admin/finance');

export const reconcileAction = defineAction({
  permission: 'finance:manage',
  schema: ZReconcileSchema,
  handler: async (input, { actor, db }) => {
    const result = await reconcile(db, actor, input);
    done();
    return result;
  },
});

export const decideVarianceAction = defineAction({
  permission: 'finance:manage',
  schema: ZDecideVarianceSchema,
  handler: async (input, { actor, db }) => {
    await decideVariance(db, actor, input);
    done();
    return null;
  },
});

export const createPaymentRunAction = defineAction({
  permission: 'finance:manage',
  schema: ZCreatePaymentRunSchema,
  handler: async (input, { actor, db }) => {
    const run = await createPaymentRun(db, actor, input);
    done();
    return run;
  },
});

export const recomputePaymentRunAction = defineAction({
  permission: 'finance:manage',
  schema: ZPaymentRunIdSchema,
  handler: async (input, { actor, db }) => {
    const run = await recomputePaymentRun(db, actor, input);
    done();
    return run;
  },
});

export const checkPaymentRunAction = defineAction({
  permission: 'finance:manage',
  schema: ZPaymentRunIdSchema,
  handler: async (input, { actor, db }) => {
    await checkPaymentRun(db, actor, input);
    done();
    return null;
  },
});

export const lockPaymentRunAction = defineAction({
  permission: 'finance:manage',
  schema: ZPaymentRunIdSchema,
  handler: async (input, { actor, db }) => {
    await lockPaymentRun(db, actor, input);
    done();
    return null;
  },
});

export const discardPaymentRunAction = defineAction({
  permission: 'finance:manage',
  schema: ZPaymentRunIdSchema,
  handler: async (input, { actor, db }) => {
    await discardPaymentRun(db, actor, input);
    done();
    return null;
  },
});

export const setPaymentBasisAction = defineAction({
  permission: 'finance:manage',
  schema: ZPaymentBasisSchema,
  handler: async (input, { actor, db }) => {
    await setPaymentBasis(db, actor, input);
    done();
    return null;
  },
});
