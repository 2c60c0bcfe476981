'use client';

import { useState, useTransition } from 'react';
import { SubmitButton, TextInput } from '@/components/form';
import { WEBHOOK_EVENT_LABEL, type TWebhookEvent } from '@/lib/webhook/webhook-events';

// A council's or a provider's webhook subscriptions and their delivery log (lib/webhook/).

type TSubscription = { id: string; url: string; events: string[]; createdAt: string; disabledAt: string | null };
type TDelivery = { id: string; event: string; url: string; occurredAt: string; status: string; attempts: number; lastAnswer: string; canReplay: boolean };

type TResult<T = unknown> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

export function WebhooksSection({
  events,
  subscriptions,
  deliveries,
  create,
  disable,
  replay,
}: {
  events: readonly TWebhookEvent[];
  subscriptions: TSubscription[];
  deliveries: TDelivery[];
  create: (input: { url: string; events: string[] }) => Promise<TResult<{ secret: string }>>;
  disable: (input: { subscriptionId: string }) => Promise<TResult>;
  replay: (input: { deliveryId: string }) => Promise<TResult>;
}) {
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([...events]);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = (work: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    start(async () => {
      const result = await work();
      setNote(result.ok ? done : (result.message ?? 'Something went wrong.'));
    });
  return (
    <div className="space-y-6">
      {note && (
        <p role="status" className="rounded bg-slate-100 p-2">
          {note}
        </p>
      )}
      <form
        noValidate
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const result = await create({ url, events: chosen });
            if (!result.ok) {
              setErrors(result.fieldErrors ?? { url: [result.message] });
              return;
            }
            setErrors({});
            setSecret(result.data.secret);
            setUrl('');
          });
        }}
      >
        <h2 className="text-lg font-semibold">Add a subscription</h2>
        {Object.keys(errors).length > 0 && (
          <div role="alert" className="rounded border-2 border-red-700 p-3">
            <p className="font-semibold">There is a problem</p>
            <ul>
              {Object.entries(errors).map(([field, messages]) => (
                <li key={field}>
                  <a className="text-red-800 underline" href={field === 'events' ? '#event-0' : '#webhook-url'}>
                    {messages[0]}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <TextInput
          id="webhook-url"
          name="url"
          label="Address to send events to"
          hint="Starts https://"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url?.[0]}
          inputClassName="w-full"
        />
        <fieldset>
          <legend className="font-medium">Events</legend>
          {errors.events && <p className="text-sm font-medium text-red-800">{errors.events[0]}</p>}
          {events.map((event, i) => (
            <label key={event} className="flex min-h-11 items-center gap-2 sm:min-h-0">
              <input
                type="checkbox"
                id={`event-${i}`}
                checked={chosen.includes(event)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, event] : c.filter((x) => x !== event)))}
              />
              {WEBHOOK_EVENT_LABEL[event]} <code className="text-sm">{event}</code>
            </label>
          ))}
        </fieldset>
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add subscription
        </SubmitButton>
      </form>
      {secret && (
        <div role="status" className="rounded border-2 border-green-700 bg-green-50 p-3">
          <p className="font-semibold">Copy the signing secret now: it is not shown again.</p>
          <code className="break-all">{secret}</code>
        </div>
      )}
      <section aria-labelledby="subscriptions-heading" className="space-y-2">
        <h2 id="subscriptions-heading" className="text-lg font-semibold">
          Subscriptions
        </h2>
        {subscriptions.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul className="space-y-2">
            {subscriptions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded border border-slate-200 bg-white p-3">
                <div className="min-w-0">
                  <p className="break-all font-medium">{s.url}</p>
                  <p className="text-sm text-slate-700">
                    {s.events.join(', ')} · added {s.createdAt}
                    {s.disabledAt ? ` · turned off ${s.disabledAt}` : ''}
                  </p>
                </div>
                {!s.disabledAt && (
                  <button
                    type="button"
                    className="min-h-11 rounded border border-red-800 px-3 text-red-800 sm:min-h-0"
                    disabled={pending}
                    onClick={() => run(() => disable({ subscriptionId: s.id }), 'Turned off.')}
                  >
                    Turn off<span className="sr-only"> {s.url}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="log-heading" className="space-y-2">
        <h2 id="log-heading" className="text-lg font-semibold">
          Delivery log
        </h2>
        {deliveries.length === 0 ? (
          <p>Nothing sent yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">The latest 50 deliveries</caption>
              <thead>
                <tr>
                  {['Event', 'When', 'To', 'Status', 'Attempts', 'Last answer', ''].map((h, i) => (
                    <th key={i} scope="col" className="pr-3">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="pr-3 font-normal">
                      <code>{d.event}</code>
                    </th>
                    <td className="pr-3">{d.occurredAt}</td>
                    <td className="break-all pr-3">{d.url}</td>
                    <td className="pr-3">{d.status}</td>
                    <td className="pr-3">{d.attempts}</td>
                    <td className="pr-3">{d.lastAnswer}</td>
                    <td>
                      {d.canReplay && (
                        <button
                          type="button"
                          className="min-h-11 rounded border border-slate-500 px-2 sm:min-h-0"
                          disabled={pending}
                          onClick={() => run(() => replay({ deliveryId: d.id }), 'Queued to send again.')}
                        >
                          Send again<span className="sr-only"> {d.event}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
