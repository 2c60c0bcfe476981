import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient } from '@prisma/client';
import { withRequestAddress } from '@/lib/audit/record-audit';
import { isRefusal, recordRefusal } from '@/lib/audit/record-refusal';
import { actorFromApiToken } from '@/lib/auth/api-token';
import { actorWith, type Permission, type TActor, type TActorFor } from '@/lib/auth/permissions';
import { requestIp } from '@/lib/auth/request-ip';
import { getActor } from '@/lib/auth/session';
import { RETRY_AFTER_SECONDS, refuseWhileDown, unavailableError } from '@/lib/database/availability';
import { oncePerIdempotencyKey } from '@/lib/api/idempotent-request';
import { prisma } from '@/lib/db';
import { AppError, type AppErrorCode } from '@/lib/errors/app-error';
import { controlCharacterErrors, fieldErrorsOf } from '@/lib/errors/field-errors';
import { isSameOrigin } from '@/lib/security/check-origin';

// Every /api/v1 route handler goes through here, with the same policy as the UI: an API token
// (Authorization: Bearer hf_…) or the browser session; the permission the route names; a token
// also needs that permission among its scopes; cookie-authenticated writes must come from our own
// origin. Nothing depends on the proxy for any of this. Errors are JSON, never stack traces.

const STATUS: Record<AppErrorCode | 'ERROR', number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  ERROR: 500,
};

export type TRouteContext<Q, B = undefined, P extends Permission = Permission> = {
  /** The session's user or the API token, narrowed to those who may hold the route's permission. */
  actor: TActorFor<P>;
  db: PrismaClient;
  query: Q;
  body: B;
  requestId: string;
  /** The address the request came from (lib/auth/request-ip.ts), for the audit trail. */
  ip: string;
  params: Record<string, string>;
  request: Request;
};

export type TRoute = ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & { permission: Permission };

function problem(code: AppErrorCode | 'ERROR', message: string, requestId: string, fields?: Record<string, string[]>): Response {
  return Response.json(
    { error: { code, message, ...(fields ? { fields } : {}), requestId } },
    { status: STATUS[code], headers: { 'cache-control': 'no-store', ...(code === 'UNAVAILABLE' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}) } },
  );
}

const NO_QUERY = z.object({});
type TNoBody = z.ZodUndefined;

export function defineRoute<P extends Permission, Q extends z.ZodType = typeof NO_QUERY, B extends z.ZodType = TNoBody>(config: {
  permission: P;
  query?: Q;
  /** A JSON request body, when the route takes one. */
  body?: B;
  handler: (context: TRouteContext<z.output<Q>, z.output<B>, P>) => Promise<unknown>;
}): TRoute {
  const route = async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    const requestId = randomUUID();
    // Who asked, once known: recorded with any refusal.
    let who: TActor | null = null;
    try {
      refuseWhileDown();
      const authorization = request.headers.get('authorization');
      let signedIn: TActor | null;
      if (authorization) {
        const bearer = authorization.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
        const tokenActor = await actorFromApiToken(prisma, bearer);
        who = tokenActor;
        if (!tokenActor) throw new AppError('UNAUTHENTICATED', 'The API token is missing, unknown, revoked or expired.');
        if (!tokenActor.scopes.includes(config.permission)) throw new AppError('FORBIDDEN', `This token does not have the ${config.permission} permission.`);
        signedIn = tokenActor;
      } else {
        if (!isSameOrigin(request)) throw new AppError('FORBIDDEN', 'Requests that change data must come from this site.');
        signedIn = await getActor();
        who = signedIn;
        if (!signedIn) throw new AppError('UNAUTHENTICATED');
      }
      const actor = actorWith(signedIn, config.permission);
      if (!actor) throw new AppError('FORBIDDEN');
      const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
      const badQuery = controlCharacterErrors(rawQuery);
      if (Object.keys(badQuery).length) throw new AppError('VALIDATION', 'Check the query parameters.', badQuery);
      const query = (config.query ?? NO_QUERY).safeParse(rawQuery);
      if (!query.success) throw new AppError('VALIDATION', 'Check the query parameters.', fieldErrorsOf(query.error));
      let body: z.output<B> = undefined as z.output<B>;
      if (config.body) {
        const json = await request.json().catch(() => {
          throw new AppError('VALIDATION', 'Send the request body as JSON.');
        });
        const badBody = controlCharacterErrors(json);
        if (Object.keys(badBody).length) throw new AppError('VALIDATION', 'Check the request body.', badBody);
        const parsed = config.body.safeParse(json);
        if (!parsed.success) throw new AppError('VALIDATION', 'Check the request body.', fieldErrorsOf(parsed.error));
        body = parsed.data;
      }
      const ip = requestIp(request.headers);
      const params = (await context.params) ?? {};
      const badParams = controlCharacterErrors(params);
      if (Object.keys(badParams).length) throw new AppError('VALIDATION', 'Check the address.', badParams);
      const result = await oncePerIdempotencyKey(prisma, request, actor, body, () =>
        withRequestAddress(ip, () => config.handler({ actor, db: prisma, query: query.data as z.output<Q>, body, requestId, ip, params, request })),
      );
      // A handler may answer with its own Response (a stream, a file); anything else is sent as JSON.
      return result instanceof Response ? result : Response.json(result, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      const known = error instanceof AppError ? error : unavailableError(error);
      // Every refusal (no or a bad token, wrong role or scope, someone else's record) is recorded.
      if (known && isRefusal(known.code)) {
        await recordRefusal(prisma, {
          actor: who,
          what: `${request.method} ${new URL(request.url).pathname}`,
          code: known.code,
          ip: requestIp(request.headers),
        });
      }
      if (known) return problem(known.code, known.message, requestId, known.fieldErrors);
      console.error(`[api ${requestId}]`, error);
      return problem('ERROR', 'Something went wrong.', requestId);
    }
  };
  return Object.assign(route, { permission: config.permission });
}
