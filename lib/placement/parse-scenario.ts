import { z } from 'zod';
import { ZPackageSchema, ZScenarioSchema, type TScenario } from './schema';

export type TParseResult = { ok: true; scenario: TScenario } | { ok: false; errors: string[] };

/** `packages[3].visits[0].start`, the path style the spec uses in its error lines. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(scenario)' : out;
}

function zodErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/**
 * Validates a scenario: its shape, then the rules the shape cannot express (unique ids, every
 * reference resolves). Nothing is computed for a scenario that fails either check.
 */
export function parseScenario(json: unknown): TParseResult {
  const parsed = ZScenarioSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const errors = referentialErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenario: parsed.data };
}

const ZPackageListSchema = z.array(ZPackageSchema);

/**
 * A valid scenario with these packages in place of its own, checked as parseScenario checks
 * them (errors name `packages[i]`), without checking the rest again: for callers that rank a few
 * packages at a time against one market.
 */
export function withPackages(market: TScenario, packages: unknown): TParseResult {
  const parsed = ZPackageListSchema.safeParse(packages);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${formatPath(['packages', ...issue.path])}: ${issue.message}`) };
  const errors: string[] = [];
  const localityIds = new Set(market.localities.map((l) => l.id));
  const providerIds = new Set(market.providers.map((p) => p.id));
  uniqueIds(parsed.data, 'packages', errors);
  packageErrors(parsed.data, localityIds, providerIds, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenario: { ...market, packages: parsed.data } };
}

function uniqueIds(list: readonly { id: string }[], name: string, errors: string[]): Set<string> {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) errors.push(`${name}[${i}].id: duplicate id ${item.id}`);
    seen.add(item.id);
  });
  return seen;
}

function checkRef(ids: Set<string>, id: string, path: string, what: string, errors: string[]): void {
  if (!ids.has(id)) errors.push(`${path}: unknown ${what} ${id}`);
}

function referentialErrors(s: TScenario): string[] {
  const errors: string[] = [];
  const localityIds = uniqueIds(s.localities, 'localities', errors);
  const providerIds = uniqueIds(s.providers, 'providers', errors);
  uniqueIds(s.contracts, 'contracts', errors);
  uniqueIds(s.packages, 'packages', errors);

  s.localities.forEach((l, i) => l.neighbours.forEach((n, j) => checkRef(localityIds, n, `localities[${i}].neighbours[${j}]`, 'locality', errors)));

  s.providers.forEach((p, i) => {
    const slots = new Set<string>();
    p.capacity.forEach((c, j) => {
      const path = `providers[${i}].capacity[${j}]`;
      checkRef(localityIds, c.localityId, `${path}.localityId`, 'locality', errors);
      // Two figures for one locality and band would leave "declared capacity" ambiguous.
      const slot = `${c.localityId} ${c.band}`;
      if (slots.has(slot)) errors.push(`${path}: duplicate capacity for ${slot}`);
      slots.add(slot);
    });
  });

  s.contracts.forEach((c, i) => {
    const path = `contracts[${i}]`;
    checkRef(providerIds, c.providerId, `${path}.providerId`, 'provider', errors);
    c.localityIds.forEach((l, j) => checkRef(localityIds, l, `${path}.localityIds[${j}]`, 'locality', errors));
    if (c.type === 'DISCHARGE' && c.hospital === null) {
      errors.push(`${path}.hospital: expected BRI or AGH for a DISCHARGE contract`);
    }
  });

  packageErrors(s.packages, localityIds, providerIds, errors);
  return errors;
}

/** The checks on packages that need the rest of the scenario (their ids are checked apart). */
function packageErrors(packages: TScenario['packages'], localityIds: Set<string>, providerIds: Set<string>, errors: string[]): void {
  packages.forEach((p, i) => {
    const path = `packages[${i}]`;
    checkRef(localityIds, p.localityId, `${path}.localityId`, 'locality', errors);
    if (p.preferredProviderId !== null) {
      checkRef(providerIds, p.preferredProviderId, `${path}.preferredProviderId`, 'provider', errors);
    }
    p.excludedProviderIds.forEach((id, j) => checkRef(providerIds, id, `${path}.excludedProviderIds[${j}]`, 'provider', errors));
    if (p.pathway === 'HOSPITAL_DISCHARGE' && p.hospital === null) {
      errors.push(`${path}.hospital: expected BRI or AGH for a HOSPITAL_DISCHARGE package`);
    }
    p.visits.forEach((v, k) => {
      // A day listed twice would count its demand twice.
      const days = new Set<string>();
      v.days.forEach((d, m) => {
        if (days.has(d)) errors.push(`${path}.visits[${k}].days[${m}]: duplicate day ${d}`);
        days.add(d);
      });
    });
  });
}
