'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { ZDeleteLocalitySchema, ZSaveHospitalSchema, ZSaveLocalitySchema, ZSaveStepAreaSchema, ZSaveWardSchema } from '@/lib/geography/geography-schema';
import { saveHospital } from '@/lib/geography/save-hospital';
import { deleteLocality, saveLocality } from '@/lib/geography/save-locality';
import { saveStepArea } from '@/lib/geography/save-step-area';
import { saveWard } from '@/lib/geography/save-ward';

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
