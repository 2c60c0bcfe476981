'use client';

import { useState } from 'react';
import type { THandOfferChoice } from '@/lib/package/offer-to-provider';
import type { SERVICE_TYPES } from '@/lib/package/package-schema';
import { ServiceLinesEditor, VisitsEditor, type TLineRow, type TVisitRow } from '@/components/care-editors';
import {
  admitToHospitalAction,
  cancelPackageAction,
  changePackageAction,
  endServiceLineAction,
  offerToProviderAction,
  returnFromHospitalAction,
  setRateUpliftAction,
} from './actions';
import { Confirm, ErrorSummary, ErrorText, fieldProps, Panel, useOperation } from './operation-kit';

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const submitClass = 'rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60';
const dangerClass = 'rounded border-2 border-red-700 px-4 py-2 font-medium text-red-800 disabled:opacity-60';
const CONTRACT: Record<string, string> = { LOCALITY: 'locality', STEP: 'STEP', DISCHARGE: 'discharge', ISF: 'ISF', ICB: 'ICB', SPOT: 'spot' };

type TServiceType = (typeof SERVICE_TYPES)[number];

/**
 * A change request: new visits and weekly hours per type of service. Before placement the package
 * goes out again as a new version; after it, each changed line ends the day before the change and
 * continues as a new line, so history is never overwritten. A line removed here is ended (0 hours).
 */
export function ChangeRequestForm({
  packageId,
  version,
  placed,
  visits: initialVisits,
  lines: initialLines,
  today,
  tomorrow,
}: {
  packageId: string;
  version: number;
  placed: boolean;
  visits: TVisitRow[];
  lines: TLineRow[];
  today: string;
  tomorrow: string;
}) {
  const op = useOperation();
  const [visits, setVisits] = useState(initialVisits);
  const [lines, setLines] = useState(initialLines);
  const [effectiveDate, setEffectiveDate] = useState(tomorrow);
  const submit = () => {
    const kept = new Set(lines.map((l) => l.type));
    const ended = [...new Set(initialLines.map((l) => l.type))].filter((t) => !kept.has(t)).map((type) => ({ type: type as TServiceType, hoursPerWeek: 0 }));
    op.run(
      () =>
        changePackageAction({
          packageId,
          expectedVersion: version,
          visits,
          serviceLines: [...lines.map((l) => ({ type: l.type as TServiceType, hoursPerWeek: l.hoursPerWeek })), ...ended],
          ...(placed ? { effectiveDate } : {}),
        }),
      (data) =>
        data.reoffered
          ? `Change saved. The earlier offers were withdrawn and the package was offered again (${data.reoffered.offers} offers).`
          : `Change saved from ${effectiveDate}. The provider has been told.`,
    );
  };
  return (
    <Panel id="change-request" title="Change visits or hours">
      <details>
        <summary className="cursor-pointer font-medium text-brand-800 underline">Make a change request</summary>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          className="mt-3 space-y-3"
        >
          <p className="text-sm text-slate-700">
            {placed
              ? 'Each service line you change ends the day before the change starts and carries on at the new hours with the same provider and rate. Remove a line to end it.'
              : 'The offers out now are withdrawn and the changed package is offered again from the first tier of the cascade.'}
          </p>
          <ErrorSummary op={op} idOf={(path) => (path === 'effectiveDate' ? 'change-effectiveDate' : path)} />
          <VisitsEditor visits={visits} setVisits={setVisits} errors={op.errors} />
          <ServiceLinesEditor lines={lines} setLines={setLines} errors={op.errors} today={today} dates={false} />
          {placed ? (
            <div>
              <label htmlFor="change-effectiveDate" className="block font-medium">
                The change starts on
              </label>
              <ErrorText id="change-effectiveDate" text={op.errors.effectiveDate} />
              <input type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} {...fieldProps('change', 'effectiveDate', op)} />
            </div>
          ) : null}
          <button type="submit" disabled={op.pending} className={submitClass}>
            {op.pending ? 'Saving…' : 'Save the change'}
          </button>
        </form>
      </details>
    </Panel>
  );
}

