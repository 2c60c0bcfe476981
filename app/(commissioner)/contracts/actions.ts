'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { addContractRate } from '@/lib/contract/add-contract-rate';
import {
  ZAddContractRateSchema,
  ZApplyUpliftSchema,
  ZCreateContractSchema,
  ZEndContractSchema,
  ZMoveRetenderSchema,
  ZPreviewRetenderSchema,
  ZUpliftSchema,
  ZVaryContractSchema,
} from '@/lib/contract/contract-schema';
import { createContract } from '@/lib/contract/create-contract';
import { endContract } from '@/lib/contract/end-contract';
import { moveRetender, previewRetender } from '@/lib/contract/retender-contract';
import { applyUplift, previewUplift } from '@/lib/contract/uplift-contracts';
import { varyContract } from '@/lib/contract/vary-contract';

export const createContractAction = defineAction({
  permission: 'contract:manage',
  schema: ZCreateContractSchema,
  handler: async (input, { actor, db, ip }) => {
    const contract = await createContract(db, actor, input, new Date(), ip);
    revalidatePath('/contracts');
    return contract;
  },
});

export const varyContractAction = defineAction({
  permission: 'contract:manage',
  schema: ZVaryContractSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await varyContract(db, actor, input, ip);
    revalidatePath('/contracts');
    return result;
  },
});

export const endContractAction = defineAction({
  permission: 'contract:manage',
  schema: ZEndContractSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await endContract(db, actor, input, ip);
    revalidatePath('/contracts');
    return result;
  },
});

export const addContractRateAction = defineAction({
  permission: 'contract:manage',
  schema: ZAddContractRateSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await addContractRate(db, actor, input, ip);
    revalidatePath('/contracts');
    return result;
  },
});

export const previewUpliftAction = defineAction({
  permission: 'contract:manage',
  schema: ZUpliftSchema,
  handler: async (input, { actor, db }) => previewUplift(db, actor, input),
});

export const applyUpliftAction = defineAction({
  permission: 'contract:manage',
  schema: ZApplyUpliftSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await applyUplift(db, actor, input, ip);
    revalidatePath('/contracts');
    return result;
  },
});

export const previewRetenderAction = defineAction({
  permission: 'contract:manage',
  schema: ZPreviewRetenderSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await previewRetender(db, actor, input, new Date(), { ip });
    revalidatePath('/contracts');
    return result;
  },
});

export const moveRetenderAction = defineAction({
  permission: 'contract:manage',
  schema: ZMoveRetenderSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await moveRetender(db, actor, input, new Date(), ip);
    revalidatePath('/contracts');
    return { moved: result.moved.length, skipped: result.skipped.length };
  },
});
