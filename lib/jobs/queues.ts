import { hash } from 'node:crypto';

// pg-boss queues, in their own schema on the app's PostgreSQL. Jobs are timers only: the truth
// is in the Package row (offerRound, roundDeadline), and every handler re-checks it.

export const JOB_SCHEMA = 'pgboss';

export const QUEUE = {
  /** Close one round of offers at its deadline. Data: TCloseRoundJob. */
  closeRound: 'close-round',
  /** Every minute: close any round whose deadline passed without its job (a safety net). */
  reconcileRounds: 'reconcile-rounds',
  /** Email one in-app notification to its recipients. Data: TNotificationEmailJob. */
  notificationEmail: 'notification-email',
  /** Daily at 07:00 London: one email to each user who chose a digest. */
  emailDigest: 'email-digest',
  /** Email a password reset link, if the address has an account. Data: TPasswordResetJob. */
  passwordReset: 'password-reset',
  /** Hourly: tell brokers once when a hospital retainer has run out with the person still in hospital. */
  retainerAlerts: 'retainer-alerts',
  /** Post one webhook delivery, signed; retried with backoff. Data: TWebhookDeliveryJob. */
  webhookDelivery: 'webhook-delivery',
  /** A temporary increase: remind the provider before it ends, then step back down. Data: TStepDownJob. */
  stepDown: 'step-down',
  /** Run one what-if scenario: the optimiser on today's market and on the scenario. Data: TWhatIfJob. */
  whatIf: 'what-if',
  /** Every five minutes: fold each council's market rollup rows of a day together. */
  compactMarketRollups: 'compact-market-rollups',
} as const;

export type TCloseRoundJob = { councilId: string; packageId: string; round: number };

export type TStepDownJob = { councilId: string; changeRequestId: string; kind: 'NOTICE' | 'STEP_DOWN' };

/** A what-if run asked for at `askedAt` (a later ask, or an edit of the scenario, makes it stale). */
export type TWhatIfJob = { councilId: string; scenarioId: string; askedAt: string };

export type TNotificationEmailJob = { notificationId: string };

export type TWebhookDeliveryJob = { deliveryId: string };

/** A request for a reset link: the address typed, and the address the request came from (for the audit trail). */
export type TPasswordResetJob = { email: string; ip: string };

/** "round-<packageId>-<round>": the key that names one round's timer. */
export function roundKey(job: TCloseRoundJob): string {
  return `round-${job.packageId}-${job.round}`;
}

/**
 * The job id of a round's timer, derived from the round itself. pg-boss inserts jobs with
 * ON CONFLICT DO NOTHING on (queue, id), so scheduling the same round twice (a retried request,
 * a reconcile racing a handler) leaves one job.
 */
export function roundJobId(job: TCloseRoundJob): string {
  return uuidFrom(`${job.councilId}:${roundKey(job)}`);
}

/** The job id of a temporary increase's reminder or step-down: one of each per request. */
export function stepDownJobId(job: TStepDownJob): string {
  return uuidFrom(`${job.councilId}:step-down-${job.changeRequestId}-${job.kind}`);
}

function uuidFrom(text: string): string {
  const h = hash('sha256', text, 'hex');
  // Shaped as an RFC 4122 version-5-style uuid so PostgreSQL's uuid type takes it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
