// The shapes of a council's data on paper: one sheet (an XLSX worksheet, or a CSV file named after
// it) per entity, in the order they are read, each with its columns. Import, export and the
// templates all use these, so an export can always be imported again. docs/import.md describes
// every column.

export const SHEETS = {
  localities: { columns: ['code', 'name', 'rural', 'wards'], example: ['KH01', 'Kirkholme Centre', 'no', 'Market Ward;Castle Ward'] },
  locality_neighbours: { columns: ['locality_code', 'neighbour_code'], example: ['KH01', 'KH02'] },
  postcode_districts: { columns: ['code', 'locality_code'], example: ['KH1', 'KH01'] },
  step_areas: { columns: ['code', 'name', 'locality_codes'], example: ['KH-STEP-1', 'Kirkholme North', 'KH01;KH02'] },
  hospitals: { columns: ['code', 'name'], example: ['KGH', 'Kirkholme General Hospital'] },
  providers: {
    columns: ['cqc_location_id', 'name', 'cqc_rating', 'cqc_rated_on', 'double_handed', 'skills', 'phone', 'email', 'status', 'status_reason'],
    example: ['1-123456789', 'Abbey Home Care', 'GOOD', '2025-03-14', 'yes', 'DEMENTIA;PEG', '01632 960123', 'office@abbey.example', 'ACTIVE', ''],
  },
  people: {
    columns: [
      'nhs_number',
      'given_name',
      'family_name',
      'date_of_birth',
      'address_line_1',
      'address_line_2',
      'town',
      'postcode',
      'locality_code',
      'client_group',
      'phone',
    ],
    example: ['9990000018', 'Ada', 'Brown', '1941-05-02', '12 Mill Lane', '', 'Kirkholme', 'KH1 2AB', 'KH01', 'OLDER_PEOPLE', '01632 960456'],
  },
  contracts: {
    columns: [
      'reference',
      'provider_cqc_location_id',
      'type',
      'hospital_code',
      'person_nhs_number',
      'localities',
      'hourly_rate',
      'valid_from',
      'valid_to',
      'end_reason',
    ],
    example: ['KHC-LOC-001', '1-123456789', 'LOCALITY', '', '', 'KH01;KH02:70', '22.50', '2025-04-01', '', ''],
  },
  contract_rates: { columns: ['contract_reference', 'valid_from', 'hourly_rate', 'reason'], example: ['KHC-LOC-001', '2026-04-01', '23.85', 'Annual uplift'] },
  packages: {
    columns: [
      'reference',
      'person_nhs_number',
      'locality_code',
      'pathway',
      'funding',
      'icb_share_percent',
      's117_aftercare',
      'client_contribution_weekly',
      'financial_assessment_on',
      'hospital_code',
      'status',
      'contract_reference',
      'placement_start',
      'notes',
    ],
    example: [
      'KHC-M-000001',
      '9990000018',
      'KH01',
      'LONG_TERM',
      'COUNCIL',
      '',
      'no',
      '12.50',
      '2026-01-20',
      '',
      'PLACED',
      'KHC-LOC-001',
      '2026-02-02T09:00:00.000Z',
      '',
    ],
    /** Added later: a file without them still imports, as all paid by the funder, with no contribution recorded. */
    optional: ['icb_share_percent', 's117_aftercare', 'client_contribution_weekly', 'financial_assessment_on'],
  },
  visits: { columns: ['package_reference', 'days', 'start', 'minutes', 'carers'], example: ['KHC-M-000001', 'MON;TUE;WED;THU;FRI', '08:00', '30', '1'] },
  service_lines: {
    columns: ['package_reference', 'type', 'hours_per_week', 'double_handed', 'start_date', 'end_date', 'contract_reference', 'hourly_rate'],
    example: ['KHC-M-000001', 'PERSONAL_CARE', '2.50', 'no', '2026-02-02', '', 'KHC-LOC-001', '22.50'],
  },
} as const satisfies Record<string, { columns: readonly string[]; example: readonly string[]; optional?: readonly string[] }>;

export type TSheetName = keyof typeof SHEETS;
export const SHEET_NAMES = Object.keys(SHEETS) as TSheetName[];

/** Columns a sheet's header may leave out: their cells are read as blank. */
export function optionalColumns(sheet: TSheetName): readonly string[] {
  const spec = SHEETS[sheet];
  return 'optional' in spec ? spec.optional : [];
}

export function isSheetName(name: string): name is TSheetName {
  return Object.hasOwn(SHEETS, name);
}

/** The sheet a CSV file holds, from its name ("kirkholme-contracts.csv" holds contracts), else null. */
export function sheetOfFileName(fileName: string): TSheetName | null {
  const stem = fileName
    .replace(/\.csv$/i, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  let best: TSheetName | null = null;
  for (const name of SHEET_NAMES) if ((stem === name || stem.endsWith(`_${name}`)) && (best === null || name.length > best.length)) best = name;
  return best;
}

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection). Export puts a
// single quote before such a cell so it is shown as text; import removes exactly that quote again,
// so what was exported imports unchanged.
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Yes/no columns: yes, no (and true/false, y/n, 1/0); null when the cell is none of them. */
export function parseYesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(v)) return true;
  if (['no', 'n', 'false', '0', ''].includes(v)) return false;
  return null;
}

export const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A list column: items separated by semicolons, blanks dropped. */
export function splitList(value: string): string[] {
  return value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
