import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { SHEET_NAMES } from '@/lib/import/sheets';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import and export' };
export const dynamic = 'force-dynamic';

const LINK = 'font-medium text-brand-800 underline underline-offset-2';

export default async function DataPage() {
  await requirePageActor('data:import-export');
  return (
    <section className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Import and export</h1>
      <p className="text-slate-700">
        Load the council’s localities, hospitals, providers, contracts, people and live packages from CSV files or one Excel workbook, or download them in the
        same shapes.
      </p>

      <section aria-labelledby="import-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="import-heading" className="text-xl font-semibold">
          Import
        </h2>
        <p className="text-sm text-slate-700">
          Every row is checked first and nothing is saved until you apply a file with no problems. Applying saves everything in one go, or nothing. Importing
          the same file again changes nothing.
        </p>
        <ImportForm />
      </section>

      <section aria-labelledby="export-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="export-heading" className="text-xl font-semibold">
          Export
        </h2>
        <p className="text-sm text-slate-700">
          The council’s data as it is now. Cells a spreadsheet would run as a formula start with a single quote ({"'"}), which an import removes again.
        </p>
        <p>
          <a className={LINK} href="/admin/data/export/council-data.xlsx" download>
            Download all data (Excel workbook)
          </a>
        </p>
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-label="Download one sheet as CSV">
          {SHEET_NAMES.map((sheet) => (
            <li key={sheet}>
              <a className={LINK} href={`/admin/data/export/${sheet}.csv`} download>
                {sheet}.csv
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="templates-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="templates-heading" className="text-xl font-semibold">
          Templates
        </h2>
        <p className="text-sm text-slate-700">Each template has the sheet’s header row and one example row to replace with your own.</p>
        <p>
          <a className={LINK} href="/admin/data/template/templates.xlsx" download>
            Download every template (Excel workbook)
          </a>
        </p>
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-label="Download one template as CSV">
          {SHEET_NAMES.map((sheet) => (
            <li key={sheet}>
              <a className={LINK} href={`/admin/data/template/${sheet}.csv`} download>
                {sheet}.csv
              </a>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
