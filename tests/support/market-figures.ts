import type { MarketRows } from '@/prisma/seed/build-market';

/** Headline figures of one seeded council, recounted from the raw rows as of `now`. */
export function marketFigures(rows: MarketRows, councilCode: string, now: Date) {
  const council = rows.councils.find((c) => c.code === councilCode);
  if (!council) throw new Error(`no council ${councilCode}`);
  const mine = <T extends { councilId: string }>(list: T[]) => list.filter((r) => r.councilId === council.id);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const inForce = (l: { startDate: Date | string; endDate?: Date | string | null }) =>
    new Date(l.startDate).getTime() <= today && (l.endDate == null || today < new Date(l.endDate).getTime());
  const lines = mine(rows.serviceLines).filter((l) => inForce(l) && l.providerId);
  const packages = new Map(mine(rows.packages).map((p) => [p.id as string, p] as const));
  const people = new Map(mine(rows.people).map((p) => [p.id as string, p] as const));
  const activePackageIds = new Set(lines.map((l) => l.packageId));
  const activePeople = new Set([...activePackageIds].map((id) => packages.get(id)!.personId));
  const hours = lines.reduce((s, l) => s + Number(l.hoursPerWeek), 0);
  const external = lines
    .filter((l) => {
      const pkg = packages.get(l.packageId)!;
      const group = people.get(pkg.personId)!.clientGroup;
      return pkg.funding === 'COUNCIL' && group !== 'MENTAL_HEALTH' && group !== 'LEARNING_DISABILITY';
    })
    .reduce((s, l) => s + Number(l.hoursPerWeek), 0);
  const doubleHanded = [...activePackageIds].filter((id) => lines.some((l) => l.packageId === id && l.doubleHanded)).length;
  const registered = mine(rows.councilProviders);
  const ratings = registered.map((cp) => rows.providers.find((p) => p.id === cp.providerId)!.cqcRating);
  const spend = lines.reduce((s, l) => s + Number(l.hoursPerWeek) * Number(l.hourlyRate ?? 0), 0);
  return {
    wards: mine(rows.wards).length,
    localities: mine(rows.localities).length,
    hospitals: mine(rows.hospitals).length,
    providers: registered.length,
    contracts: mine(rows.contracts).length,
    localityProviders: new Set(
      mine(rows.contracts)
        .filter((c) => c.type === 'LOCALITY')
        .map((c) => c.providerId),
    ).size,
    goodOrOutstanding: ratings.filter((r) => r === 'GOOD' || r === 'OUTSTANDING').length / ratings.length,
    peopleReceiving: activePeople.size,
    activeServices: activePackageIds.size,
    doubleHandedShare: doubleHanded / activePackageIds.size,
    meanHoursPerPerson: hours / activePeople.size,
    externalHours: external,
    averageRate: spend / hours,
    waiting: mine(rows.packages).filter((p) => p.status === 'OFFERING' || p.status === 'OPEN_MARKET').length,
  };
}
