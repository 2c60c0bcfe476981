import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlCharacterErrors } from '@/lib/errors/field-errors';
import { securityHeaders } from './headers';

// Requests the app has no answer for, refused by the production server before Next.js sees them,
// with a plain message and the same security headers as every other response: TRACE (which
// echoes a request back; Node itself refuses TRACK and CONNECT never reaches a handler), a path whose %-escapes do not decode, which Next.js would
// answer with a bare 500, and a path that decodes to a control character such as NUL.

const POLICY = "default-src 'none'; frame-ancestors 'none'";

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  const body = Buffer.from(JSON.stringify({ error: { code: status === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST', message } }));
  res.writeHead(status, {
    ...securityHeaders({ production: process.env.NODE_ENV === 'production' }),
    'content-security-policy': POLICY,
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': String(body.length),
    ...extra,
  });
  res.end(body);
}

/** Answers the request itself when it is one of those above; true when it did. */
export function refuseMalformed(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'TRACE') {
    refuse(res, 405, `${req.method} is not supported.`, { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' });
    return true;
  }
  const url = req.url ?? '/';
  const question = url.indexOf('?');
  let path: string;
  try {
    path = decodeURIComponent(question === -1 ? url : url.slice(0, question));
  } catch {
    refuse(res, 400, 'The address has a % that is not followed by two hexadecimal digits.');
    return true;
  }
  if (Object.keys(controlCharacterErrors(path)).length > 0) {
    refuse(res, 400, 'The address holds a control character (such as %00), which no page or record has.');
    return true;
  }
  return false;
}
