import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { randomUUID } from 'node:crypto';
import { prisma } from '@/lib/db';
import { authenticate } from './authenticate';
import { endSession, SESSION_IDLE_SECONDS } from './end-session';
import { requestIp } from './request-ip';

// Sign-in with next-auth 4: email + password (+ TOTP code), JWT sessions carrying the user's id and
// session version. The version is checked against the database on every request (session.ts), so
// disabling a user, changing their role or "sign out everywhere" takes effect at once. Each sign-in
// also gets its own id (`sid`) and time (`at`): signing out ends that session on the server, and
// no session outlives 12 hours from signing in however often it is used (end-session.ts).
// Optional single sign-on through any OpenID Connect provider (e.g. Microsoft Entra ID) when
// OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set; it signs in existing users only.

declare module 'next-auth' {
  interface Session {
    uid?: string;
    sv?: number;
    sid?: string;
    at?: number;
  }
  interface User {
    sv?: number;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    sid?: string;
    at?: number;
  }
}

export const SIGN_IN_ERROR = { MFA_REQUIRED: 'MFA_REQUIRED', FAILED: 'SIGN_IN_FAILED' } as const;

type HeaderBag = Record<string, string | string[] | undefined>;
const headerGetter = (headers: HeaderBag | undefined) => ({
  get: (name: string) => {
    const v = headers?.[name];
    return Array.isArray(v) ? v.join(',') : (v ?? null);
  },
});

function oidcProvider(): NextAuthOptions['providers'] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: 'oidc',
      name: process.env.OIDC_NAME ?? 'single sign-on',
      type: 'oauth',
      wellKnown: `${OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (profile: { sub: string; email?: string; preferred_username?: string; name?: string }) => ({
        id: profile.sub,
        email: (profile.email ?? profile.preferred_username ?? '').toLowerCase(),
        name: profile.name,
      }),
    },
  ];
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
      async authorize(credentials, req) {
        const result = await authenticate(prisma, {
          email: String(credentials?.email ?? ''),
          password: String(credentials?.password ?? ''),
          code: credentials?.code ? String(credentials.code) : undefined,
          ip: requestIp(headerGetter(req?.headers as HeaderBag | undefined)),
        });
        if (result.ok) return { id: result.userId, sv: result.sessionVersion };
        throw new Error(result.reason === 'MFA_REQUIRED' ? SIGN_IN_ERROR.MFA_REQUIRED : SIGN_IN_ERROR.FAILED);
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== 'oidc') return true;
      const known = user.email ? await prisma.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { disabledAt: true } }) : null;
      return Boolean(known && !known.disabledAt);
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === 'oidc') {
        const known = await prisma.user.findUniqueOrThrow({ where: { email: String(user.email).toLowerCase() }, select: { id: true, sessionVersion: true } });
        token.uid = known.id;
        token.sv = known.sessionVersion;
      } else if (user) {
        token.uid = user.id;
        token.sv = user.sv;
      }
      if (user) {
        token.sid = randomUUID();
        token.at = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      session.uid = token.uid;
      session.sv = token.sv;
      session.sid = token.sid;
      session.at = token.at;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      await endSession(prisma, token ?? {}, null);
    },
  },
};
