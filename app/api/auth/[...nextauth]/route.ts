import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

// next-auth's own endpoints (sign-in, sign-out, session, CSRF): public by design, and protected by
// next-auth's CSRF token and the brute-force throttle in authenticate().
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
