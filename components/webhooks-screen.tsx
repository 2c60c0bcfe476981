import type { ComponentProps, ReactNode } from 'react';
import { WebhooksSection } from './webhooks-section';

/** The Webhooks page of a council administrator or a provider manager: `intro` says whose events are sent, the rest is the same for both. */
export function WebhooksScreen({ intro, ...section }: { intro: ReactNode } & ComponentProps<typeof WebhooksSection>) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <p className="text-slate-700">
        {intro} Each is signed with its subscription’s secret (<code>HomeFirst-Signature</code>) and tried again with backoff until your system answers 2xx (
        <a className="underline" href="/api/v1/openapi.json">
          OpenAPI description
        </a>
        ).
      </p>
      <WebhooksSection {...section} />
    </section>
  );
}
