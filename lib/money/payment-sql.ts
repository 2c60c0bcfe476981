import 'server-only';
import { icbShareSql } from '@/lib/domain/funding';

// What is due for care, for a council ($1) over a set of periods (arrays $2 of first days and $3
// of days after the last), as one SQL statement (docs/money.md "Payments"). One row per period,
// service line, kind (CARE or RETAINER), rate and funder, with the days it covers, its carer-hours
// and its amount in pence, rounded as lib/domain/money.ts says:
// - a line paid by commissioned hours: hoursPerWeek × days / 7 at the rate of those days, its
//   days in hospital left out;
// - a line paid by actuals: the carer-minutes delivered at the rate of their days, less care the
//   council queried or rejected, and over-delivery it queried or rejected cut to what was commissioned;
// - a retainer: the commissioned hours of its days (from admission to its last day, or until the
//   person came home, if sooner) at the rate of those days;
// - the rate on a day: the line's contract's rate that day (its latest dated rate) plus the
//   package's rate uplift; a line with no contract is paid its own agreed rate.
// Each row's pence are split between the line's funders (FUNDING_SHARES_SQL).

/**
 * Who pays each line's care, in percent, with the order a remainder penny goes by (FUNDERS in
 * lib/domain/money.ts: the council first). The ICB's share is the line's own, else the package's
 * stated split, else all of it when the ICB funds the package (icbShareSql, lib/domain/funding.ts);
 * the council pays the rest. A person's contribution is collected by the council from them and
 * does not change what the provider is paid, so it is not split here. Reads the `lines` CTE.
 */
const FUNDING_SHARES_SQL = `
  SELECT l."id" AS "lineId", f.funder, f.pct, f.ord
  FROM lines l CROSS JOIN LATERAL (VALUES ('COUNCIL', 100 - l.icb, 0), ('ICB', l.icb, 1)) AS f(funder, pct, ord)
  WHERE f.pct > 0`;

/**
 * What is due (see above); `lineFilter` is SQL added to the lines' WHERE clause (alias l) to work
 * out some lines only, e.g. those changed since a time.
 */
