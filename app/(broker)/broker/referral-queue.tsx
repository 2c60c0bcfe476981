'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { SubmitButton, Textarea } from '@/components/form';
import { triageReferralAction } from './actions';

// The brokers' triage queue of referrals from the council's social-care record: each shows the
// person it was matched to (or made for), how and with what confidence, where the referral's
// details differ from the record, and the care asked for; the broker accepts it as a draft
// package, asks the referrer for more information, or rejects it with a reason.

export type TQueueItem = {
  id: string;
  status: 'RECEIVED' | 'MORE_INFO' | 'ACCEPTED' | 'REJECTED';
  referrerReference: string | null;
  from: string;
  receivedAt: string;
  matchedBy: 'NHS_NUMBER' | 'EXTERNAL_ID' | 'NEW_PERSON';
  confidence: 'HIGH' | 'NEW_PERSON';
  differences: { field: string; referral: string; record: string }[];
  person: { id: string; name: string; dateOfBirth: string; nhsNumber: string; postcode: string };
  pathway: string;
  startDate: string;
  visits: string[];
  notes: string | null;
  decisionMessage: string | null;
};

const MATCH: Record<TQueueItem['matchedBy'], string> = {
  NHS_NUMBER: 'Matched by NHS number (high confidence)',
  EXTERNAL_ID: 'Matched by the record’s own id (high confidence)',
  NEW_PERSON: 'New person: no one here had this NHS number or record id',
};

const FIELD: Record<string, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  postcode: 'Postcode',
  nhsNumber: 'NHS number',
  externalId: 'Record id',
};

type TOutcome = { text: string; reference: string | null };

function Decide({ item, onDecided }: { item: TQueueItem; onDecided: (outcome: TOutcome) => void }) {
  const [choice, setChoice] = useState<'ACCEPT' | 'MORE_INFO' | 'REJECT'>('ACCEPT');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<TOutcome | null>(null);
  const [pending, start] = useTransition();
  const messageId = `message-${item.id}`;
  if (done)
    return (
      <p role="status" className="font-medium text-green-800">
        {done.text} <DraftLink reference={done.reference} />
      </p>
    );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const input = choice === 'ACCEPT' ? { referralId: item.id, decision: choice } : { referralId: item.id, decision: choice, message };
          const result = await triageReferralAction(input);
          if (!result.ok) {
            setError(result.fieldErrors?.message?.[0] ?? result.message);
            return;
          }
          const texts = {
            ACCEPT: 'Accepted: a draft package was made.',
            MORE_INFO: 'The referrer has been asked for more information.',
            REJECT: 'Rejected: the referrer has been told why.',
          };
          const outcome = { text: texts[choice], reference: result.data.packageReference };
          setDone(outcome);
          onDecided(outcome);
        });
      }}
    >
      {error && (
        <div role="alert" className="rounded border-2 border-red-700 p-3">
          <p className="font-semibold">There is a problem</p>
          <p>
            <a href={`#${choice === 'ACCEPT' ? `choice-${item.id}-ACCEPT` : messageId}`} className="text-red-800 underline">
              {error}
            </a>
          </p>
        </div>
      )}
      <fieldset>
        <legend className="font-medium">Decision</legend>
        <div className="mt-1 flex flex-col gap-1 sm:flex-row sm:gap-4">
          {(
            [
              ['ACCEPT', 'Accept as a draft package'],
              ['MORE_INFO', 'Ask for more information'],
              ['REJECT', 'Reject'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex min-h-11 items-center gap-2 sm:min-h-0">
              <input
                type="radio"
                id={`choice-${item.id}-${value}`}
                name={`decision-${item.id}`}
                value={value}
                checked={choice === value}
                onChange={() => setChoice(value)}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {choice !== 'ACCEPT' && (
        <Textarea
          id={messageId}
          label={choice === 'REJECT' ? 'Reason, told to the referrer' : 'What you need to know, told to the referrer'}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={error ?? undefined}
          inputClassName="w-full"
          rows={3}
        />
      )}
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Record the decision
      </SubmitButton>
    </form>
  );
}

/** A link to the draft package a referral was accepted as. */
function DraftLink({ reference }: { reference: string | null }) {
  return reference ? (
    <Link className="underline" href={`/packages/${encodeURIComponent(reference)}`}>
      Open draft {reference}
    </Link>
  ) : null;
}

export function ReferralQueue({ items, total }: { items: TQueueItem[]; total: number }) {
  // A referral accepted or rejected leaves the queue when the page refreshes after the decision:
  // what became of it stays shown here, with the draft's link, until the broker leaves the page.
  const [decided, setDecided] = useState<(TOutcome & { id: string; name: string })[]>([]);
  const gone = decided.filter((d) => !items.some((i) => i.id === d.id));
  return (
    <section aria-labelledby="referrals-heading" className="space-y-3">
      <h2 id="referrals-heading" className="text-xl font-semibold">
        Referrals to triage ({total})
      </h2>
      <div role="status" className="empty:hidden">
        {gone.length > 0 && (
          <ul aria-label="Decisions recorded" className="space-y-1 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 font-medium text-green-900">
            {gone.map((d) => (
              <li key={d.id}>
                {d.name}. {d.text} <DraftLink reference={d.reference} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {items.length === 0 ? (
        <p className="text-slate-700">No referrals are waiting.</p>
      ) : (
        <ul className="space-y-4">
          {items.map((item) => (
            <li key={item.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="text-lg font-semibold">
                  <Link className="underline" href={`/people/${item.person.id}`}>
                    {item.person.name}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">
                  From {item.from}
                  {item.referrerReference ? `, their reference ${item.referrerReference}` : ''}, received {item.receivedAt}
                </p>
              </div>
              {item.status === 'MORE_INFO' && <p className="rounded bg-amber-50 p-2 text-sm">Waiting for more information: {item.decisionMessage}</p>}
              <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="font-medium">Match</dt>
                <dd>{MATCH[item.matchedBy]}</dd>
                <dt className="font-medium">NHS number</dt>
                <dd>{item.person.nhsNumber}</dd>
                <dt className="font-medium">Date of birth</dt>
                <dd>{item.person.dateOfBirth}</dd>
                <dt className="font-medium">Postcode</dt>
                <dd>{item.person.postcode}</dd>
                <dt className="font-medium">Care asked for</dt>
                <dd>
                  {item.pathway}, from {item.startDate}: {item.visits.join('; ')}
                </dd>
                {item.notes && (
                  <>
                    <dt className="font-medium">Notes</dt>
                    <dd className="whitespace-pre-line">{item.notes}</dd>
                  </>
                )}
              </dl>
              {item.differences.length > 0 && (
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <caption className="text-left font-medium text-amber-900">The referral differs from the person on record: check before accepting</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="pr-3">
                          Detail
                        </th>
                        <th scope="col" className="pr-3">
                          In the referral
                        </th>
                        <th scope="col">On record</th>
                      </tr>
                    </thead>
                    <tbody>
                      {item.differences.map((d) => (
                        <tr key={d.field}>
                          <th scope="row" className="pr-3 font-normal">
                            {FIELD[d.field] ?? d.field}
                          </th>
                          <td className="pr-3">{d.referral}</td>
                          <td>{d.record}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Decide
                item={item}
                onDecided={(outcome) => setDecided((list) => [...list.filter((d) => d.id !== item.id), { ...outcome, id: item.id, name: item.person.name }])}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
