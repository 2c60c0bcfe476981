'use client';

import { useState } from 'react';
import { ErrorSummary, problemsOf, Select, SubmitButton, useFocusSummary, TextInput, type TFieldErrors } from '@/components/form';
import { inviteUserAction } from './actions';

export function InviteForm() {
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, focusSummary] = useFocusSummary();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const result = await inviteUserAction(data);
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setStatus(`Invitation sent to ${String(data.get('email'))}.`);
      form.reset();
      return;
    }
    setStatus(null);
    setErrors(result.fieldErrors ?? {});
    if (!result.fieldErrors) setStatus(result.message);
    focusSummary();
  }

  const field = { errors, compact: true } as const;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Invite someone</h2>
      <ErrorSummary ref={summary} problems={problemsOf(errors, (k) => `invite-${k}`)} />
      <div className="flex flex-wrap items-start gap-3">
        <TextInput {...field} id="invite-name" name="name" label="Name" />
        <TextInput {...field} id="invite-email" name="email" type="email" label="Email address" />
        <Select {...field} id="invite-role" name="role" label="Role" defaultValue="BROKER">
          <option value="BROKER">Broker</option>
          <option value="BEST">BEST duty team</option>
          <option value="COMMISSIONER">Commissioner</option>
          <option value="ADMIN">Administrator</option>
        </Select>
      </div>
      <SubmitButton pending={busy} pendingLabel="Sending…">
        Send invitation
      </SubmitButton>
      <p aria-live="polite" className="text-sm">
        {status}
      </p>
    </form>
  );
}