export const dueSql = (lineFilter = '') => `
  WITH periods AS (SELECT * FROM unnest($2::date[], $3::date[]) AS p(ps, pe)),
  lines AS (
    SELECT l."id", l."packageId", l."providerId", l."contractId", l."type", l."hoursPerWeek", l."startDate", l."endDate", l."hourlyRate",
      p."personId", coalesce(p."rateUplift", 0) AS uplift, ${icbShareSql('l', 'p')}::numeric AS icb, c."type" AS ctype, coalesce(b."basis", 'ACTUALS') AS basis
    FROM "ServiceLine" l
    JOIN "Package" p ON p."councilId" = l."councilId" AND p."id" = l."packageId"
    LEFT JOIN "Contract" c ON c."councilId" = l."councilId" AND c."id" = l."contractId"
    LEFT JOIN "PaymentBasisSetting" b ON b."councilId" = l."councilId" AND b."contractType" = c."type"
    WHERE l."councilId" = $1::uuid AND l."providerId" IS NOT NULL ${lineFilter}
  ),
  rates AS (
    SELECT x."contractId", x."validFrom",
      lead(x."validFrom", 1, 'infinity'::date) OVER (PARTITION BY x."contractId" ORDER BY x."validFrom") AS "validTo", x.rate
    FROM (
      SELECT DISTINCT ON (y."contractId", y."validFrom") y.* FROM (
        SELECT c."id" AS "contractId", c."validFrom", c."hourlyRate" AS rate, 1 AS pri FROM "Contract" c WHERE c."councilId" = $1::uuid
        UNION ALL
        SELECT r."contractId", r."validFrom", r."hourlyRate", 0 FROM "ContractRate" r WHERE r."councilId" = $1::uuid
      ) y ORDER BY y."contractId", y."validFrom", y.pri
    ) x
  ),
  stays AS (
    SELECT s."packageId", s."providerId", s."admittedOn", s."retainerUntil", s."returnedOn"
    FROM "HospitalStay" s WHERE s."councilId" = $1::uuid
  ),
  grid AS (
    SELECT l."id" AS "lineId", pr.ps, pr.pe, d::date AS day
    FROM lines l
    JOIN periods pr ON l."startDate" < pr.pe AND (l."endDate" IS NULL OR l."endDate" > pr.ps)
    CROSS JOIN LATERAL generate_series(greatest(l."startDate", pr.ps), least(coalesce(l."endDate", pr.pe), pr.pe) - 1, interval '1 day') d
  ),
  grid_kind AS (
    SELECT g.*, CASE
        WHEN EXISTS (SELECT 1 FROM stays s WHERE s."packageId" = l."packageId" AND s."providerId" = l."providerId" AND s."admittedOn" <= g.day
          AND g.day <= s."retainerUntil" AND (s."returnedOn" IS NULL OR g.day < s."returnedOn")) THEN 'RETAINER'
        WHEN EXISTS (SELECT 1 FROM stays s WHERE s."packageId" = l."packageId" AND s."admittedOn" <= g.day
          AND (s."returnedOn" IS NULL OR g.day < s."returnedOn")) THEN NULL
        WHEN l.basis = 'COMMISSIONED' THEN 'CARE'
      END AS kind,
      coalesce(r.rate + l.uplift, l."hourlyRate") AS rate
    FROM grid g
    JOIN lines l ON l."id" = g."lineId"
    LEFT JOIN rates r ON r."contractId" = l."contractId" AND r."validFrom" <= g.day AND g.day < r."validTo"
  ),
  commissioned AS (
    SELECT g.ps, g."lineId", g.kind, g.rate, min(g.day) AS "fromDate", max(g.day) + 1 AS "toDate",
      round(min(l."hoursPerWeek") * count(*) / 7, 4) AS hours,
      floor((round(min(l."hoursPerWeek") * 100) * count(*) * round(g.rate * 100) * 2 + 700) / 1400) AS pence
    FROM grid_kind g JOIN lines l ON l."id" = g."lineId"
    WHERE g.kind IS NOT NULL AND g.rate IS NOT NULL
    GROUP BY g.ps, g."lineId", g.kind, g.rate
  ),
  acts AS (
    SELECT pr.ps, a."serviceLineId" AS "lineId", a."day", a."slot", a."carerMinutes" AS m, date_trunc('week', a."day")::date AS monday,
      (SELECT ov."expectedMinutes" FROM "Variance" ov WHERE ov."councilId" = a."councilId" AND ov."kind" = 'OVER_DELIVERY'
        AND ov."packageId" = a."packageId" AND ov."day" = date_trunc('week', a."day")::date AND ov."slot" = a."serviceLineId"::text
        AND ov."status" IN ('QUERIED', 'REJECTED')) AS cap
    FROM "Actual" a
    JOIN periods pr ON a."day" >= pr.ps AND a."day" < pr.pe
    JOIN lines l ON l."id" = a."serviceLineId" AND l.basis = 'ACTUALS'
    WHERE a."councilId" = $1::uuid AND a."carerMinutes" > 0
      AND NOT EXISTS (SELECT 1 FROM "Variance" v WHERE v."councilId" = a."councilId" AND v."actualId" = a."id" AND v."status" IN ('QUERIED', 'REJECTED'))
  ),
  acts_paid AS (
    SELECT x.*, CASE WHEN x.cap IS NULL THEN x.m ELSE greatest(0, least(x.m, x.cap - (x.cum - x.m))) END AS paid
    FROM (SELECT a.*, sum(a.m) OVER (PARTITION BY a."lineId", a.monday ORDER BY a."day", a."slot") AS cum FROM acts a) x
  ),
  delivered AS (
    SELECT a.ps, a."lineId", 'CARE' AS kind, coalesce(r.rate + l.uplift, l."hourlyRate") AS rate, min(a."day") AS "fromDate", max(a."day") + 1 AS "toDate",
      round(sum(a.paid)::numeric / 60, 4) AS hours,
      floor((sum(a.paid) * round(coalesce(r.rate + l.uplift, l."hourlyRate") * 100) + 30) / 60) AS pence
    FROM acts_paid a
    JOIN lines l ON l."id" = a."lineId"
    LEFT JOIN rates r ON r."contractId" = l."contractId" AND r."validFrom" <= a."day" AND a."day" < r."validTo"
    WHERE a.paid > 0 AND coalesce(r.rate + l.uplift, l."hourlyRate") IS NOT NULL
    GROUP BY a.ps, a."lineId", coalesce(r.rate + l.uplift, l."hourlyRate")
  ),
  due AS (
    SELECT row_number() OVER () AS gid, u.* FROM (SELECT * FROM commissioned UNION ALL SELECT * FROM delivered) u WHERE u.pence <> 0
  ),
  funding AS (${FUNDING_SHARES_SQL}),
  split AS (
    SELECT d.*, f.funder, f.pct, row_number() OVER (PARTITION BY d.gid ORDER BY f.ord) AS rn,
      trunc(d.pence * f.pct / 100) AS part, sum(trunc(d.pence * f.pct / 100)) OVER (PARTITION BY d.gid) AS parts
    FROM due d JOIN funding f ON f."lineId" = d."lineId"
  )
  SELECT s.ps, s."lineId", l."providerId", l."packageId", l."personId", l.ctype, l."type" AS "serviceType", l.basis, s.kind, s.funder::text AS funder,
    s."fromDate", s."toDate", round(s.hours * s.pct / 100, 4) AS hours, s.rate,
    (CASE WHEN s.rn = 1 THEN s.part + (s.pence - s.parts) ELSE s.part END)::bigint AS pence
  FROM split s JOIN lines l ON l."id" = s."lineId"`;
