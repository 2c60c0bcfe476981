'use client';

import { SubmitButton } from '@/components/form';
import { remindProvidersAction } from './actions';
import { ErrorSummary, Panel, useOperation } from './operation-kit';

const names = (list: readonly string[]) => (list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : (list[0] ?? ''));

/**
 * Chasing the providers holding the open round's offers: one press reminds each of them, except
 * those asked or reminded within the last few minutes, and says who was reminded.
 */
export function RemindForm({ packageId, holders, closes, quietMinutes }: { packageId: string; holders: string[]; closes: string; quietMinutes: number }) {
  const op = useOperation();
  return (
    <Panel id="remind" title="Chase the providers asked">
      <form
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          op.run(
            () => remindProvidersAction({ packageId }),
            (r) =>
              r.reminded.length
                ? `Reminded ${names(r.reminded)}.${r.tooSoon.length ? ` Not ${names(r.tooSoon)}: asked or reminded in the last ${quietMinutes} minutes.` : ''}`
                : `Nobody reminded: ${names(r.tooSoon)} ${r.tooSoon.length === 1 ? 'was' : 'were'} asked or reminded in the last ${quietMinutes} minutes.`,
          );
        }}
      >
        <ErrorSummary op={op} idOf={() => 'remind-submit'} />
        <p className="text-sm">
          {holders.length === 1 ? `${holders[0]} holds` : `${names(holders)} hold`} an open offer until {closes}. A reminder goes to each one not asked or
          reminded in the last {quietMinutes} minutes, with a link straight to the offer.
        </p>
        <SubmitButton pending={op.pending} pendingLabel="Sending…" variant="secondary">
          Send reminders
        </SubmitButton>
      </form>
    </Panel>
  );
}
