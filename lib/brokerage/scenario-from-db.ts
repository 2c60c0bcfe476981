import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { BANDS, demandByBand, parseScenario, type TPackage, type TScenario } from '@/lib/placement';

type Db = PrismaClient | Prisma.TransactionClient;

// The engine's scenario for one council, read from the database. Ids are the database uuids, so
// the engine's answers map straight back to rows.

const HOSPITAL_CODES = new Set(['BRI', 'AGH']);

export type TPackageForScenario = Prisma.PackageGetPayload<{ include: { visits: true; hospital: { select: { code: true } } } }>;

/** The engine's view of a package row (with its visits and hospital code). */
export function enginePackage(pkg: TPackageForScenario, postedAt: Date): TPackage {
  return {
    id: pkg.id,
    localityId: pkg.localityId,
    postedAt: postedAt.toISOString(),
    pathway: pkg.pathway,
    funding: pkg.funding,
    hospital: hospitalCode(pkg.hospital?.code ?? null),
    preferredProviderId: pkg.preferredProviderId,
    excludedProviderIds: pkg.excludedProviderIds,
    requiredSkills: pkg.requiredSkills,
    visits: pkg.visits.map((v) => ({ days: v.days, start: v.start, minutes: v.minutes, carers: v.carers as 1 | 2 })),
  };
}

function hospitalCode(code: string | null): 'BRI' | 'AGH' | null {
  return code !== null && HOSPITAL_CODES.has(code) ? (code as 'BRI' | 'AGH') : null;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Builds the scenario for `councilId` at `now` holding the given packages. Providers are those on
 * the council's register, with the council's own status for them. Declared capacity is already
 * spare capacity in this product, so it is used as declared, less the hours of placements the
 * provider has started since it declared (care it took on through this platform afterwards).
 */
export async function scenarioFromDb(db: Db, councilId: string, packages: readonly TPackage[], now: Date): Promise<TScenario> {
  const [localities, registered, declarations, contracts, placements] = await Promise.all([
    db.locality.findMany({ where: { councilId }, select: { id: true, name: true, rural: true, neighbours: { select: { neighbourId: true } } }, orderBy: { code: 'asc' } }),
    db.councilProvider.findMany({
      where: { councilId },
      select: { status: true, provider: { select: { id: true, name: true, cqcRating: true, doubleHanded: true, skills: true } } },
      orderBy: { providerId: 'asc' },
    }),
    db.capacityDeclaration.findMany({ where: { councilId }, select: { providerId: true, localityId: true, band: true, carerHours: true, declaredAt: true } }),
    db.contract.findMany({
      where: { councilId },
      select: { id: true, providerId: true, type: true, hourlyRate: true, validFrom: true, validTo: true, hospital: { select: { code: true } }, localities: { select: { localityId: true } } },
      orderBy: { id: 'asc' },
    }),
    db.placement.findMany({
      where: { councilId, endedAt: null, startedAt: { lte: now } },
      select: { providerId: true, startedAt: true, package: { select: { localityId: true, visits: { select: { days: true, start: true, minutes: true, carers: true } } } } },
    }),
  ]);

  const providerIds = new Set(registered.map((r) => r.provider.id));
  const key = (providerId: string, localityId: string, band: string) => `${providerId}|${localityId}|${band}`;
  const capacity = new Map<string, { hours: number; declaredAt: Date; providerId: string; localityId: string; band: (typeof BANDS)[number] }>();
  for (const d of declarations) {
    if (!providerIds.has(d.providerId)) continue;
    capacity.set(key(d.providerId, d.localityId, d.band), { hours: Number(d.carerHours), declaredAt: d.declaredAt, providerId: d.providerId, localityId: d.localityId, band: d.band });
  }
  for (const p of placements) {
    const demand = demandByBand({ visits: p.package.visits } as TPackage);
    for (const band of BANDS) {
      const slot = capacity.get(key(p.providerId, p.package.localityId, band));
      if (slot && demand[band] > 0 && p.startedAt > slot.declaredAt) slot.hours = Math.max(0, slot.hours - demand[band]);
    }
  }
  const capacityByProvider = new Map<string, { localityId: string; band: (typeof BANDS)[number]; carerHours: number }[]>();
  for (const slot of capacity.values()) {
    const list = capacityByProvider.get(slot.providerId) ?? [];
    list.push({ localityId: slot.localityId, band: slot.band, carerHours: slot.hours });
    capacityByProvider.set(slot.providerId, list);
  }

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
        hourlyRate: Number(c.hourlyRate),
        validFrom: isoDate(c.validFrom),
        validTo: c.validTo ? isoDate(c.validTo) : null,
      })),
    // References to providers the council has not registered cannot match anyone: dropped.
    packages: packages.map((p) => ({
      ...p,
      preferredProviderId: p.preferredProviderId && providerIds.has(p.preferredProviderId) ? p.preferredProviderId : null,
      excludedProviderIds: p.excludedProviderIds.filter((id) => providerIds.has(id)),
    })),
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`The council's data does not make a valid placement scenario: ${parsed.errors.slice(0, 5).join('; ')}`);
  return parsed.scenario;
}
