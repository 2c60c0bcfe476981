import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { csvFileName } from '@/lib/csv/csv-file';
import { parseOrThrow } from '@/lib/errors/field-errors';

// The NHS Adult Social Care Client Level Data (CLD) return for a quarter (docs/money.md "Client
// Level Data"): one row per person and service (a package's service type, across its line
// versions) in force in the quarter, with the fields in the order CLD_FIELDS gives. Rows missing a
// mandatory field are listed, naming the field, and the return is not made until they are fixed.

/**
 * The return's fields: every field of the ASC CLD specification, Release 1, in its order
 * (docs/money.md names the source). The file carries them all; those this platform does not hold
 * (the council's case-management system does: gender, ethnicity, assessments, reviews, carers) are
 * left blank.
 */
export const CLD_FIELDS = [
  'LA_Code',
  'Reporting_Period_Start_Date',
  'Reporting_Period_End_Date',
  'NHS_Number',
  'LA_Person_Unique_Identifier',
  'First_Name',
  'Last_Name',
  'GP_Practice_Name',
  'GP_Practice_Code',
  'Gender',
  'Ethnicity',
  'Date_of_Birth',
  'Date_of_Death',
  'Client_Type',
  'Primary_Support_Reason',
  'Postcode',
  'Accommodation_Status',
  'Employment_Status',
  'Has_Unpaid_Carer',
  'Autism_Spectrum_Disorder_ASD',
  'Visual_Impairment',
  'Hearing_Impairment',
  'Dementia',
  'Client_Funding_Status',
  'Event_Type',
  'Event_Reference',
  'Event_Start_Date',
  'Event_End_Date',
  'Event_Description',
  'Event_Outcome',
  'Request_Route_of_Access',
  'Assessment_Type',
  'Eligible_Needs_Identified',
  'Method_of_Assessment',
  'Total_Hrs_Caring_Per_Week',
  'No_of_adults_being_cared_for',
  'Adult_1_Linked_Person_ID',
  'Adult_2_Linked_Person_ID',
  'Adult_3_Linked_Person_ID',
  'Service_Type',
  'Service_Component',
  'Delivery_Mechanism',
  'Provider_CQC_Location_Name',
  'Provider_CQC_Location_ID',
  'Review_Reason',
  'Review_Outcomes_Achieved',
  'Method_of_Review',
  'Unit_Cost',
  'Cost_Frequency_Unit_Type',
  'Planned_Units_Per_Week',
] as const;

type TField = (typeof CLD_FIELDS)[number];

/** Fields a row may not leave blank. Gender and ethnicity come from the council's case-management system, which this platform does not hold. */
export const CLD_MANDATORY: readonly TField[] = [
  'LA_Code',
  'Reporting_Period_Start_Date',
  'Reporting_Period_End_Date',
  'LA_Person_Unique_Identifier',
  'NHS_Number',
  'Date_of_Birth',
  'Postcode',
  'Event_Type',
  'Event_Start_Date',
  'Service_Type',
  'Service_Component',
  'Unit_Cost',
  'Planned_Units_Per_Week',
  'Client_Funding_Status',
];

export const ZCldQuarterSchema = z.object({
  quarter: z.iso
    .date({ error: 'Enter the first day of the quarter, like 2027-01-01' })
    .refine((d) => ['01-01', '04-01', '07-01', '10-01'].includes(d.slice(5)), {
      error: 'A quarter starts on 1 January, 1 April, 1 July or 1 October',
    }),
});

export type TCldRow = Record<TField, string>;
export type TCldError = { person: string; package: string; fields: TField[] };

type TSource = {
  personId: string;
  givenName: string;
  familyName: string;
  providerName: string | null;
  cqcLocationId: string | null;
  externalId: string | null;
  nhsNumber: string;
  dateOfBirth: Date;
  postcode: string;
  clientGroup: string;
  reference: string;
  pathway: string;
  funding: string;
  type: string;
  startDate: Date;
  endDate: Date | null;
  hours: string | null;
  rate: string | null;
};

const SUPPORT_REASON: Record<string, string> = {
  OLDER_PEOPLE: 'Physical Support: Personal Care Support',
  PHYSICAL_DISABILITY: 'Physical Support: Personal Care Support',
  SENSORY_IMPAIRMENT: 'Sensory Support',
  MENTAL_HEALTH: 'Mental Health Support',
  LEARNING_DISABILITY: 'Learning Disability Support',
};

const FUNDING_STATUS: Record<string, string> = { COUNCIL: 'Fully Local Authority funded', ICB: 'Fully NHS funded (CHC)' };

