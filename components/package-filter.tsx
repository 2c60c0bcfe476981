import { TextInput } from '@/components/form';

/**
 * A form that narrows a long list to one package by its reference (a GET, so the address can be
 * kept and shared), with how many rows there are and how many are shown.
 */
export function PackageFilter({ action, value, shown, total }: { action: string; value: string; shown: number; total: number }) {
  return (
    <div className="space-y-1">
      <form method="get" action={action} className="flex flex-wrap items-end gap-2">
        <TextInput
          id="package"
          name="package"
          label="Package reference"
          hint="For example, BDC-000121"
          defaultValue={value}
          autoComplete="off"
          spellCheck={false}
          inputClassName="w-48"
        />
        <button type="submit" className="min-h-11 rounded border border-brand-800 px-3 py-1 font-medium text-brand-800 sm:min-h-0">
          Show
        </button>
        {value ? (
          <a className="py-1 font-medium text-brand-800 underline underline-offset-2" href={action}>
            Show all packages
          </a>
        ) : null}
      </form>
      <p className="text-sm text-slate-700">
        {total === 0
          ? 'None'
          : shown < total
            ? `The latest ${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`
            : `${total.toLocaleString('en-GB')} in all`}
        {value ? ` for ${value.toUpperCase()}` : ''}.
      </p>
    </div>
  );
}
