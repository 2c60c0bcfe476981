import { Checkbox, DateInput, Select, TextInput, type TFieldErrors } from '@/components/form';
import { CQC_LABEL } from '@/lib/domain/labels';
import { CQC_RATINGS } from '@/lib/provider/provider-schema';

export type TProviderValues = {
  name: string;
  cqcLocationId: string;
  phone: string | null;
  email: string | null;
  skills: string[];
  doubleHanded: boolean;
  cqcRating: (typeof CQC_RATINGS)[number];
  cqcRatedOn: string | null;
};

/** The organisation's fields, shared by the register's add and edit forms. */
export function ProviderFields({ prefix, errors, values }: { prefix: string; errors: TFieldErrors; values?: TProviderValues }) {
  const field = { errors, compact: true } as const;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextInput {...field} id={`${prefix}-name`} name="name" label="Organisation name" defaultValue={values?.name} autoComplete="organization" />
      <TextInput
        {...field}
        id={`${prefix}-cqcLocationId`}
        name="cqcLocationId"
        label="CQC location ID"
        hint="Like 1-123456789"
        defaultValue={values?.cqcLocationId}
      />
      <TextInput
        {...field}
        id={`${prefix}-phone`}
        name="phone"
        type="tel"
        label="Office phone"
        hint="A UK number, like 01274 432111"
        defaultValue={values?.phone ?? ''}
      />
      <TextInput {...field} id={`${prefix}-email`} name="email" type="email" label="Office email" defaultValue={values?.email ?? ''} />
      <Select {...field} id={`${prefix}-cqcRating`} name="cqcRating" label="CQC rating" defaultValue={values?.cqcRating ?? 'GOOD'}>
        {CQC_RATINGS.map((r) => (
          <option key={r} value={r}>
            {CQC_LABEL[r]}
          </option>
        ))}
      </Select>
      <DateInput
        {...field}
        id={`${prefix}-cqcRatedOn`}
        name="cqcRatedOn"
        label="Date CQC published the rating"
        hint="Leave empty for today"
        defaultValue={values?.cqcRatedOn ?? ''}
      />
      <TextInput
        {...field}
        id={`${prefix}-skills`}
        name="skills"
        label="Skills"
        hint="Separated by commas, like DEMENTIA, PEG_FEEDING"
        defaultValue={values?.skills.join(', ')}
        className="sm:col-span-2"
        inputClassName="w-full"
      />
      <Checkbox id={`${prefix}-doubleHanded`} name="doubleHanded" label="Can staff two-carer visits" compact defaultChecked={values?.doubleHanded} />
    </div>
  );
}
