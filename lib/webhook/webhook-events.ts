import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// Signed webhooks: the events a subscriber may hear of, and how each delivery is signed.
// `HomeFirst-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>`,
// so a receiver checks the body is ours and fresh (it refuses a t more than five minutes old).

export const WEBHOOK_EVENTS = ['offer.made', 'offer.withdrawn', 'placement.awarded', 'placement.changed', 'placement.ended', 'referral.status'] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABEL: Record<TWebhookEvent, string> = {
  'offer.made': 'Offer made',
  'offer.withdrawn': 'Offer withdrawn',
  'placement.awarded': 'Placement awarded',
  'placement.changed': 'Placement changed',
  'placement.ended': 'Placement ended',
  'referral.status': 'Referral status (councils only)',
};

export const SIGNATURE_HEADER = 'HomeFirst-Signature';

/** The signature header's value for a body sent at `t` (unix seconds). Pure. */
export function signatureOf(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Whether a signature header is ours for this body, made within `toleranceSeconds` of `now`. Pure; what a receiver does. */
export function verifySignature(secret: string, header: string, body: string, now = Date.now(), toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Where deliveries may go: https, or plain http only outside production (a test receiver, a
 * system on the same machine while setting up).
 */
export function webhookUrlProblem(url: string, production = process.env.NODE_ENV === 'production'): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter the full address, starting https://';
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && !production) return null;
  return 'The address must start https://';
}

export const ZCreateWebhookSchema = z.object({
  url: z
    .string({ error: 'Enter the address to send events to' })
    .trim()
    .min(1, { error: 'Enter the address to send events to' })
    .max(500, { error: 'The address must be 500 characters or fewer' })
    .superRefine((url, ctx) => {
      const problem = webhookUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  events: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(WEBHOOK_EVENTS, { error: 'Choose events from the list' })))
    .refine((e) => e.length > 0, { error: 'Choose at least one event' }),
});

export type TCreateWebhook = z.output<typeof ZCreateWebhookSchema>;
