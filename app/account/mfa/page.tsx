import { redirect } from 'next/navigation';
import { beginMfaSetup } from '@/lib/account/mfa-setup';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { MfaForm } from './mfa-form';

export const metadata = { title: 'Set up two-step sign-in' };
export const dynamic = 'force-dynamic';

export default async function MfaPage() {
  const { actor, db } = await requirePageActor('account:manage');
  const setup = await beginMfaSetup(db, actor);
  if (!setup) redirect('/account');
  return (
    <section className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Set up two-step sign-in</h1>
      <p className="text-slate-700">
        Your role needs a second step when you sign in. Scan this code with an authenticator app (for example Microsoft Authenticator), then enter the 6-digit
        code it shows.
      </p>
      <div className="w-[200px] bg-white" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
      <p className="text-sm">
        Cannot scan it? Enter this key in the app instead:{' '}
        <code data-testid="mfa-secret" className="break-all rounded bg-slate-200 px-1">
          {setup.secret}
        </code>
      </p>
      <MfaForm />
    </section>
  );
}
