import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  if (await getActor()) redirect('/');
  const sso = Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-1 text-slate-700">Use the email address your council or organisation registered for you.</p>
      <SignInForm sso={sso ? (process.env.OIDC_NAME ?? 'single sign-on') : null} />
    </section>
  );
}
