import 'server-only';
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { withRequestAddress } from '@/lib/audit/record-audit';
import { isRefusal, recordRefusal } from '@/lib/audit/record-refusal';
import { requestIp } from '@/lib/auth/request-ip';
import { actorWith, type Permission, type TActor, type TActorFor } from '@/lib/auth/permissions';
import { getActor } from '@/lib/auth/session';
import { refuseWhileDown, unavailableError } from '@/lib/database/availability';
import { prisma } from '@/lib/db';
import { AppError, type AppErrorCode } from '@/lib/errors/app-error';
import { oncePerFormToken } from '@/lib/idempotency/once-per-key';
import { controlCharacterErrors, fieldErrorsOf } from '@/lib/errors/field-errors';

// Every server action goes through here (a server action is a public POST endpoint): load the
// session, refuse if absent, check the permission the action names, parse its input with its zod
// schema, and turn failures into values the UI can show. Anything unexpected is logged with a
// reference and shown as a generic message.

export type TActionError = { ok: false; code: AppErrorCode | 'ERROR'; message: string; fieldErrors?: Record<string, string[]> };
export type TActionResult<T> = { ok: true; data: T } | TActionError;

export type TActionContext<P extends Permission = Permission> = { actor: TActorFor<P>; db: PrismaClient; requestId: string; ip: string };

export type TAction<I, T> = ((input: I) => Promise<TActionResult<T>>) & { permission: Permission | 'public' };

function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

const fail = (code: AppErrorCode | 'ERROR', message: string, fieldErrors?: Record<string, string[]>): TActionError => ({
  ok: false,
  code,
  message,
  fieldErrors,
});

type Config<S extends z.ZodType, T, C> = { schema: S; handler: (input: z.output<S>, context: C) => Promise<T> };

type TBaseContext = Omit<TActionContext, 'actor'>;

export function defineAction<P extends Permission, S extends z.ZodType, T>(
  config: Config<S, T, TActionContext<P>> & {
    permission: P;
    /** Names a write that a form sends with its form token (`formToken`): a repeat gets the first answer (lib/idempotency). */
    once?: string;
  },
): TAction<z.input<S> | FormData, T> {
  return wrap(
    config.permission,
    config.schema,
    async (base): Promise<TActionContext<P>> => {
      const signedIn = await getActor();
      if (!signedIn) throw new AppError('UNAUTHENTICATED');
      const actor = actorWith(signedIn, config.permission);
      if (!actor) throw await refusedAction(base, signedIn, config.permission);
      return { ...base, actor };
    },
    config.once ? oncePerFormToken(config.once, config.handler) : config.handler,
  );
}

/**
 * For the few actions anyone may call without signing in (setting a password from a one-time
 * link, asking for a reset link). They are listed as public in the authorisation matrix.
 */
export function definePublicAction<S extends z.ZodType, T>(config: Config<S, T, TBaseContext>): TAction<z.input<S> | FormData, T> {
  return wrap('public', config.schema, async (base) => base, config.handler);
}

/** Refusals recorded where the actor was known, so that the wrapper does not record them again. */
const recorded = new WeakSet<Error>();

/** A wrong role's refusal, recorded (lib/audit/record-refusal.ts) with who was refused. */
async function refusedAction(base: TBaseContext, actor: TActor, permission: Permission): Promise<AppError> {
  const error = new AppError('FORBIDDEN');
  await recordRefusal(base.db, { actor, what: `action ${permission}`, code: error.code, ip: base.ip });
  recorded.add(error);
  return error;
}

function wrap<S extends z.ZodType, T, C>(
  permission: Permission | 'public',
  schema: S,
  authorise: (base: TBaseContext) => Promise<C>,
  handler: (input: z.output<S>, context: C) => Promise<T>,
): TAction<z.input<S> | FormData, T> {
  const action = async (input: z.input<S> | FormData): Promise<TActionResult<T>> => {
    const requestId = randomUUID();
    let ip = 'unknown';
    let context: C | undefined;
    try {
      refuseWhileDown();
      // Permission first, then the input: a caller without the permission learns nothing more.
      ip = requestIp(await headers());
      context = await authorise({ db: prisma, requestId, ip });
      const raw = input instanceof FormData ? formDataToObject(input) : input;
      const control = controlCharacterErrors(raw);
      if (Object.keys(control).length) return fail('VALIDATION', new AppError('VALIDATION').message, control);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail('VALIDATION', new AppError('VALIDATION').message, fieldErrorsOf(parsed.error));
      const authorised = context;
      return { ok: true, data: await withRequestAddress(ip, () => handler(parsed.data, authorised)) };
    } catch (error) {
      unstable_rethrow(error); // redirects and not-found are Next's own control flow
      const known = error instanceof AppError ? error : unavailableError(error);
      // Every refusal of a signed-in action (not signed in, wrong role, someone else's record) is recorded.
      if (known && permission !== 'public' && isRefusal(known.code) && !recorded.has(known)) {
        const actor = (context as { actor?: TActor } | undefined)?.actor ?? null;
        await recordRefusal(prisma, { actor, what: `action ${permission}`, code: known.code, ip });
      }
      if (known) return fail(known.code, known.message, known.fieldErrors);
      console.error(`[action ${requestId}]`, error);
      return fail('ERROR', `Something went wrong. If it keeps happening, quote reference ${requestId.slice(0, 8)}.`);
    }
  };
  return Object.assign(action, { permission });
}
