'use client';

import { Checkbox, DateInput, MoneyInput, type TFieldErrors } from '@/components/form';

/** Who pays for the care, as both forms offer it: the council, the ICB, or both in a stated share. */
export const WHO_PAYS_OPTIONS = [
  { value: 'COUNCIL', label: 'The council' },
  { value: 'ICB', label: 'The ICB (NHS continuing health care)' },
  { value: 'SPLIT', label: 'Both, in a stated share' },
];

/**
 * What the person pays, as the new-package form and the package page's who-pays panel both ask
 * it: Section 117 aftercare (free to the person), else their contribution a week with the day of
 * the financial assessment it comes from, asked only once a contribution is given (the checks are
 * chargingIssues in lib/domain/funding.ts). Each field's errors are under its name; `idPrefix`
 * keeps the ids apart where the page has other fields of the same name.
 */
export function ChargingFields({
  idPrefix = '',
  errors,
  s117,
  onS117Change,
  contribution,
  onContributionChange,
  assessedOn,
  onAssessedOnChange,
}: {
  idPrefix?: string;
  errors: TFieldErrors | undefined;
  s117: boolean;
  onS117Change: (s117: boolean) => void;
  contribution: string;
  onContributionChange: (contribution: string) => void;
  assessedOn: string;
  onAssessedOnChange: (day: string) => void;
}) {
  return (
    <div className="space-y-3">
      <Checkbox
        id={`${idPrefix}s117Aftercare`}
        name="s117Aftercare"
        label="Section 117 aftercare (free to the person)"
        checked={s117}
        onChange={(e) => {
          onS117Change(e.target.checked);
          // Section 117 takes no contribution: one unticked again starts empty, never the old one unseen.
          if (e.target.checked) {
            onContributionChange('');
            onAssessedOnChange('');
          }
        }}
      />
      {s117 ? null : (
        <div className="flex flex-wrap gap-4">
          <MoneyInput
            id={`${idPrefix}clientContributionWeekly`}
            name="clientContributionWeekly"
            label="The person's contribution a week (£)"
            hint="As the financial assessment says. Leave empty if none has been made yet."
            value={contribution}
            onChange={(e) => onContributionChange(e.target.value)}
            errors={errors}
            inputClassName="w-32"
          />
          {contribution.trim() !== '' ? (
            <DateInput
              id={`${idPrefix}financialAssessmentOn`}
              name="financialAssessmentOn"
              label="Financial assessment on"
              value={assessedOn}
              onChange={(e) => onAssessedOnChange(e.target.value)}
              errors={errors}
            />
          ) : null}
        </div>
      )}
    </div>
  );
}