export function EndServiceLineForm({ packageId, lines, today }: { packageId: string; lines: { id: string; label: string }[]; today: string }) {
  const op = useOperation();
  const [serviceLineId, setLine] = useState(lines[0]?.id ?? '');
  const [endDate, setEndDate] = useState(today);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chosen = lines.find((l) => l.id === serviceLineId);
  const run = () => {
    setConfirming(false);
    op.run(
      () => endServiceLineAction({ packageId, serviceLineId, endDate, reason: reason || undefined }),
      (data) =>
        data.packageEnded
          ? `The last service line ends on ${endDate}, so the package and its placement end then. The provider has been told.`
          : `The line ends on ${endDate}.`,
    );
  };
  return (
    <Panel id="end-line" title="End a service line">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          op.clear();
          setConfirming(true);
        }}
        className="space-y-3"
      >
        <ErrorSummary op={op} idOf={(path) => `end-${path}`} />
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="end-serviceLineId" className="block font-medium">
              Service line
            </label>
            <ErrorText id="end-serviceLineId" text={op.errors.serviceLineId} />
            <select value={serviceLineId} onChange={(e) => setLine(e.target.value)} {...fieldProps('end', 'serviceLineId', op)}>
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="end-endDate" className="block font-medium">
              Last day of the service
            </label>
            <ErrorText id="end-endDate" text={op.errors.endDate} />
            <input type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} {...fieldProps('end', 'endDate', op)} />
          </div>
        </div>
        <div>
          <label htmlFor="end-reason" className="block font-medium">
            Reason (optional)
          </label>
          <ErrorText id="end-reason" text={op.errors.reason} />
          <input value={reason} onChange={(e) => setReason(e.target.value)} {...fieldProps('end', 'reason', op)} />
        </div>
        {confirming ? (
          <Confirm
            title={`End ${chosen?.label ?? 'this line'} on ${endDate}?`}
            confirmLabel="Yes, end the line"
            pending={op.pending}
            onConfirm={run}
            onBack={() => setConfirming(false)}
          >
            The hours stop counting after that day. If it is the last line running, the package and its placement end too.
          </Confirm>
        ) : (
          <button type="submit" disabled={op.pending} className={dangerClass}>
            End the line
          </button>
        )}
      </form>
    </Panel>
  );
}

export function AdmitForm({ packageId, today, providerName }: { packageId: string; today: string; providerName: string }) {
  const op = useOperation();
  const [admittedOn, setAdmittedOn] = useState(today);
  const [retainerDays, setDays] = useState('28');
  return (
    <Panel id="admit" title="Hospital admission">
      <p className="text-sm text-slate-700">{providerName} holds the package on a retainer, paid for up to 4 weeks, while the person is in hospital.</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          op.run(
            () => admitToHospitalAction({ packageId, admittedOn, retainerDays: Number(retainerDays) }),
            (data) => `Hospital admission recorded. The retainer runs until ${data.retainerUntil}.`,
          );
        }}
        className="space-y-3"
      >
        <ErrorSummary op={op} idOf={(path) => `admit-${path}`} />
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="admit-admittedOn" className="block font-medium">
              Went into hospital on
            </label>
            <ErrorText id="admit-admittedOn" text={op.errors.admittedOn} />
            <input type="date" value={admittedOn} onChange={(e) => setAdmittedOn(e.target.value)} {...fieldProps('admit', 'admittedOn', op)} />
          </div>
          <div>
            <label htmlFor="admit-retainerDays" className="block font-medium">
              Days of retainer (1 to 28)
            </label>
            <ErrorText id="admit-retainerDays" text={op.errors.retainerDays} />
            <input
              type="number"
              min={1}
              max={28}
              step={1}
              inputMode="numeric"
              value={retainerDays}
              onChange={(e) => setDays(e.target.value)}
              {...fieldProps('admit', 'retainerDays', op)}
            />
          </div>
          <button type="submit" disabled={op.pending} className={submitClass}>
            {op.pending ? 'Saving…' : 'Record the admission'}
          </button>
        </div>
      </form>
    </Panel>
  );
}

