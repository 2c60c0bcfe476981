'use client';

import { useState } from 'react';
import { DateInput, Radios, SubmitButton, TextInput } from '@/components/form';
import { ChargingFields, WHO_PAYS_OPTIONS } from '../charging-fields';
import { setFundingAction } from './actions';
import { ErrorSummary, useOperation } from './operation-kit';

type TArrangement = 'COUNCIL' | 'ICB' | 'SPLIT';

const FIELD_ID: Record<string, string> = {
  arrangement: 'funding-arrangement',
  icbSharePercent: 'funding-icbSharePercent',
  s117Aftercare: 'funding-s117Aftercare',
  clientContributionWeekly: 'funding-clientContributionWeekly',
  financialAssessmentOn: 'funding-financialAssessmentOn',
  reablementReviewedOn: 'funding-reablementReviewedOn',
};

/** An empty box is null; anything else that is not a number reaches the server as NaN and is named there. */
const numberOrNull = (text: string) => (text.replace(/[£,%\s]/g, '') === '' ? null : Number(text.replace(/[£,%\s]/g, '')));

/** Who pays for the package: council, ICB or both in a share; Section 117; the person's contribution; a reablement review. */
export function FundingForm({
  packageId,
  current,
  reablement,
}: {
  packageId: string;
  current: {
    arrangement: TArrangement;
    icbShare: number | null;
    s117Aftercare: boolean;
    clientContributionWeekly: number | null;
    financialAssessmentOn: string | null;
    reablementReviewedOn: string | null;
  };
  reablement: boolean;
}) {
  const op = useOperation();
  const [arrangement, setArrangement] = useState<TArrangement>(current.arrangement);
  const [s117, setS117] = useState(current.s117Aftercare);
  const [contribution, setContribution] = useState(current.clientContributionWeekly?.toFixed(2) ?? '');
  const [assessedOn, setAssessedOn] = useState(current.financialAssessmentOn ?? '');
  return (
    <details>
      <summary className="cursor-pointer font-medium text-brand-800 underline">Change who pays</summary>
      <form
        noValidate
        className="mt-3 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const text = (name: string) => String(form.get(name) ?? '').trim();
          op.run(
            () =>
              setFundingAction({
                packageId,
                arrangement,
                icbSharePercent: arrangement === 'SPLIT' ? numberOrNull(text('icbSharePercent')) : null,
                s117Aftercare: s117,
                // The day of the assessment goes only with a contribution (its box is hidden without one).
                clientContributionWeekly: s117 ? null : numberOrNull(contribution),
                financialAssessmentOn: s117 || contribution.trim() === '' ? null : assessedOn || null,
                reablementReviewedOn: reablement ? text('reablementReviewedOn') || null : null,
              }),
            () => 'Saved who pays for this package.',
          );
        }}
      >
        <ErrorSummary op={op} idOf={(path) => FIELD_ID[path] ?? path} />
        <Radios
          id="funding-arrangement"
          name="arrangement"
          legend="Who pays for the care"
          options={WHO_PAYS_OPTIONS}
          value={arrangement}
          onChange={(v) => setArrangement(v as TArrangement)}
          errors={op.errors}
        />
        {arrangement === 'SPLIT' ? (
          <TextInput
            id="funding-icbSharePercent"
            name="icbSharePercent"
            label="The ICB's share of the cost (%)"
            hint="The council pays the rest. For example 40."
            inputMode="decimal"
            defaultValue={current.icbShare ?? ''}
            errors={op.errors}
            errorKey="icbSharePercent"
            inputClassName="w-24"
          />
        ) : null}
        <ChargingFields
          idPrefix="funding-"
          errors={op.errors}
          s117={s117}
          onS117Change={setS117}
          contribution={contribution}
          onContributionChange={setContribution}
          assessedOn={assessedOn}
          onAssessedOnChange={setAssessedOn}
        />
        {reablement ? (
          <DateInput
            id="funding-reablementReviewedOn"
            name="reablementReviewedOn"
            label="Reablement review held on"
            hint="Reablement is free for six weeks. From week 7 the person pays only for weeks that start on or after the review."
            defaultValue={current.reablementReviewedOn ?? ''}
            errors={op.errors}
            errorKey="reablementReviewedOn"
          />
        ) : null}
        <SubmitButton pending={op.pending} pendingLabel="Saving…">
          Save who pays
        </SubmitButton>
      </form>
    </details>
  );
}
