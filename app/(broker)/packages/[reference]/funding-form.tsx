'use client';

import { useState } from 'react';
import { Checkbox, DateInput, MoneyInput, Radios, SubmitButton, TextInput } from '@/components/form';
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
                clientContributionWeekly: s117 ? null : numberOrNull(text('clientContributionWeekly')),
                financialAssessmentOn: s117 ? null : text('financialAssessmentOn') || null,
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
          options={[
            { value: 'COUNCIL', label: 'The council' },
            { value: 'ICB', label: 'The ICB (NHS continuing health care)' },
            { value: 'SPLIT', label: 'Both, in a stated share' },
          ]}
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
        <Checkbox
          id="funding-s117Aftercare"
          name="s117Aftercare"
          label="Section 117 aftercare (free to the person)"
          checked={s117}
          onChange={(e) => setS117(e.target.checked)}
        />
        {s117 ? null : (
          <div className="flex flex-wrap gap-4">
            <MoneyInput
              id="funding-clientContributionWeekly"
              name="clientContributionWeekly"
              label="The person's contribution a week (£)"
              hint="As the financial assessment says. Leave empty if none."
              defaultValue={current.clientContributionWeekly ?? ''}
              errors={op.errors}
              errorKey="clientContributionWeekly"
              inputClassName="w-32"
            />
            <DateInput
              id="funding-financialAssessmentOn"
              name="financialAssessmentOn"
              label="Financial assessment on"
              defaultValue={current.financialAssessmentOn ?? ''}
              errors={op.errors}
              errorKey="financialAssessmentOn"
            />
          </div>
        )}
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
