import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { cache } from 'react';
import { BANDS } from '@/lib/domain/carer-hours';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { demandByBand } from '@/lib/placement/demand';
import { parseScenario, withPackages } from '@/lib/placement/parse-scenario';
import type { TPackage, TScenario } from '@/lib/placement/schema';

type TScenarioDay = TPackage['visits'][number]['days'][number];
import { CONTRACT_RATES_SELECT, contractRateAt } from '@/lib/contract/contract-rate';

type Db = PrismaClient | Prisma.TransactionClient;

// The engine's scenario for one council, read from the database. Ids are the database uuids, so
// the engine's answers map straight back to rows.

const ENGINE_HOSPITALS = ['BRI', 'AGH'] as const;
type TEngineHospital = (typeof ENGINE_HOSPITALS)[number];
const ENGINE_HOSPITAL_NAME: Record<TEngineHospital, string> = { BRI: 'Bradford Royal Infirmary', AGH: 'Airedale General Hospital' };

// The engine names hospitals BRI and AGH only, and matches a discharge contract to a discharge by
// that label alone. Another council's hospitals borrow the labels (at most two per council), and
// the engine's reasons are given back with the real hospital's name.
const hospitalNames = new WeakMap<TScenario, Map<string, string>>();

export type TPackageForScenario = Prisma.PackageGetPayload<{ include: { visits: true; hospital: { select: { code: true } } } }>;

/**
 * What opening a round reads of a package: the scenario's view (its visits in force on the London
 * day of `now`), and for the offer notices the locality's name and when the lines run.
 */
export function packageForRound(now: Date) {
  return {
    visits: { where: visitsInForceWhere(now) },
    hospital: { select: { code: true } },
    locality: { select: { name: true } },
    serviceLines: { select: { startDate: true, endDate: true } },
  } satisfies Prisma.PackageInclude;
}

export type TPackageForRound = TPackageForScenario & { locality: { name: string }; serviceLines: { startDate: Date; endDate: Date | null }[] };

/**
 * A package as the rankings of its page read it (packageForRound, and whether its locality is
 * rural): the cascade preview, the providers to offer it to by hand and the placeability advice
 * of one request, at one instant, share one read.
 */
export const packageForRanking = cache(async (db: Db, councilId: string, packageId: string, nowMs: number) =>
  db.package.findFirst({
    where: { councilId, id: packageId },
    include: { ...packageForRound(new Date(nowMs)), locality: { select: { name: true, rural: true } } },
  }),
);

/** The engine's view of a package row (with its visits and hospital code). */
export function enginePackage(pkg: TPackageForScenario, postedAt: Date): TPackage {
  return {
    id: pkg.id,
    localityId: pkg.localityId,
    postedAt: postedAt.toISOString(),
    pathway: pkg.pathway,
    funding: pkg.funding,
    // The council's own code for now; scenarioFromDb maps it to the engine's label.
    hospital: (pkg.hospital?.code ?? null) as TPackage['hospital'],
    preferredProviderId: pkg.preferredProviderId,
    excludedProviderIds: pkg.excludedProviderIds,
    requiredSkills: pkg.requiredSkills,
    visits: pkg.visits.map((v) => ({ days: v.days, start: v.start, minutes: v.minutes, carers: v.carers as 1 | 2 })),
  };
}

/** The engine's label for each of the council's hospital codes. */
function hospitalLabels(hospitals: readonly { code: string; name: string }[]): { label: Map<string, TEngineHospital>; names: Map<string, string> } {
  const label = new Map<string, TEngineHospital>();
  const names = new Map<string, string>();
  const sorted = [...hospitals].sort((a, b) => a.code.localeCompare(b.code));
  for (const h of sorted) if ((ENGINE_HOSPITALS as readonly string[]).includes(h.code)) label.set(h.code, h.code as TEngineHospital);
  const free = ENGINE_HOSPITALS.filter((l) => ![...label.values()].includes(l));
  for (const h of sorted) {
    if (label.has(h.code)) continue;
    const l = free.shift();
    if (!l) break;
    label.set(h.code, l);
  }
  for (const h of sorted) {
    const l = label.get(h.code);
    if (l) names.set(ENGINE_HOSPITAL_NAME[l], h.name);
  }
  return { label, names };
}