export function ReturnForm({ packageId, today, providerName }: { packageId: string; today: string; providerName: string }) {
  const op = useOperation();
  const [returnedOn, setReturnedOn] = useState(today);
  const [outcome, setOutcome] = useState<'RESUMED' | 'HANDED_BACK' | ''>('');
  const [confirming, setConfirming] = useState(false);
  const run = () => {
    setConfirming(false);
    op.run(
      () => returnFromHospitalAction({ packageId, returnedOn, outcome: outcome || undefined } as Parameters<typeof returnFromHospitalAction>[0]),
      (data) =>
        data.outcome === 'RESUMED'
          ? `Return recorded: ${providerName} resumes the package.`
          : `Return recorded: ${providerName} handed the package back, and it is being offered again (${data.reoffered?.offers ?? 0} offers).`,
    );
  };
  return (
    <Panel id="return" title="Home from hospital">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          op.clear();
          if (outcome === 'HANDED_BACK') setConfirming(true);
          else run();
        }}
        className="space-y-3"
      >
        <ErrorSummary op={op} idOf={(path) => `return-${path}`} />
        <div>
          <label htmlFor="return-returnedOn" className="block font-medium">
            Came home on
          </label>
          <ErrorText id="return-returnedOn" text={op.errors.returnedOn} />
          <input type="date" value={returnedOn} onChange={(e) => setReturnedOn(e.target.value)} {...fieldProps('return', 'returnedOn', op)} />
        </div>
        <fieldset aria-describedby={op.errors.outcome ? 'return-outcome-error' : undefined}>
          <legend className="font-medium">Does {providerName} take the person back?</legend>
          <ErrorText id="return-outcome" text={op.errors.outcome} />
          <div id="return-outcome" tabIndex={-1} className="space-y-1">
            <label className="flex items-center gap-2">
              <input type="radio" name="outcome" checked={outcome === 'RESUMED'} onChange={() => setOutcome('RESUMED')} /> Yes, the provider resumes the package
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="outcome" checked={outcome === 'HANDED_BACK'} onChange={() => setOutcome('HANDED_BACK')} /> No, the provider hands it
              back: offer it again
            </label>
          </div>
        </fieldset>
        {confirming ? (
          <Confirm
            title={`Hand the package back from ${providerName}?`}
            confirmLabel="Yes, hand it back and offer it again"
            pending={op.pending}
            onConfirm={run}
            onBack={() => setConfirming(false)}
          >
            Its placement and service lines end the day before {returnedOn}, and the package is offered again from the first tier of the cascade, without{' '}
            {providerName}.
          </Confirm>
        ) : (
          <button type="submit" disabled={op.pending} className={submitClass}>
            {op.pending ? 'Saving…' : 'Record the return'}
          </button>
        )}
      </form>
    </Panel>
  );
}

export function CancelForm({ packageId, version, reference }: { packageId: string; version: number; reference: string }) {
  const op = useOperation();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const run = () => {
    setConfirming(false);
    op.run(
      () => cancelPackageAction({ packageId, expectedVersion: version, reason }),
      () => `${reference} is cancelled. Any open offers were withdrawn and those providers told.`,
    );
  };
  return (
    <Panel id="cancel" title="Cancel the package">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          op.clear();
          if (reason.trim()) setConfirming(true);
          else run(); // the server names the missing reason next to its field
        }}
        className="space-y-3"
      >
        <ErrorSummary op={op} idOf={(path) => `cancel-${path}`} />
        <div>
          <label htmlFor="cancel-reason" className="block font-medium">
            Why is it cancelled?
          </label>
          <ErrorText id="cancel-reason" text={op.errors.reason} />
          <textarea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...fieldProps('cancel', 'reason', op)}
            className={`${fieldProps('cancel', 'reason', op).className} w-full max-w-xl`}
          />
        </div>
        {confirming ? (
          <Confirm
            title={`Cancel ${reference}?`}
            confirmLabel="Yes, cancel the package"
            pending={op.pending}
            onConfirm={run}
            onBack={() => setConfirming(false)}
          >
            This cannot be undone. Open offers are withdrawn and the providers told.
          </Confirm>
        ) : (
          <button type="submit" disabled={op.pending} className={dangerClass}>
            Cancel the package
          </button>
        )}
      </form>
    </Panel>
  );
}

