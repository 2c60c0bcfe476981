import { SERVICE_TYPES } from '@/lib/package/package-schema';
import { isMonday, minuteOfDay, normaliseDay, normaliseTime } from '@/lib/domain/money';

// Delivered care as providers send it (docs/money.md "Actuals"): per visit, as electronic call
// monitoring systems export it, or per service line and week. Column names are matched loosely
// (case, spaces, hyphens and underscores ignored) and the common ECM names are understood.

export type TRawRow = { row: number; cells: Record<string, string> };
export type TRowError = { row: number; field: string; message: string };

export type TVisitActual = {
  row: number;
  kind: 'VISIT';
  packageReference: string;
  day: string;
  plannedStart: string;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  carers: number;
  missed: boolean;
  serviceType: string | null;
  carerMinutes: number;
};

export type TWeekActual = { row: number; kind: 'WEEK'; packageReference: string; day: string; serviceType: string; carerMinutes: number };

export type TActualRow = TVisitActual | TWeekActual;

/** The columns of each shape, with the other names ECM exports use for them. */
export const VISIT_COLUMNS = {
  package_reference: ['client_reference', 'service_user_reference', 'package', 'care_package_reference'],
  visit_date: ['date', 'scheduled_date', 'call_date'],
  planned_start: ['scheduled_start', 'planned_start_time', 'rostered_start'],
  planned_end: ['scheduled_end', 'planned_end_time', 'rostered_end'],
  actual_start: ['call_in', 'check_in', 'actual_start_time', 'arrival'],
  actual_end: ['call_out', 'check_out', 'actual_end_time', 'departure'],
  carers: ['number_of_carers', 'carers_attended', 'staff'],
  status: ['visit_status', 'outcome'],
  service_type: ['service'],
} as const;

export const WEEK_COLUMNS = {
  package_reference: VISIT_COLUMNS.package_reference,
  week_commencing: ['week_starting', 'week_beginning'],
  service_type: ['service'],
  carer_hours: ['hours_delivered', 'delivered_hours', 'hours'],
} as const;

/** A visit status meaning the call did not happen. */
const MISSED = new Set(['missed', 'cancelled', 'no access', 'no-access', 'not delivered', 'refused']);

const key = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The value of `field` in a row, by its own name or one of the others it goes by. */
function cell(cells: Record<string, string>, field: string, aliases: readonly string[]): string {
  for (const [name, value] of Object.entries(cells)) {
    const k = key(name);
    if (k === field || aliases.includes(k)) return (value ?? '').trim();
  }
  return '';
}

/** Whether the rows are per line and week (a week_commencing column) rather than per visit. */
export function isWeekShape(rows: readonly TRawRow[]): boolean {
  const first = rows[0];
  return !!first && Object.keys(first.cells).some((n) => [key('week_commencing'), ...WEEK_COLUMNS.week_commencing].includes(key(n)));
}

