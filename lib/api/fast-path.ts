import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '@/lib/security/headers';
import type { TRouteModule } from './v1-routes';

// Providers' and councils' systems call /api/v1 with an API token, and at busy moments hundreds of
// providers accept offers in the same second. Next.js's own request handling costs more than the
// whole acceptance does, so the production server (scripts/serve.ts) sends these requests
// straight to the same route handlers, which do all their own checks (lib/api/define-route.ts),
// with the security headers proxy.ts adds; the content security policy is the one OWASP gives
// for an API, which serves no page to run anything in. Everything else goes to Next.js: browsers'
// requests (the session cookie needs Next.js's request context), other paths, and a path or
// method that no handler exports (Next.js answers 404 or 405 as it always does).

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** JSON bodies only, and small ones: the largest the API takes is a capacity declaration. */
const MAX_BODY_BYTES = 1024 * 1024;
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

type TCompiled = { segments: string[]; module: TRouteModule };

export type TFastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

export function createApiFastPath(routes: Record<string, TRouteModule>, { production }: { production: boolean }): TFastPath {
  const compiled: TCompiled[] = Object.entries(routes).map(([pattern, module]) => ({ segments: pattern.split('/').slice(1), module }));
  const fixedHeaders = { ...securityHeaders({ production }), 'content-security-policy': API_CSP };

  function match(pathname: string): { module: TRouteModule; params: Record<string, string> } | null {
    const parts = pathname.split('/').slice(1);
    for (const route of compiled) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const segment = route.segments[i];
        if (segment.startsWith('[')) {
          try {
            params[segment.slice(1, -1)] = decodeURIComponent(parts[i]);
          } catch {
            ok = false;
          }
        } else ok = segment === parts[i];
      }
      if (ok) return { module: route.module, params };
    }
    return null;
  }

  return (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/api/v1/') || !req.headers.authorization || !METHODS.has(req.method ?? '')) return false;
    const question = url.indexOf('?');
    const found = match(question === -1 ? url : url.slice(0, question));
    const handler = found?.module[req.method as keyof TRouteModule];
    if (!found || !handler) return false;
    void serve(req, res, handler, found.params, fixedHeaders);
    return true;
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handler: NonNullable<TRouteModule['GET']>,
  params: Record<string, string>,
  fixedHeaders: Record<string, string>,
) {
  try {
    const body = await readBody(req);
    if (body === null) return send(res, 413, { error: { code: 'VALIDATION', message: `Send at most ${MAX_BODY_BYTES} bytes.` } }, fixedHeaders);
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
      method: req.method,
      headers,
      body: body.length > 0 ? new Uint8Array(body) : undefined,
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    const payload = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    res.writeHead(response.status, { ...fixedHeaders, ...out, 'content-length': String(payload.length) });
    res.end(payload);
  } catch (error) {
    console.error('[api]', error);
    if (!res.headersSent) send(res, 500, { error: { code: 'ERROR', message: 'Something went wrong.' } }, fixedHeaders);
    else res.destroy();
  }
}

function send(res: ServerResponse, status: number, json: unknown, fixedHeaders: Record<string, string>) {
  const payload = Buffer.from(JSON.stringify(json));
  res.writeHead(status, { ...fixedHeaders, 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': String(payload.length) });
  res.end(payload);
}

/** The request's body, or null when it is larger than the API takes. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (req.headers['content-length'] === '0' || (req.method === 'GET' && !req.headers['content-length'] && !req.headers['transfer-encoding']))
    return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
