'use client';

import { useState, useTransition } from 'react';
import { Checkboxes, ErrorMessage, errorOf, Select, SubmitButton, TextInput, type TFieldErrors } from '@/components/form';
import type { TAction } from '@/lib/action/define-action';
import { ROLE_LABEL } from '@/lib/domain/labels';

type Role = 'BROKER' | 'BEST' | 'COMMISSIONER' | 'PROVIDER';
type CreateInput = { name: string; role: Role; scopes: string[]; expiresInDays: number };

/** A provider's token acts for the whole organisation, not as one of its people. */
const roleLabel = (role: Role) => (role === 'PROVIDER' ? 'Your organisation' : ROLE_LABEL[role]);

/** Creating an API token: shown once. Council administrators choose a role; providers' tokens act for the provider. */
export function CreateTokenForm({
  scopesByRole,
  create,
}: {
  scopesByRole: Partial<Record<Role, string[]>>;
  create: TAction<CreateInput, { id: string; token: string }>;
}) {
  const roles = Object.keys(scopesByRole) as Role[];
  const [role, setRole] = useState<Role>(roles[0]);
  const [created, setCreated] = useState<string | null>(null);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [pending, start] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    start(async () => {
      const result = await create({
        name: String(form.get('name') ?? ''),
        role,
        scopes: form.getAll('scopes').map(String),
        expiresInDays: Number(form.get('expiresInDays') ?? 90),
      });
      if (result.ok) {
        setCreated(result.data.token);
        setErrors({});
      } else setErrors(result.fieldErrors ?? { form: [result.message] });
    });
  }

  const field = { errors, compact: true } as const;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">New token</h2>
      {created ? (
        <div role="status" className="border-l-4 border-green-700 bg-green-50 p-3">
          <p className="font-medium">Copy this token now: it will not be shown again.</p>
          <code data-testid="new-token" className="mt-1 block break-all">
            {created}
          </code>
        </div>
      ) : null}
      <ErrorMessage id="token-form-error">{errorOf(errors, 'form')}</ErrorMessage>
      <div className="flex flex-wrap gap-4">
        <TextInput {...field} id="token-name" name="name" label="Name" />
        <Select {...field} id="token-role" name="role" label="Acts as" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </Select>
        <TextInput
          {...field}
          id="token-expires"
          name="expiresInDays"
          type="number"
          label="Expires after (days)"
          min={1}
          max={365}
          defaultValue={90}
          inputClassName="w-24"
        />
      </div>
      <Checkboxes
        {...field}
        id="token-scopes"
        name="scopes"
        legend="Permissions"
        options={(scopesByRole[role] ?? []).map((scope) => ({ value: scope, label: scope }))}
        optionsClassName="flex flex-wrap gap-x-4"
      />
      <SubmitButton pending={pending}>Create token</SubmitButton>
    </form>
  );
}

export function RevokeButton({ tokenId, name, revoke }: { tokenId: string; name: string; revoke: TAction<{ tokenId: string }, void> }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await revoke({ tokenId });
            if (!result.ok) setMessage(result.message);
          })
        }
        className="rounded border border-slate-500 px-2 py-1"
      >
        Revoke<span className="sr-only"> {name}</span>
      </button>
      <span aria-live="polite" className="text-sm text-red-800">
        {message}
      </span>
    </>
  );
}
