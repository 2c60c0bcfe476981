'use client';

import { useState, useTransition } from 'react';
import type { TAction } from '@/lib/action/define-action';

type Role = 'BROKER' | 'BEST' | 'COMMISSIONER' | 'PROVIDER';
type CreateInput = { name: string; role: Role; scopes: string[]; expiresInDays: number };

const ROLE_LABEL: Record<Role, string> = { COMMISSIONER: 'Commissioner', BROKER: 'Broker', BEST: 'BEST duty team', PROVIDER: 'Your organisation' };

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
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
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

  const error = (name: string) =>
    errors[name]?.[0] ? (
      <p id={`token-${name}-error`} className="text-sm font-medium text-red-800">
        {errors[name]?.[0]}
      </p>
    ) : null;
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
      {error('form')}
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium">
            Name
          </label>
          {error('name')}
          <input id="token-name" name="name" className="mt-1 rounded border border-slate-500 px-2 py-1" />
        </div>
        <div>
          <label htmlFor="token-role" className="block text-sm font-medium">
            Acts as
          </label>
          <select
            id="token-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className="mt-1 rounded border border-slate-500 bg-white px-2 py-1"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="token-expires" className="block text-sm font-medium">
            Expires after (days)
          </label>
          {error('expiresInDays')}
          <input
            id="token-expires"
            name="expiresInDays"
            type="number"
            min={1}
            max={365}
            defaultValue={90}
            className="mt-1 w-24 rounded border border-slate-500 px-2 py-1"
          />
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Permissions</legend>
        {error('scopes')}
        {(scopesByRole[role] ?? []).map((scope) => (
          <label key={scope} className="mr-4 inline-flex items-center gap-1 text-sm">
            <input type="checkbox" name="scopes" value={scope} /> {scope}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        Create token
      </button>
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
