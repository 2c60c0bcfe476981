import { RequestResetForm } from './request-reset-form';

export const metadata = { title: 'Reset your password' };

export default function RequestResetPage() {
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Reset your password</h1>
      <p className="mt-1 text-slate-700">
        Enter your email address. If it belongs to an account, we will email a link to choose a new password; it works for one hour.
      </p>
      <RequestResetForm />
    </section>
  );
}
