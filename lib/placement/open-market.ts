import { codeLabel } from '../domain/labels';
import type { TReasonCode } from './constants';
import type { TRanking } from './result-types';
import type { TScenario } from './schema';

// Who may be offered a package outside the cascade: on the open market, or by hand. Such an offer
// does not need a contract that gives the package a tier (any contract in force covering the
// locality will do, which the caller checks) and it may go to a provider that has not declared
// the spare capacity (the broker is better served by an answer than by silence), but the rest of
// the engine's eligibility holds: two-carer visits, skills, status, rating and the person's
// exclusions (docs/placement.md, "Definitions").

/** The engine's reasons that do not rule a provider out of an offer outside the cascade. */
const WAIVED: ReadonlySet<TReasonCode> = new Set(['CONTRACT_NOT_IN_FORCE', 'NO_CONTRACT_FOR_PACKAGE', 'NO_CAPACITY']);

export type TOpenMarketFit = {
  /** Why the provider may not be offered the package, in words ("it does not send two carers …"); empty when it may. */
  refusals: string[];
  /** It has not declared enough spare capacity for the visits: waived outside the cascade, but said. */
  capacityWaived: boolean;
};

/** What an offer outside the cascade says when the provider has not declared the capacity. */
export const CAPACITY_WAIVED_TEXT = 'Has not declared enough spare capacity for these visits: offered anyway, so check it can staff them';

const list = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? ''));

/**
 * Each provider of the scenario's ranking, by id, with what rules it out of an offer of the
 * package outside the cascade. Providers the engine ranks are fit, with capacity to spare.
 */
export function openMarketFits(scenario: TScenario, ranking: TRanking): Map<string, TOpenMarketFit> {
  const pkg = scenario.packages.find((p) => p.id === ranking.packageId);
  const providers = new Map(scenario.providers.map((p) => [p.id, p]));
  const fits = new Map<string, TOpenMarketFit>();
  for (const o of ranking.offers) fits.set(o.providerId, { refusals: [], capacityWaived: false });
  for (const e of ranking.excluded) {
    const refusals: string[] = [];
    for (const reason of e.reasons) {
      if (WAIVED.has(reason)) continue;
      switch (reason) {
        case 'PROVIDER_SUSPENDED':
          refusals.push('it is suspended by the council');
          break;
        case 'CQC_INADEQUATE':
          refusals.push('it is rated Inadequate by the CQC');
          break;
        case 'MISSING_SKILL': {
          const has = new Set(providers.get(e.providerId)?.skills ?? []);
          const missing = (pkg?.requiredSkills ?? []).filter((s) => !has.has(s)).map((s) => codeLabel(s).toLowerCase());
          refusals.push(`it lacks the ${missing.length === 1 ? 'skill' : 'skills'} the package needs (${list(missing)})`);
          break;
        }
        case 'NO_DOUBLE_HANDED':
          refusals.push('the package has two-carer visits and it does not send two carers');
          break;
        case 'EXCLUDED_BY_PACKAGE':
          refusals.push('the person has asked not to have it');
          break;
      }
    }
    fits.set(e.providerId, { refusals, capacityWaived: e.reasons.includes('NO_CAPACITY') });
  }
  return fits;
}
