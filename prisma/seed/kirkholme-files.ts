import path from 'node:path';
import type { TSheetName } from '../../lib/import/sheets';
import { yesNo } from '../../lib/import/sheets';
import { lastDayBefore } from '../../lib/package/line-dates';
import type { MarketRows } from './build-market';

// Kirkholme's CSV files (prisma/seed/kirkholme/), in the importer's own sheets (docs/import.md).
// The seed imports them on every fresh start. The geography files are kept by hand; the market
// files are written by scripts/kirkholme-files.ts from the builder's rows for them, which are the
// same whatever the seed and the moment (prisma/seed/build-market.ts).

export const KIRKHOLME_DIR = path.join(process.cwd(), 'prisma', 'seed', 'kirkholme');

/** The files the seed imports, in the importer's reading order. */
export const KIRKHOLME_FILES: TSheetName[] = [
  'localities',
  'locality_neighbours',
  'postcode_districts',
  'step_areas',
  'hospitals',
  'providers',
  'people',
  'contracts',
  'packages',
  'visits',
  'service_lines',
];

type TCells = string[][];
const day = (d: Date | string | null | undefined) => (d == null ? '' : new Date(d).toISOString().slice(0, 10));
const pounds = (n: unknown) => Number(n).toFixed(2);

/** The market sheets of Kirkholme's files (everything but the geography), from the builder's rows for them. */
export function kirkholmeMarketSheets(rows: MarketRows): Partial<Record<TSheetName, TCells>> {
  const localityCode = new Map(rows.localities.map((l) => [l.id!, l.code]));
  const hospitalCode = new Map(rows.hospitals.map((h) => [h.id!, h.code]));
  const cqc = new Map(rows.providers.map((p) => [p.id!, p.cqcLocationId]));
  const nhs = new Map(rows.people.map((p) => [p.id!, p.nhsNumber]));
  const contractRef = new Map(rows.contracts.map((c) => [c.id!, c.reference]));
  const packageRef = new Map(rows.packages.map((p) => [p.id!, p.reference]));
  const registration = new Map(rows.councilProviders.map((cp) => [cp.providerId, cp]));
  const placement = new Map(rows.placements.map((p) => [p.packageId, p]));
  const code = (map: Map<string, string>, id: string | null | undefined) => (id == null ? '' : map.get(id)!);
  const localities = (contractId: string) =>
    rows.contractLocalities
      .filter((cl) => cl.contractId === contractId)
      .map((cl) => localityCode.get(cl.localityId)!)
      .join(';');

  return {
    providers: rows.providers
      .filter((p) => registration.has(p.id!))
      .map((p) => {
        const reg = registration.get(p.id!)!;
        return [
          p.cqcLocationId,
          p.name,
          p.cqcRating ?? 'NOT_RATED',
          day(p.cqcRatedOn),
          yesNo(p.doubleHanded ?? false),
          [...((p.skills as string[] | undefined) ?? [])].join(';'),
          p.phone ?? '',
          p.email ?? '',
          reg.status ?? 'ACTIVE',
          reg.statusReason ?? '',
        ];
      }),
    people: rows.people.map((p) => [
      p.nhsNumber,
      p.givenName,
      p.familyName,
      day(p.dateOfBirth),
      p.addressLine1,
      p.addressLine2 ?? '',
      p.town,
      p.postcode,
      code(localityCode, p.localityId),
      p.clientGroup ?? 'OLDER_PEOPLE',
      p.phone ?? '',
    ]),
    contracts: rows.contracts.map((c) => [
      c.reference,
      code(cqc, c.providerId),
      c.type,
      code(hospitalCode, c.hospitalId),
      code(nhs, c.personId),
      localities(c.id!),
      pounds(c.hourlyRate),
      day(c.validFrom),
      day(c.validTo),
      c.endReason ?? '',
    ]),
    packages: rows.packages.map((p) => {
      const placed = placement.get(p.id!);
      return [
        p.reference,
        code(nhs, p.personId),
        code(localityCode, p.localityId),
        p.pathway,
        p.funding ?? 'COUNCIL',
        p.icbSharePercent == null ? '' : String(Number(p.icbSharePercent)),
        yesNo(p.s117Aftercare ?? false),
        p.clientContributionWeekly == null ? '' : pounds(p.clientContributionWeekly),
        day(p.financialAssessmentOn ?? null),
        code(hospitalCode, p.hospitalId),
        p.status ?? 'DRAFT',
        code(contractRef, placed?.contractId),
        placed ? new Date(placed.startedAt).toISOString() : '',
        p.notes ?? '',
      ];
    }),
    visits: rows.visits.map((v) => [code(packageRef, v.packageId), (v.days as string[]).join(';'), v.start, String(v.minutes), String(v.carers)]),
    service_lines: rows.serviceLines.map((l) => [
      code(packageRef, l.packageId),
      l.type,
      pounds(l.hoursPerWeek),
      yesNo(l.doubleHanded ?? false),
      day(l.startDate),
      l.endDate == null ? '' : day(lastDayBefore(new Date(l.endDate))),
      code(contractRef, l.contractId),
      l.hourlyRate == null ? '' : pounds(l.hourlyRate),
    ]),
  };
}
