import type { IncomingMessage } from 'node:http';

// The client's address, for throttling and the audit trail. A client can send any
// X-Forwarded-For it likes, and Next.js only fills the header in when it is absent, so the
// production server (scripts/serve.ts) works the address out from the connection itself and
// stamps it on every request under a header of its own, replacing whatever a client sent there.

export const CLIENT_ADDRESS_HEADER = 'x-homefirst-client-address';

/**
 * The address a request came from: the connection's peer; or, behind our own reverse proxy
 * (TRUST_PROXY=1), the hop that proxy added, which is the last X-Forwarded-For entry. Entries
 * before it were written by the client and are never believed.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const hops = forwardedFor
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const last = hops[hops.length - 1];
    if (last) return last;
  }
  return peer?.replace(/^::ffff:/, '') || 'unknown';
}

/** Puts the request's address on it, for pages, actions and the API path alike. */
export function stampClientAddress(req: IncomingMessage): void {
  const forwarded = req.headers['x-forwarded-for'];
  const address = clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, process.env.TRUST_PROXY === '1');
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== CLIENT_ADDRESS_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
}

/**
 * The address the production server stamped. Under `next dev`, which has no such server, the
 * address Next.js put in X-Forwarded-For (the connection's, unless a client sent one).
 */
export function requestIp(headers: { get(name: string): string | null }): string {
  const stamped = headers.get(CLIENT_ADDRESS_HEADER);
  if (stamped) return stamped;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return hops[hops.length - 1] ?? 'unknown';
}
