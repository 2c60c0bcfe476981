import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '@/lib/security/headers';
import { databaseIsDown, RETRY_AFTER_SECONDS, refuseWhileDown } from './availability';

// The production server's side of lib/database/availability.ts, for pages and everything else
// Next.js answers: while the database is known to be down, a request that would need it is
// answered 503 with Retry-After at once, without reaching Next.js (whose error page would be a
// 500 and a stack trace in the log per request); and a page that failed because the database
// stopped answering while it rendered is sent as 503, not 500. Build assets need no database.

const POLICY = "default-src 'none'; frame-ancestors 'none'";
const PAGE = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Try again in a few seconds</title></head>
<body><main><h1>Try again in a few seconds</h1><p>The service cannot reach its database just now. This page will work again as soon as it can.</p></main></body></html>`;

function needsNoDatabase(url: string): boolean {
  return url.startsWith('/_next/static/') || url.startsWith('/_next/image') || url === '/favicon.ico';
}

/** Answers the request itself, 503, while the database is down; true when it did. */
export function refuseWhileDatabaseDown(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '/';
  if (needsNoDatabase(url)) return false;
  try {
    refuseWhileDown();
    return false;
  } catch {
    const json = url.startsWith('/api/');
    const body = Buffer.from(
      json ? JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'The service cannot reach its database just now. Try again in a few seconds.' } }) : PAGE,
    );
    res.writeHead(503, {
      ...securityHeaders({ production: process.env.NODE_ENV === 'production' }),
      'content-security-policy': POLICY,
      'content-type': json ? 'application/json' : 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': String(RETRY_AFTER_SECONDS),
      'content-length': String(body.length),
    });
    res.end(body);
    return true;
  }
}

/** Makes a 500 sent while the database is down (a page that failed on it) a 503 with Retry-After. */
export function sendDatabaseFailuresAs503(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 500 && databaseIsDown()) {
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      return writeHead(503, ...(typeof rest[0] === 'string' ? rest.slice(1) : rest));
    }
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}
