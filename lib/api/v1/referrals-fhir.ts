import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/errors/field-errors';
import { receiveReferral } from '@/lib/referral/receive-referral';
import { referralFromFhir, ZFhirReferralBundleSchema, ZReferralBodySchema } from '@/lib/referral/referral-schema';

/** The same referral as an HL7 FHIR R4 Bundle of a Patient and a ServiceRequest. */
export const POST = defineRoute({
  permission: 'referral:submit',
  body: ZFhirReferralBundleSchema,
  handler: ({ actor, db, body }) => {
    const { body: referral, pathOf } = referralFromFhir(body);
    const parsed = ZReferralBodySchema.safeParse(referral);
    if (!parsed.success) {
      // Named as the bundle names them, so the sender can find the field in what it sent.
      const fields: Record<string, string[]> = {};
      for (const [path, messages] of Object.entries(fieldErrorsOf(parsed.error))) (fields[pathOf(path)] ??= []).push(...messages);
      throw new AppError('VALIDATION', 'Check the request body.', fields);
    }
    return receiveReferral(db, actor, parsed.data, 'FHIR');
  },
});
