import { peekToken } from '@/lib/auth/one-time-token';
import { publicPageContext } from '@/lib/auth/require-page-actor';
import { SetPasswordForm } from '../set-password-form';

export const metadata = { title: 'Set your password', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { db } = publicPageContext();
  const live = await peekToken(db, token, 'INVITE');
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Set your password</h1>
      {live ? (
        <>
          <p className="mt-1 text-slate-700">
            Welcome, {live.user.name}. Choose a password for {live.user.email}.
          </p>
          <SetPasswordForm token={token} purpose="INVITE" />
        </>
      ) : (
        <p className="mt-2">This link has expired or has already been used. Ask your administrator to invite you again.</p>
      )}
    </section>
  );
}
