import { AppError } from '@/lib/errors/app-error';

// Whether the database answers, for the whole process. When it stops answering (stopped,
// unreachable, frozen, or a statement stuck behind a lock), every request that needs it is
// answered 503 with Retry-After instead of hanging or failing with a stack trace: the first ones
// after their connection or statement timeout (lib/database/client.ts), the rest at once while a
// probe checks once a second whether it is back. One line is logged when a failure burst starts
// and one when it ends, never a stack per request. The state lives on globalThis, so Next.js's
// bundles, the API fast path and the production server in one process all see the same state.

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;
const PROBE_EVERY_MS = 1000;
/** A statement timeout burst that ended this long ago is a new burst. */
const QUIET_MS = 30_000;

/** A failed connection: nothing will work until the database is back. */
const CONNECTION_MESSAGES = [
  'timeout expired',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  "Can't reach database server",
  'Server has closed the connection',
  'Operation has timed out',
  'the database system is starting up',
  'the database system is shutting down',
  'terminating connection due to administrator command',
  'sorry, too many clients already',
];
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'P1001', 'P1008', 'P1017', 'P2037']);
/** PostgreSQL's SQLSTATEs for a connection lost or refused, the server shutting down or full. */
const CONNECTION_SQLSTATE = /^(08...|57P0[1-4]|53300)$/;
/** query_canceled: the statement ran past statement_timeout (usually waiting on a lock). */
const STATEMENT_TIMEOUT = '57014';

export type TUnavailability = 'connection' | 'statement';

type TState = {
  down: boolean;
  /** When the current burst started, and how many requests it has refused. */
  burstStartedAt: number;
  /** When a statement last timed out. */
  lastTimeoutAt: number;
  refused: number;
  probe: (() => Promise<void>) | null;
  probing: ReturnType<typeof setInterval> | null;
  log: (line: string) => void;
};

const KEY = Symbol.for('homefirst.database-availability');
const holder = globalThis as unknown as Record<symbol, TState | undefined>;
const state: TState = (holder[KEY] ??= {
  down: false,
  burstStartedAt: 0,
  lastTimeoutAt: 0,
  refused: 0,
  probe: null,
  probing: null,
  log: (line) => console.error(line),
});

function* chain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === null || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    const record = next as Record<string, unknown>;
    yield record;
    queue.push(record.cause, (record.meta as Record<string, unknown> | undefined)?.driverAdapterError, record.originalError);
    if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]));
  }
}

/** Whether an error means the database did not answer, and how: null for any other error. */
export function unavailabilityOf(error: unknown): TUnavailability | null {
  let statement = false;
  for (const link of chain(error)) {
    const code = typeof link.code === 'string' ? link.code : typeof link.originalCode === 'string' ? link.originalCode : '';
    const message = typeof link.message === 'string' ? link.message : typeof link.originalMessage === 'string' ? link.originalMessage : '';
    const kind = typeof link.kind === 'string' ? link.kind : '';
    if (CONNECTION_CODES.has(code) || CONNECTION_SQLSTATE.test(code)) return 'connection';
    if (['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'].includes(kind)) return 'connection';
    if (CONNECTION_MESSAGES.some((m) => message.includes(m))) return 'connection';
    if (code === STATEMENT_TIMEOUT || message.includes('canceling statement due to statement timeout')) statement = true;
  }
  return statement ? 'statement' : null;
}

/** Whether requests should be refused at once because the database is known to be down. */
export function databaseIsDown(): boolean {
  return state.down;
}

/**
 * Records a failure that unavailabilityOf recognised: logs one line when a burst starts, and for
 * a lost connection marks the database down until the probe reaches it again.
 */
export function reportUnavailable(kind: TUnavailability, error: unknown, now = Date.now()): void {
  state.refused++;
  if (kind === 'connection') {
    if (state.down) return;
    state.down = true;
    state.burstStartedAt = now;
    state.refused = 1;
    state.log(`[database] not answering (${reasonOf(error)}): answering 503 until it is back`);
    startProbing();
    return;
  }
  const quiet = now - state.lastTimeoutAt > QUIET_MS;
  state.lastTimeoutAt = now;
  if (quiet && !state.down) {
    state.burstStartedAt = now;
    state.refused = 1;
    state.log(`[database] statements timing out (${reasonOf(error)}): answering 503 to each`);
  }
}

/** The first line that says something: Prisma's messages start with a blank line and end with the cause. */
function reasonOf(error: unknown): string {
  for (const link of chain(error)) {
    const lines = typeof link.message === 'string' ? link.message.split('\n').filter((line) => line.trim()) : [];
    if (lines.length > 0) return lines[lines.length - 1].trim().slice(0, 200);
  }
  return String(error);
}

/**
 * How to check the database is back (a `select 1` through the app's own pool, with its timeouts):
 * registered once by whoever owns the pool.
 */
export function setAvailabilityProbe(probe: () => Promise<void>): void {
  state.probe = probe;
}

/** Where the lines go (tests collect them). */
export function setAvailabilityLog(log: (line: string) => void): void {
  state.log = log;
}

function startProbing() {
  if (state.probing) return;
  let running = false;
  state.probing = setInterval(() => {
    if (running) return;
    running = true;
    const probe = state.probe ?? (async () => undefined);
    probe()
      .then(() => markAvailable())
      .catch(() => undefined)
      .finally(() => (running = false));
  }, PROBE_EVERY_MS);
  state.probing.unref?.();
}

/** The database answered: stop refusing, and log the end of the burst. */
export function markAvailable(now = Date.now()): void {
  if (state.probing) clearInterval(state.probing);
  state.probing = null;
  if (!state.down) return;
  state.down = false;
  state.log(`[database] answering again after ${Math.round((now - state.burstStartedAt) / 1000)} s; ${state.refused} requests were answered 503`);
  state.refused = 0;
}

/** The error to answer with when `error` means the database did not answer (reported once per burst), else null. */
export function unavailableError(error: unknown): AppError | null {
  if (error instanceof AppError) return null;
  const kind = unavailabilityOf(error);
  if (!kind) return null;
  reportUnavailable(kind, error);
  return new AppError('UNAVAILABLE');
}

/** Throws AppError('UNAVAILABLE') at once while the database is known to be down. */
export function refuseWhileDown(): void {
  if (!state.down) return;
  state.refused++;
  throw new AppError('UNAVAILABLE');
}
