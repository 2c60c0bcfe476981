'use client';

import { useRef, useState } from 'react';
import { inviteUserAction } from './actions';
import { ErrorSummary } from '@/components/error-summary';

type Field = 'name' | 'email' | 'role';
const LABEL: Record<Field, string> = { name: 'Name', email: 'Email address', role: 'Role' };

export function InviteForm() {
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const result = await inviteUserAction({
      name: String(data.get('name') ?? ''),
      email: String(data.get('email') ?? ''),
      role: String(data.get('role') ?? '') as 'BROKER',
    });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setStatus(`Invitation sent to ${String(data.get('email'))}.`);
      form.reset();
      return;
    }
    setStatus(null);
    setErrors({ name: result.fieldErrors?.name?.[0], email: result.fieldErrors?.email?.[0], role: result.fieldErrors?.role?.[0] });
    if (!result.fieldErrors) setStatus(result.message);
    setTimeout(() => summary.current?.focus(), 0);
  }

  const problems = (Object.keys(errors) as Field[]).filter((k) => errors[k]);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Invite someone</h2>
      <ErrorSummary ref={summary} problems={problems.map((k) => ({ href: `#invite-${k}`, text: String(errors[k]) }))} />
      <div className="flex flex-wrap items-start gap-3">
        {(['name', 'email'] as const).map((k) => (
          <div key={k}>
            <label htmlFor={`invite-${k}`} className="block text-sm font-medium">
              {LABEL[k]}
            </label>
            {errors[k] ? (
              <p id={`invite-${k}-error`} className="text-sm font-medium text-red-800">
                {errors[k]}
              </p>
            ) : null}
            <input
              id={`invite-${k}`}
              name={k}
              type={k === 'email' ? 'email' : 'text'}
              aria-invalid={errors[k] ? true : undefined}
              aria-describedby={errors[k] ? `invite-${k}-error` : undefined}
              className={`mt-1 rounded border px-2 py-1 ${errors[k] ? 'border-2 border-red-700' : 'border-slate-500'}`}
            />
          </div>
        ))}
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium">
            Role
          </label>
          {errors.role ? (
            <p id="invite-role-error" className="text-sm font-medium text-red-800">
              {errors.role}
            </p>
          ) : null}
          <select id="invite-role" name="role" defaultValue="BROKER" className="mt-1 rounded border border-slate-500 bg-white px-2 py-1">
            <option value="BROKER">Broker</option>
            <option value="BEST">BEST duty team</option>
            <option value="COMMISSIONER">Commissioner</option>
            <option value="ADMIN">Administrator</option>
          </select>
        </div>
      </div>
      <button type="submit" disabled={busy} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {busy ? 'Sending…' : 'Send invitation'}
      </button>
      <p aria-live="polite" className="text-sm">
        {status}
      </p>
    </form>
  );
}
