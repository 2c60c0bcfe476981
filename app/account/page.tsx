import { getEmailFrequency } from '@/lib/account/get-email-frequency';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { EmailFrequencyForm } from './email-frequency-form';
import { SignOutEverywhere } from './sign-out-everywhere';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const { actor, db } = await requirePageActor('account:manage');
  const emailFrequency = await getEmailFrequency(db, actor);
  return (
    <section className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">Name</dt>
        <dd>{actor.name}</dd>
        <dt className="font-medium">Email</dt>
        <dd>{actor.email}</dd>
        <dt className="font-medium">Two-step sign-in</dt>
        <dd>
          {actor.mfaEnabled ? (
            'On'
          ) : (
            <a className="underline" href="/account/mfa">
              Set it up
            </a>
          )}
        </dd>
      </dl>
      <EmailFrequencyForm current={emailFrequency} />
      <SignOutEverywhere />
    </section>
  );
}
