'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import {
  ZDeleteHospitalSchema,
  ZDeleteLocalitySchema,
  ZDeleteStepAreaSchema,
  ZDeleteWardSchema,
  ZSaveHospitalSchema,
  ZSaveLocalitySchema,
  ZSaveStepAreaSchema,
  ZSaveWardSchema,
} from '@/lib/geography/geography-schema';
import { deleteHospital, saveHospital } from '@/lib/geography/save-hospital';
import { deleteLocality, saveLocality } from '@/lib/geography/save-locality';
import { deleteStepArea, saveStepArea } from '@/lib/geography/save-step-area';
import { deleteWard, saveWard } from '@/lib/geography/save-ward';

export const saveWardAction = defineAction({
  permission: 'geography:manage',
  schema: ZSaveWardSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await saveWard(db, actor, input, ip);
    revalidatePath('/admin/geography');
    return result;
  },
});

export const saveLocalityAction = defineAction({
  permission: 'geography:manage',
  schema: ZSaveLocalitySchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await saveLocality(db, actor, input, ip);
    revalidatePath('/admin/geography');
    return result;
  },
});

export const deleteLocalityAction = defineAction({
  permission: 'geography:manage',
  schema: ZDeleteLocalitySchema,
  handler: async (input, { actor, db, ip }) => {
    await deleteLocality(db, actor, input, ip);
    revalidatePath('/admin/geography');
  },
});

export const saveStepAreaAction = defineAction({
  permission: 'geography:manage',
  schema: ZSaveStepAreaSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await saveStepArea(db, actor, input, ip);
    revalidatePath('/admin/geography');
    return result;
  },
});

export const saveHospitalAction = defineAction({
  permission: 'geography:manage',
  schema: ZSaveHospitalSchema,
  handler: async (input, { actor, db, ip }) => {
    const result = await saveHospital(db, actor, input, ip);
    revalidatePath('/admin/geography');
    return result;
  },
});

export const deleteWardAction = defineAction({
  permission: 'geography:manage',
  schema: ZDeleteWardSchema,
  handler: async (input, { actor, db, ip }) => {
    await deleteWard(db, actor, input, ip);
    revalidatePath('/admin/geography');
  },
});

export const deleteStepAreaAction = defineAction({
  permission: 'geography:manage',
  schema: ZDeleteStepAreaSchema,
  handler: async (input, { actor, db, ip }) => {
    await deleteStepArea(db, actor, input, ip);
    revalidatePath('/admin/geography');
  },
});

export const deleteHospitalAction = defineAction({
  permission: 'geography:manage',
  schema: ZDeleteHospitalSchema,
  handler: async (input, { actor, db, ip }) => {
    await deleteHospital(db, actor, input, ip);
    revalidatePath('/admin/geography');
  },
});
