'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/action/define-action';
import { ZFormTokenSchema } from '@/lib/idempotency/once-per-key';
import { ZExpectedVersionSchema, ZPackageDraftSchema } from '@/lib/package/package-schema';
import { postPackage } from '@/lib/package/post-package';
import { previewCascade } from '@/lib/package/preview-cascade';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { searchPeople } from '@/lib/person/search-people';

export const searchPeopleAction = defineAction({
  permission: 'package:read',
  schema: z.object({ query: z.string().trim().min(2, 'Type at least 2 characters').max(100) }),
  handler: async ({ query }, { actor, db, ip }) =>
    (await searchPeople(db, actor, query, ip)).map((p) => ({ ...p, dateOfBirth: p.dateOfBirth.toISOString().slice(0, 10) })),
});

/** Who a package would be offered to: an unsaved draft from the form, or a saved draft about to be posted from its page. */
export const previewCascadeAction = defineAction({
  permission: 'package:read',
  schema: z
    .object({ draft: ZPackageDraftSchema.optional(), packageId: z.uuid().optional() })
    .refine((i) => (i.draft === undefined) !== (i.packageId === undefined), { error: 'Give the draft or the package, not both' }),
  handler: ({ draft, packageId }, { actor, db }) => previewCascade(db, actor, packageId ? { packageId } : { draft: draft! }),
});

const ZSave = z.object({
  packageId: z.uuid().optional(),
  expectedVersion: ZExpectedVersionSchema.optional(),
  draft: ZPackageDraftSchema,
  formToken: ZFormTokenSchema,
});

export const saveDraftAction = defineAction({
  permission: 'package:write',
  once: 'package.save-draft',
  schema: ZSave,
  handler: ({ packageId, expectedVersion, draft }, { actor, db }) => saveDraftPackage(db, actor, { packageId, expectedVersion, draft }),
});

/** Saves the draft and posts it in one go: round 1 of offers goes out at once. */
export const saveAndPostAction = defineAction({
  permission: 'package:write',
  once: 'package.save-and-post',
  schema: ZSave,
  handler: async ({ packageId, expectedVersion, draft }, { actor, db }) => {
    const saved = await saveDraftPackage(db, actor, { packageId, expectedVersion, draft, posting: true });
    const outcome = await postPackage(db, actor, { packageId: saved.id, expectedVersion: saved.version });
    return { reference: saved.reference, outcome: { kind: outcome.kind, offers: outcome.offers } };
  },
});

export const postPackageAction = defineAction({
  permission: 'package:write',
  once: 'package.post',
  schema: z.object({ packageId: z.uuid(), expectedVersion: ZExpectedVersionSchema, formToken: ZFormTokenSchema }),
  handler: async ({ packageId, expectedVersion }, { actor, db }) => {
    const outcome = await postPackage(db, actor, { packageId, expectedVersion });
    return { kind: outcome.kind, offers: outcome.offers };
  },
});