export async function cldReturn(
  db: PrismaClient,
  councilId: string,
  input: z.input<typeof ZCldQuarterSchema>,
): Promise<{ rows: TCldRow[]; errors: TCldError[] }> {
  const { quarter } = parseOrThrow(ZCldQuarterSchema, input);
  const start = new Date(`${quarter}T00:00:00Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 3);
  const last = new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
  const setting = await db.councilSetting.findUnique({ where: { councilId }, select: { laCode: true } });
  const sources = await db.$queryRaw<TSource[]>`
    WITH l AS (
      SELECT l.*, row_number() OVER (PARTITION BY l."packageId", l."type" ORDER BY l."startDate" DESC, l."createdAt" DESC) AS latest
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND l."providerId" IS NOT NULL AND l."startDate" < ${end}::date
        AND (l."endDate" IS NULL OR l."endDate" > ${start}::date)
    )
    SELECT pe."id"::text AS "personId", pe."givenName", pe."familyName", pe."externalId",
      max(CASE WHEN l.latest = 1 THEN pv."name" END) AS "providerName", max(CASE WHEN l.latest = 1 THEN pv."cqcLocationId" END) AS "cqcLocationId", pe."nhsNumber", pe."dateOfBirth", pe."postcode", pe."clientGroup"::text AS "clientGroup",
      p."reference", p."pathway"::text AS pathway, p."funding"::text AS funding, l."type"::text AS type,
      min(l."startDate") AS "startDate", CASE WHEN bool_or(l."endDate" IS NULL) THEN NULL ELSE max(l."endDate") END AS "endDate",
      max(CASE WHEN l.latest = 1 THEN l."hoursPerWeek" END)::text AS hours,
      max(CASE WHEN l.latest = 1 THEN coalesce(
        (SELECT x.rate FROM (
          SELECT c."validFrom", c."hourlyRate" AS rate FROM "Contract" c WHERE c."councilId" = l."councilId" AND c."id" = l."contractId"
          UNION ALL SELECT r."validFrom", r."hourlyRate" FROM "ContractRate" r WHERE r."councilId" = l."councilId" AND r."contractId" = l."contractId"
        ) x WHERE x."validFrom" <= ${last}::date ORDER BY x."validFrom" DESC LIMIT 1) + coalesce(p."rateUplift", 0),
        l."hourlyRate") END)::text AS rate
    FROM l
    JOIN "Package" p ON p."councilId" = l."councilId" AND p."id" = l."packageId"
    JOIN "Person" pe ON pe."councilId" = p."councilId" AND pe."id" = p."personId"
    JOIN "Provider" pv ON pv."id" = l."providerId"
    GROUP BY pe."councilId", pe."id", p."councilId", p."id", l."type"
    ORDER BY pe."familyName", pe."id", p."reference", l."type"`;
  const rows: TCldRow[] = [];
  const errors: TCldError[] = [];
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');
  for (const s of sources) {
    const held: Partial<TCldRow> = {
      LA_Code: setting?.laCode ?? '',
      Reporting_Period_Start_Date: quarter,
      Reporting_Period_End_Date: last,
      LA_Person_Unique_Identifier: s.externalId ?? s.personId,
      NHS_Number: s.nhsNumber.replace(/\s/g, ''),
      First_Name: s.givenName,
      Last_Name: s.familyName,
      Date_of_Birth: day(s.dateOfBirth),
      Postcode: s.postcode.trim(),
      Client_Type: 'Service User',
      Primary_Support_Reason: SUPPORT_REASON[s.clientGroup] ?? '',
      Event_Type: 'Service',
      Event_Reference: `${s.reference}-${s.type}`,
      Event_Start_Date: day(s.startDate),
      // The last day of the service (line ends are exclusive), blank while it goes on.
      Event_End_Date: s.endDate ? day(new Date(s.endDate.getTime() - 86_400_000)) : '',
      Service_Type: s.pathway === 'LONG_TERM' ? 'Long Term Support: Community' : 'Short Term Support: ST-Max',
      Service_Component: s.type === 'REABLEMENT' || s.pathway !== 'LONG_TERM' ? 'Reablement' : 'Home Support',
      Delivery_Mechanism: 'Commissioned support',
      Provider_CQC_Location_Name: s.providerName ?? '',
      Provider_CQC_Location_ID: s.cqcLocationId ?? '',
      Unit_Cost: s.rate === null ? '' : Number(s.rate).toFixed(2),
      Cost_Frequency_Unit_Type: 'Hourly',
      Planned_Units_Per_Week: s.hours === null ? '' : Number(s.hours).toFixed(2),
      Client_Funding_Status: FUNDING_STATUS[s.funding] ?? '',
    };
    const row = Object.fromEntries(CLD_FIELDS.map((f) => [f, held[f] ?? ''])) as TCldRow;
    const missing = CLD_MANDATORY.filter((f) => row[f] === '');
    if (missing.length) errors.push({ person: row.LA_Person_Unique_Identifier, package: s.reference, fields: missing });
    else rows.push(row);
  }
  return { rows, errors };
}

/** The return as CSV: the header row of field names, then one row per person and service. */
export function cldCsv(councilCode: string, quarter: string, rows: readonly TCldRow[]): { filename: string; csv: string } {
  return { filename: csvFileName([councilCode, 'cld', quarter]), csv: stringify([[...CLD_FIELDS], ...rows.map((r) => CLD_FIELDS.map((f) => r[f]))]) };
}