export function UpliftForm({ packageId, version, current, openMarket }: { packageId: string; version: number; current: number; openMarket: boolean }) {
  const op = useOperation();
  const [uplift, setUplift] = useState(current ? current.toFixed(2) : '');
  const [reoffer, setReoffer] = useState(openMarket);
  return (
    <Panel id="uplift" title="Rate uplift">
      <p className="text-sm text-slate-700">
        Pounds an hour added to every offer made from now on. {current ? `Now ${pounds.format(current)} an hour.` : 'None yet.'} Offers already out keep their
        rate.
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const value = uplift.trim() === '' ? Number.NaN : Number(uplift);
          op.run(
            () => setRateUpliftAction({ packageId, expectedVersion: version, uplift: value, reoffer: openMarket && reoffer }),
            (data) =>
              data.reoffered
                ? `Uplift saved, and the package was offered again at the new rate (${data.reoffered.offers} offers).`
                : 'Uplift saved: it applies from the next round of offers.',
          );
        }}
        className="space-y-3"
      >
        <ErrorSummary op={op} idOf={(path) => `uplift-${path}`} />
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="uplift-uplift" className="block font-medium">
              Uplift, £ an hour
            </label>
            <ErrorText id="uplift-uplift" text={op.errors.uplift} />
            <input
              type="number"
              min={0}
              max={20}
              step={0.01}
              inputMode="decimal"
              value={uplift}
              onChange={(e) => setUplift(e.target.value)}
              {...fieldProps('uplift', 'uplift', op)}
            />
          </div>
          {openMarket ? (
            <label className="flex items-center gap-2 pb-1">
              <input type="checkbox" checked={reoffer} onChange={(e) => setReoffer(e.target.checked)} /> Offer it again now, from the first tier, at the new
              rate
            </label>
          ) : null}
          <button type="submit" disabled={op.pending} className={submitClass}>
            {op.pending ? 'Saving…' : 'Save the uplift'}
          </button>
        </div>
      </form>
    </Panel>
  );
}

export function HandOfferForm({
  packageId,
  version,
  choices,
  deadlineText,
}: {
  packageId: string;
  version: number;
  choices: THandOfferChoice[];
  deadlineText: string;
}) {
  const op = useOperation();
  const [providerId, setProviderId] = useState('');
  const chosen = choices.find((c) => c.providerId === providerId);
  return (
    <Panel id="hand-offer" title="Offer to a named provider">
      <p className="text-sm text-slate-700">
        For a provider you have spoken to. The offer joins the current round with a deadline of {deadlineText}, and the provider is told at once (without the
        person’s details until they accept).
      </p>
      {choices.length === 0 ? (
        <p className="rounded border border-slate-200 p-3 text-sm">
          No provider active with the council holds a contract in force covering this locality, so there is nobody to offer it to by hand.
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            op.run(
              () => offerToProviderAction({ packageId, providerId, expectedVersion: version }),
              (data) =>
                `Offered to ${chosen?.providerName ?? 'the provider'} at ${pounds.format(data.hourlyRate)} an hour, in round ${data.round}. They have been told.`,
            );
          }}
          className="space-y-3"
        >
          <ErrorSummary op={op} idOf={(path) => `hand-${path}`} />
          <div>
            <label htmlFor="hand-providerId" className="block font-medium">
              Provider
            </label>
            <ErrorText id="hand-providerId" text={op.errors.providerId} />
            <select
              value={providerId}
              onChange={(e) => setProviderId(e.target.value)}
              {...fieldProps('hand', 'providerId', op)}
              className={`${fieldProps('hand', 'providerId', op).className} w-full max-w-2xl`}
            >
              <option value="">Choose a provider</option>
              {choices.map((c) => (
                <option key={c.providerId} value={c.providerId}>
                  {c.providerName}: {CONTRACT[c.contractType] ?? c.contractType} contract {c.contractReference}, {pounds.format(c.hourlyRate)} an hour
                  {c.tier !== null ? `, cascade tier ${c.tier}` : ''}
                  {c.offeredThisRound ? ' (already offered this round)' : ''}
                </option>
              ))}
            </select>
          </div>
          {chosen ? (
            <p className="text-sm" data-testid="hand-offer-choice">
              {chosen.tier !== null
                ? `The placement engine puts ${chosen.providerName} in tier ${chosen.tier}: ${chosen.reasons.join('; ')}.`
                : `The placement engine does not rank ${chosen.providerName} for this package; its contract covers the locality.`}{' '}
              CQC rating: {chosen.cqcRating.toLowerCase().replace(/_/g, ' ')}.
            </p>
          ) : null}
          <button type="submit" disabled={op.pending} className={submitClass}>
            {op.pending ? 'Offering…' : 'Offer the package'}
          </button>
        </form>
      )}
    </Panel>
  );
}