function visitRow(raw: TRawRow, errors: TRowError[]): TVisitActual | null {
  const c = raw.cells;
  const get = (f: keyof typeof VISIT_COLUMNS) => cell(c, f, VISIT_COLUMNS[f]);
  const err = (field: string, message: string) => errors.push({ row: raw.row, field, message });
  const before = errors.length;
  const packageReference = get('package_reference');
  if (!packageReference) err('package_reference', 'Enter the package reference, like BDC-000123');
  const day = normaliseDay(get('visit_date'));
  if (!day) err('visit_date', 'Enter the visit date, like 2026-12-07 or 07/12/2026');
  const time = (f: 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end', required: boolean) => {
    const text = get(f);
    if (!text) {
      if (required) err(f, `Enter the ${f.replace('_', ' ')} time, like 07:30`);
      return null;
    }
    const t = normaliseTime(text);
    if (!t) err(f, `The ${f.replace('_', ' ')} time "${text}" is not a time on the 24-hour clock, like 07:30`);
    return t;
  };
  const status = get('status').toLowerCase();
  const missed = MISSED.has(status);
  const plannedStart = time('planned_start', true);
  const plannedEnd = time('planned_end', false);
  const actualStart = time('actual_start', !missed);
  const actualEnd = time('actual_end', !missed);
  if (plannedStart && plannedEnd && minuteOfDay(plannedEnd)! <= minuteOfDay(plannedStart)!)
    err('planned_end', 'The planned end is not after the planned start');
  if (actualStart && actualEnd && minuteOfDay(actualEnd)! < minuteOfDay(actualStart)!) err('actual_end', 'The actual end is before the actual start');
  const carersText = get('carers') || '1';
  const carers = /^\d+$/.test(carersText) ? Number(carersText) : NaN;
  if (!(carers >= 1 && carers <= 4)) err('carers', 'Enter the number of carers who attended, 1 to 4');
  const serviceType =
    get('service_type')
      .toUpperCase()
      .replace(/[\s-]+/g, '_') || null;
  if (serviceType && !(SERVICE_TYPES as readonly string[]).includes(serviceType))
    err('service_type', `Service type "${serviceType}" is not one of ${SERVICE_TYPES.join(', ')}`);
  if (errors.length > before) return null;
  const minutes = missed || !actualStart || !actualEnd ? 0 : minuteOfDay(actualEnd)! - minuteOfDay(actualStart)!;
  return {
    row: raw.row,
    kind: 'VISIT',
    packageReference,
    day: day!,
    plannedStart: plannedStart!,
    plannedEnd,
    actualStart: missed ? null : actualStart,
    actualEnd: missed ? null : actualEnd,
    carers,
    missed,
    serviceType,
    carerMinutes: minutes * carers,
  };
}

function weekRow(raw: TRawRow, errors: TRowError[]): TWeekActual | null {
  const c = raw.cells;
  const get = (f: keyof typeof WEEK_COLUMNS) => cell(c, f, WEEK_COLUMNS[f]);
  const err = (field: string, message: string) => errors.push({ row: raw.row, field, message });
  const before = errors.length;
  const packageReference = get('package_reference');
  if (!packageReference) err('package_reference', 'Enter the package reference, like BDC-000123');
  const day = normaliseDay(get('week_commencing'));
  if (!day) err('week_commencing', 'Enter the Monday the week starts, like 2026-12-07');
  else if (!isMonday(day)) err('week_commencing', `${day} is not a Monday: enter the Monday the week starts`);
  const serviceType = get('service_type')
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (!(SERVICE_TYPES as readonly string[]).includes(serviceType)) err('service_type', `Enter the service type, one of ${SERVICE_TYPES.join(', ')}`);
  const hoursText = get('carer_hours');
  const hours = /^\d+(\.\d{1,2})?$/.test(hoursText) ? Number(hoursText) : NaN;
  if (!(hours >= 0 && hours <= 168 * 4)) err('carer_hours', 'Enter the carer-hours delivered in the week, like 10.5');
  if (errors.length > before) return null;
  return { row: raw.row, kind: 'WEEK', packageReference, day: day!, serviceType, carerMinutes: Math.round(hours * 60) };
}

/** Each row checked on its own: the rows that read well, and an error naming the field of each that does not. */
export function readActualRows(rows: readonly TRawRow[]): { rows: TActualRow[]; errors: TRowError[] } {
  const errors: TRowError[] = [];
  const week = isWeekShape(rows);
  const out: TActualRow[] = [];
  const seen = new Map<string, number>();
  for (const raw of rows) {
    const r = week ? weekRow(raw, errors) : visitRow(raw, errors);
    if (!r) continue;
    const slot = r.kind === 'VISIT' ? r.plannedStart : r.serviceType;
    const id = `${r.packageReference.toUpperCase()}|${r.day}|${slot}`;
    const first = seen.get(id);
    if (first !== undefined) {
      errors.push({
        row: r.row,
        field: r.kind === 'VISIT' ? 'planned_start' : 'service_type',
        message: `This is the same ${r.kind === 'VISIT' ? 'visit' : 'week'} as row ${first}`,
      });
      continue;
    }
    seen.set(id, r.row);
    out.push(r);
  }
  return { rows: out, errors };
}

/** A slot keys the row with its package and day: the planned start of a visit, the service type of a week. */
export function slotOf(r: TActualRow): string {
  return r.kind === 'VISIT' ? r.plannedStart : r.serviceType;
}
