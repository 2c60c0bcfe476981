import Link from 'next/link';
import { peekToken } from '@/lib/auth/one-time-token';
import { publicPageContext } from '@/lib/auth/require-page-actor';
import { SetPasswordForm } from '../../set-password/set-password-form';

export const metadata = { title: 'Choose a new password', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { db } = publicPageContext();
  const live = await peekToken(db, token, 'PASSWORD_RESET');
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      {live ? (
        <SetPasswordForm token={token} purpose="PASSWORD_RESET" />
      ) : (
        <p className="mt-2">
          This link has expired or has already been used.{' '}
          <Link className="underline" href="/reset-password">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </section>
  );
}
