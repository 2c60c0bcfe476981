'use client';

import { useState, useTransition } from 'react';
import type { TAction } from '@/lib/action/define-action';
import type { TChangeUser } from '@/lib/user/user-schema';

const ROLES = [
  ['BROKER', 'Broker'],
  ['BEST', 'BEST duty team'],
  ['COMMISSIONER', 'Commissioner'],
  ['ADMIN', 'Administrator'],
] as const;

export type TManagedUser = { id: string; name: string; role: string; manager: boolean; disabled: boolean; mfaEnabled: boolean };

/** Role (council staff) or "manages users" (provider users), enable/disable and two-step reset. */
export function UserAccessControls({
  user,
  self,
  variant,
  change,
}: {
  user: TManagedUser;
  self: boolean;
  variant: 'council' | 'provider';
  change: TAction<TChangeUser, void>;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = (input: TChangeUser) =>
    start(async () => {
      const result = await change(input);
      setMessage(result.ok ? 'Saved.' : result.message);
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {variant === 'council' ? (
        <>
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            Role of {user.name}
          </label>
          <select
            id={`role-${user.id}`}
            defaultValue={user.role}
            disabled={self || pending}
            onChange={(e) => run({ userId: user.id, kind: 'role', role: e.target.value as (typeof ROLES)[number][0] })}
            className="rounded border border-slate-500 bg-white px-1 py-1"
          >
            {ROLES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </>
      ) : (
        <label className="inline-flex items-center gap-1">
          <input
            type="checkbox"
            defaultChecked={user.manager}
            disabled={self || pending}
            onChange={(e) => run({ userId: user.id, kind: 'manager', manager: e.target.checked })}
          />
          Manages users<span className="sr-only"> ({user.name})</span>
        </label>
      )}
      {!self ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run({ userId: user.id, kind: user.disabled ? 'enable' : 'disable' })}
          className="rounded border border-slate-500 px-2 py-1"
        >
          {user.disabled ? 'Enable' : 'Disable'}
          <span className="sr-only"> {user.name}</span>
        </button>
      ) : null}
      {user.mfaEnabled ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run({ userId: user.id, kind: 'reset-mfa' })}
          className="rounded border border-slate-500 px-2 py-1"
        >
          Reset two-step<span className="sr-only"> for {user.name}</span>
        </button>
      ) : null}
      <span aria-live="polite" className="text-sm">
        {message}
      </span>
    </div>
  );
}
