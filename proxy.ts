import { NextResponse, type NextRequest } from 'next/server';
import { buildContentSecurityPolicy, createNonce, securityHeaders } from '@/lib/security/headers';

// Security headers only. This is not where authorisation happens: the proxy makes no allow or
// deny decision about who is asking. Pages, server actions and route handlers check the session
// themselves, so a request that reaches them by any path is still checked (see CVE-2025-29927,
// where a forged header skipped middleware entirely).
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = buildContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== 'production' });

  // Next.js reads the nonce from the request's CSP and puts it on the scripts it renders;
  // x-nonce lets a server component read it for a <Script> of its own.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(securityHeaders({ production: process.env.NODE_ENV === 'production' }))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  matcher: [
    {
      // Build assets and the favicon need none of this. Prefetches get the headers too: anyone can
      // send "Purpose: prefetch" and be answered with a whole signed-in page.
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
    },
  ],
};
