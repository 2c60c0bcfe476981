'use client';

import { useState, useTransition } from 'react';
import { Checkbox, SubmitButton, TextInput, type TFieldErrors } from '@/components/form';
import { inviteProviderUserAction } from './actions';

export function InviteProviderUserForm() {
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const result = await inviteProviderUserAction({
        name: String(data.get('name') ?? ''),
        email: String(data.get('email') ?? ''),
        manager: data.get('manager') === 'on',
      });
      if (result.ok) {
        setErrors({});
        setStatus(`Invitation sent to ${String(data.get('email'))}.`);
        form.reset();
      } else {
        setErrors(result.fieldErrors ?? {});
        setStatus(result.fieldErrors ? null : result.message);
      }
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Invite someone</h2>
      <div className="flex flex-wrap items-start gap-3">
        <TextInput id="invite-name" name="name" label="Name" errors={errors} compact />
        <TextInput id="invite-email" name="email" type="email" label="Email address" errors={errors} compact />
        <Checkbox id="invite-manager" name="manager" label="Can manage users" compact className="mt-6" />
      </div>
      <SubmitButton pending={pending}>Send invitation</SubmitButton>
      <p aria-live="polite" className="text-sm">
        {status}
      </p>
    </form>
  );
}
