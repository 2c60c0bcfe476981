'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action/define-action';
import { ZSaveWhatIfSchema, ZWhatIfIdSchema } from '@/lib/whatif/changes';
import { askToRunWhatIf, deleteWhatIf, saveWhatIf } from '@/lib/whatif/what-if-store';

export const saveWhatIfAction = defineAction({
  permission: 'whatif:manage',
  schema: ZSaveWhatIfSchema,
  handler: async (input, { actor, db }) => {
    const saved = await saveWhatIf(db, actor, input);
    revalidatePath('/what-if');
    return saved;
  },
});

export const runWhatIfAction = defineAction({
  permission: 'whatif:manage',
  schema: ZWhatIfIdSchema,
  handler: async (input, { actor, db }) => {
    await askToRunWhatIf(db, actor, input);
    revalidatePath(`/what-if/${input.id}`);
    return { id: input.id };
  },
});

export const deleteWhatIfAction = defineAction({
  permission: 'whatif:manage',
  schema: ZWhatIfIdSchema,
  handler: async (input, { actor, db }) => {
    await deleteWhatIf(db, actor, input);
    revalidatePath('/what-if');
    return { id: input.id };
  },
});
