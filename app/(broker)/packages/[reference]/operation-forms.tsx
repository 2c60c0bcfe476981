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
import { Checkbox, DateInput, MoneyInput, Radios, Select, SubmitButton, Textarea, TextInput } from '@/components/form';
import { Confirm, ErrorSummary, Panel, useOperation } from './operation-kit';
import { CONTRACT_TYPE_TEXT } from '@/lib/domain/labels';

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const dangerClass = 'min-h-11 rounded border-2 border-red-700 px-4 py-2 font-medium text-red-800 disabled:opacity-60 sm:min-h-0';

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
            <DateInput
              id="change-effectiveDate"
              name="effectiveDate"
              label="The change starts on"
              value={effectiveDate}
              onChange={(e) => setEffectiveDate(e.target.value)}
              errors={op.errors}
            />
          ) : null}
          <SubmitButton pending={op.pending} pendingLabel="Saving…" large>
            Save the change
          </SubmitButton>
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
          <Select
            id="end-serviceLineId"
            name="serviceLineId"
            label="Service line"
            value={serviceLineId}
            onChange={(e) => setLine(e.target.value)}
            errors={op.errors}
            className="max-w-full min-w-0"
            inputClassName="w-full max-w-full"
          >
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </Select>
          <DateInput
            id="end-endDate"
            name="endDate"
            label="Last day of the service"
            value={endDate}
            onChange={(e) => setEndDate(e.target.value)}
            errors={op.errors}
          />
        </div>
        <TextInput id="end-reason" name="reason" label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} errors={op.errors} />
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
          <DateInput
            id="admit-admittedOn"
            name="admittedOn"
            label="Went into hospital on"
            value={admittedOn}
            onChange={(e) => setAdmittedOn(e.target.value)}
            errors={op.errors}
          />
          <TextInput
            id="admit-retainerDays"
            name="retainerDays"
            type="number"
            label="Days of retainer (1 to 28)"
            min={1}
            max={28}
            step={1}
            inputMode="numeric"
            value={retainerDays}
            onChange={(e) => setDays(e.target.value)}
            errors={op.errors}
          />
          <SubmitButton pending={op.pending} pendingLabel="Saving…" large>
            Record the admission
          </SubmitButton>
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
        <DateInput
          id="return-returnedOn"
          name="returnedOn"
          label="Came home on"
          value={returnedOn}
          onChange={(e) => setReturnedOn(e.target.value)}
          errors={op.errors}
        />
        <Radios
          id="return-outcome"
          name="outcome"
          legend={`Does ${providerName} take the person back?`}
          options={[
            { value: 'RESUMED', label: 'Yes, the provider resumes the package' },
            { value: 'HANDED_BACK', label: 'No, the provider hands it back: offer it again' },
          ]}
          value={outcome}
          onChange={(v) => setOutcome(v as 'RESUMED' | 'HANDED_BACK')}
          errors={op.errors}
        />
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
          <SubmitButton pending={op.pending} pendingLabel="Saving…" large>
            Record the return
          </SubmitButton>
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
        <Textarea
          id="cancel-reason"
          name="reason"
          label="Why is it cancelled?"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          errors={op.errors}
          inputClassName="w-full max-w-xl"
        />
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
          <MoneyInput
            id="uplift-uplift"
            name="uplift"
            label="Uplift, £ an hour"
            value={uplift}
            onChange={(e) => setUplift(e.target.value)}
            errors={op.errors}
          />
          {openMarket ? (
            <Checkbox
              id="uplift-reoffer"
              name="reoffer"
              label="Offer it again now, from the first tier, at the new rate"
              checked={reoffer}
              onChange={(e) => setReoffer(e.target.checked)}
              className="pb-1"
            />
          ) : null}
          <SubmitButton pending={op.pending} pendingLabel="Saving…" large>
            Save the uplift
          </SubmitButton>
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
          <Select
            id="hand-providerId"
            name="providerId"
            label="Provider"
            value={providerId}
            onChange={(e) => setProviderId(e.target.value)}
            errors={op.errors}
            inputClassName="w-full max-w-2xl"
          >
            <option value="">Choose a provider</option>
            {choices.map((c) => (
              <option key={c.providerId} value={c.providerId} disabled={c.refusals.length > 0}>
                {c.providerName}: {CONTRACT_TYPE_TEXT[c.contractType]} contract {c.contractReference}, {pounds.format(c.hourlyRate)} an hour
                {c.tier !== null ? `, cascade tier ${c.tier}` : ''}
                {c.offeredThisRound ? ' (already offered this round)' : ''}
                {c.refusals.length > 0 ? ` (cannot be offered it: ${c.refusals.join('; ')})` : ''}
              </option>
            ))}
          </Select>
          {chosen ? (
            <p className="text-sm" data-testid="hand-offer-choice">
              {chosen.tier !== null
                ? `The placement engine puts ${chosen.providerName} in tier ${chosen.tier}: ${chosen.reasons.join('; ')}.`
                : `The placement engine does not rank ${chosen.providerName} for this package; its contract covers the locality.`}{' '}
              CQC rating: {chosen.cqcRating.toLowerCase().replace(/_/g, ' ')}.
              {chosen.capacityWaived ? ` It has not declared enough spare capacity for these visits here: check it can staff them before offering.` : ''}
            </p>
          ) : null}
          <SubmitButton pending={op.pending} pendingLabel="Offering…" large>
            Offer the package
          </SubmitButton>
        </form>
      )}
    </Panel>
  );
}