/** The engine's offer reasons, with the council's real hospital names. */
export function localiseReasons(scenario: TScenario, reasons: readonly string[]): string[] {
  const names = hospitalNames.get(scenario);
  if (!names) return [...reasons];
  return reasons.map((r) => {
    let out = r;
    for (const [engineName, realName] of names) out = out.replaceAll(engineName, realName);
    return out;
  });
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

type TDeclarationRow = [providerId: string, localityId: string, band: (typeof BANDS)[number], carerHours: number, days: TScenarioDay[], declaredAt: string];

/**
 * The council's capacity declarations (a few thousand rows: every provider × locality × band),
 * read as one JSON text the database builds: turning each row into objects through the Prisma
 * client costs the app several times the CPU, on every page that ranks a package.
 */
async function capacityDeclarations(db: Db, councilId: string) {
  const [{ rows }] = await db.$queryRaw<{ rows: string }[]>`
    SELECT coalesce(json_agg(json_build_array(d."providerId", d."localityId", d."band", d."carerHours", d."days", d."declaredAt")), '[]')::text AS rows
    FROM "CapacityDeclaration" d WHERE d."councilId" = ${councilId}::uuid`;
  // declaredAt is a UTC wall-clock timestamp, as Prisma stores DateTime.
  return (JSON.parse(rows) as TDeclarationRow[]).map(([providerId, localityId, band, carerHours, days, declaredAt]) => ({
    providerId,
    localityId,
    band,
    carerHours,
    days,
    declaredAt: new Date(`${declaredAt}Z`),
  }));
}

/**
 * What every scenario of a council at `now` reads: its localities, register, spare capacity,
 * contracts and hospitals. A page that ranks a package twice (the cascade preview and the
 * providers to offer it to by hand) reads it once: one request's calls for the same council and
 * the same instant share it.
 */
const loadMarket = cache(async (db: Db, councilId: string, nowMs: number) => {
  const now = new Date(nowMs);
  const nowSql = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const [localities, registered, declarations, contracts, placements, hospitals] = await Promise.all([
    db.locality.findMany({
      where: { councilId },
      select: { id: true, name: true, rural: true, neighbours: { select: { neighbourId: true } } },
      orderBy: { code: 'asc' },
    }),
    db.councilProvider.findMany({
      where: { councilId },
      select: { status: true, provider: { select: { id: true, name: true, cqcRating: true, doubleHanded: true, skills: true } } },
      orderBy: { providerId: 'asc' },
    }),
    capacityDeclarations(db, councilId),
    db.contract.findMany({
      where: { councilId },
      select: {
        id: true,
        providerId: true,
        type: true,
        ...CONTRACT_RATES_SELECT,
        validFrom: true,
        validTo: true,
        hospital: { select: { code: true } },
        localities: { select: { localityId: true } },
      },
      orderBy: { id: 'asc' },
    }),
    // Only a placement started after a declaration of its provider's for its locality takes hours
    // off it: the database picks those out (a few among thousands), and the loop below applies
    // the rule band by band.
    db.$queryRaw<{ id: string }[]>`
      SELECT pl.id FROM "Placement" pl
      JOIN "Package" pk ON pk."councilId" = pl."councilId" AND pk.id = pl."packageId"
      WHERE pl."councilId" = ${councilId}::uuid AND pl."endedAt" IS NULL AND pl."startedAt" <= ${nowSql}
        AND EXISTS (SELECT 1 FROM "CapacityDeclaration" d
                    WHERE d."councilId" = pl."councilId" AND d."providerId" = pl."providerId" AND d."localityId" = pk."localityId"
                      AND d."declaredAt" < pl."startedAt")`.then((rows) =>
      db.placement.findMany({
        where: { councilId, id: { in: rows.map((r) => r.id) } },
        select: {
          providerId: true,
          startedAt: true,
          package: {
            select: { localityId: true, visits: { where: visitsInForceWhere(now), select: { days: true, start: true, minutes: true, carers: true } } },
          },
        },
      }),
    ),
    db.hospital.findMany({ where: { councilId }, select: { code: true, name: true } }),
  ]);
  const hospital = hospitalLabels(hospitals);

  const providerIds = new Set(registered.map((r) => r.provider.id));
  const key = (providerId: string, localityId: string, band: string) => `${providerId}|${localityId}|${band}`;
  const capacity = new Map<
    string,
    { hours: number; declaredAt: Date; providerId: string; localityId: string; band: (typeof BANDS)[number]; days: TScenarioDay[] }
  >();
  for (const d of declarations) {
    if (!providerIds.has(d.providerId)) continue;
    capacity.set(key(d.providerId, d.localityId, d.band), {
      hours: Number(d.carerHours),
      declaredAt: d.declaredAt,
      providerId: d.providerId,
      localityId: d.localityId,
      band: d.band,
      days: d.days,
    });
  }
  for (const p of placements) {
    const demand = demandByBand({ visits: p.package.visits } as TPackage);
    for (const band of BANDS) {
      const slot = capacity.get(key(p.providerId, p.package.localityId, band));
      if (slot && demand[band] > 0 && p.startedAt > slot.declaredAt) slot.hours = Math.max(0, slot.hours - demand[band]);
    }
  }
  const capacityByProvider = new Map<string, { localityId: string; band: (typeof BANDS)[number]; carerHours: number; days: TScenarioDay[] }[]>();
  for (const slot of capacity.values()) {
    const list = capacityByProvider.get(slot.providerId) ?? [];
    list.push({ localityId: slot.localityId, band: slot.band, carerHours: slot.hours, days: slot.days });
    capacityByProvider.set(slot.providerId, list);
  }
  return { localities, registered, contracts, hospital, providerIds, capacityByProvider };
});

/**
 * Builds the scenario for `councilId` at `now` holding the given packages. Providers are those on
 * the council's register, with the council's own status for them. Declared capacity is already
 * spare capacity in this product, so it is used as declared, less the hours of placements the
 * provider has started since it declared (care it took on through this platform afterwards).
 */
export async function scenarioFromDb(db: Db, councilId: string, packages: readonly TPackage[], now: Date): Promise<TScenario> {
  const { market, hospital, providerIds } = await marketScenario(db, councilId, now.getTime());
  // References to providers the council has not registered cannot match anyone: dropped.
  const parsed = withPackages(
    market,
    packages.map((p) => ({
      ...p,
      hospital: hospital.code(p.hospital),
      preferredProviderId: p.preferredProviderId && providerIds.has(p.preferredProviderId) ? p.preferredProviderId : null,
      excludedProviderIds: p.excludedProviderIds.filter((id) => providerIds.has(id)),
    })),
  );
  if (!parsed.ok) throw new Error(`The council's data does not make a valid placement scenario: ${parsed.errors.slice(0, 5).join('; ')}`);
  hospitalNames.set(parsed.scenario, hospital.names);
  return parsed.scenario;
}

/**
 * The council's market at `now` as the engine's scenario without packages, checked once: a
 * request that ranks several packages (the package page ranks one three ways) builds and checks
 * it once, and each call adds and checks only its own packages.
 */
const marketScenario = cache(async (db: Db, councilId: string, nowMs: number) => {
  const now = new Date(nowMs);
  const { localities, registered, contracts, hospital, providerIds, capacityByProvider } = await loadMarket(db, councilId, nowMs);
  const hospitalCode = (code: string | null): TEngineHospital | null => (code === null ? null : (hospital.label.get(code) ?? null));

  const input = {
    now: now.toISOString(),
    localities: localities.map((l) => ({ id: l.id, name: l.name, rural: l.rural, neighbours: l.neighbours.map((n) => n.neighbourId) })),
    providers: registered.map((r) => ({
      id: r.provider.id,
      name: r.provider.name,
      status: r.status,
      cqcRating: r.provider.cqcRating,
      doubleHanded: r.provider.doubleHanded,
      skills: r.provider.skills,
      capacity: capacityByProvider.get(r.provider.id) ?? [],
    })),
    // A contract with a provider that is not on the register, or a discharge contract for a
    // hospital the engine does not know, cannot be offered under, so it is left out.
    contracts: contracts
      .filter((c) => providerIds.has(c.providerId) && (c.type !== 'DISCHARGE' || hospitalCode(c.hospital?.code ?? null) !== null))
      .map((c) => ({
        id: c.id,
        providerId: c.providerId,
        type: c.type,
        localityIds: c.localities.map((l) => l.localityId),
        hospital: hospitalCode(c.hospital?.code ?? null),
        // The rate in force now: the engine ranks and prices by it (dated rates, contract-rate.ts).
        hourlyRate: contractRateAt(c, now),
        validFrom: isoDate(c.validFrom),
        validTo: c.validTo ? isoDate(c.validTo) : null,
      })),
    packages: [],
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`The council's data does not make a valid placement scenario: ${parsed.errors.slice(0, 5).join('; ')}`);
  return { market: parsed.scenario, hospital: { code: hospitalCode, names: hospital.names }, providerIds };
});
