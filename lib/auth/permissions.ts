import type { Role } from '@prisma/client';

// The one place that says who may do what. Deny by default: a permission lists the roles that
// have it and nothing else does. Every server action and route handler names one of these.

export const PERMISSIONS = {
  /** The council's market overview (no personal data). */
  'market:view': ['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'],
  /** Packages and the people they are for, in the actor's own council. */
  'package:read': ['BROKER', 'BEST'],
  'package:write': ['BROKER', 'BEST'],
  /**
   * Referring people for home care from the council's social-care record, and reading back what
   * became of each referral. An administrator holds it so that they may give it to the record
   * system's token (a broker-role token with only this scope): it makes people and referrals,
   * never packages, and reads no one's record.
   */
  'referral:submit': ['BROKER', 'BEST', 'ADMIN'],
  /** The triage queue of referrals: accept as a draft package, ask for more information, reject. */
  'referral:triage': ['BROKER', 'BEST'],
  /** BEST's duty board of discharges and reablement. */
  'duty:view': ['BEST'],
  /** A provider's own offers (minimised until awarded) and responses to them. */
  'offer:read-own': ['PROVIDER'],
  'offer:respond': ['PROVIDER'],
  'capacity:declare': ['PROVIDER'],
  /** A placed provider asking for more or less care on one of its packages, and reading the outcomes. */
  'change-request:make': ['PROVIDER'],
  /** Deciding providers' change requests and approving new packages, within one's approval limit. */
  'change-request:decide': ['BROKER', 'BEST'],
  /** A provider's manager managing their own organisation's users (needs providerManager). */
  'provider-user:manage': ['PROVIDER'],
  'dashboard:view': ['COMMISSIONER', 'ADMIN'],
  /** Suspending a provider and re-placing its packages as a batch. */
  'provider:suspend': ['COMMISSIONER', 'ADMIN'],
  /** The council's contract register: contracts, their localities, rates and history. */
  'contract:read': ['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'],
  /** Registering, varying and ending contracts, dated rates and uplifts, re-tenders. */
  'contract:manage': ['COMMISSIONER', 'ADMIN'],
  /** What-if scenarios on a copy of the council's market: make, run, share within the council and export them. */
  'whatif:manage': ['COMMISSIONER', 'ADMIN'],
  /** A provider sending its delivered care (actuals) and reading its submissions, variances and remittances. */
  'actuals:submit': ['PROVIDER'],
  /**
   * Finance (docs/money.md): reconciling actuals and deciding variances, payment runs (check, lock,
   * files), how each contract type is paid, and the Client Level Data return. Granted to ADMIN
   * rather than a new role: no other role gains anything, and an administrator already holds the
   * budget and the council's settings.
   */
  'finance:manage': ['ADMIN'],
  /** The council's home-care budget that dashboards compare spend against. */
  'budget:manage': ['ADMIN'],
  'user:manage': ['ADMIN'],
  'token:manage': ['ADMIN'],
  'provider-org:manage': ['ADMIN'],
  /** Webhook subscriptions and their delivery log: a council's (administrators) or a provider's own (its managers). */
  'webhook:manage': ['ADMIN', 'PROVIDER'],
  /** Updating the register's ratings from CQC's file, and clearing a provider's review flag. */
  'provider:review': ['COMMISSIONER', 'ADMIN'],
  /** The council's wards, localities, neighbours, postcode districts, STEP areas and hospitals. */
  'geography:manage': ['ADMIN'],
  /** The council's own brokerage settings, such as how long providers have to answer offers. */
  'council-settings:manage': ['ADMIN'],
  'audit:search': ['ADMIN'],
  /** Importing and exporting the council's register, people and live packages as CSV or XLSX. */
  'data:import-export': ['ADMIN'],
  'council:manage': ['PLATFORM_ADMIN'],
  /** One's own notifications: the bell and its live stream. */
  'notification:read': ['BROKER', 'BEST', 'PROVIDER', 'COMMISSIONER', 'ADMIN', 'PLATFORM_ADMIN'],
  /** One's own account: password, MFA, sign out everywhere. */
  'account:manage': ['BROKER', 'BEST', 'PROVIDER', 'COMMISSIONER', 'ADMIN', 'PLATFORM_ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export type { Role };

export const COUNCIL_ROLES = ['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'] as const satisfies readonly Role[];
export type TCouncilRole = (typeof COUNCIL_ROLES)[number];

type TActorBase = { userId: string; email: string; name: string; mfaEnabled: boolean };

/** Council staff: their one council, never a provider. */
export type TCouncilActor = TActorBase & { role: TCouncilRole; councilId: string; providerId: null; providerManager: false };
/** Provider users: their one provider organisation, never a council. */
export type TProviderActor = TActorBase & { role: 'PROVIDER'; councilId: null; providerId: string; providerManager: boolean };
/** The platform's own administrators: above every council, inside none. */
export type TPlatformActor = TActorBase & { role: 'PLATFORM_ADMIN'; councilId: null; providerId: null; providerManager: false };

export type TActor = TCouncilActor | TProviderActor | TPlatformActor;

type TActorOfRole<R extends Role> = R extends TCouncilRole ? TCouncilActor & { role: R } : R extends 'PROVIDER' ? TProviderActor : TPlatformActor;

/** The actors who may hold `P`: what a wrapper that checked `P` hands its handler. */
export type TActorFor<P extends Permission> = TActorOfRole<(typeof PERMISSIONS)[P][number]>;

const isCouncilRole = (role: Role): role is TCouncilRole => (COUNCIL_ROLES as readonly Role[]).includes(role);

/**
 * The actor a stored identity (a user or an API token) stands for, or null when its role and its
 * council and provider disagree: such a row grants nothing rather than a half-formed actor.
 */
export function actorFromIdentity(
  base: TActorBase,
  identity: { role: Role; councilId: string | null; providerId: string | null; providerManager: boolean },
): TActor | null {
  const { role, councilId, providerId } = identity;
  if (isCouncilRole(role)) return councilId && !providerId ? { ...base, role, councilId, providerId: null, providerManager: false } : null;
  if (role === 'PROVIDER') return providerId && !councilId ? { ...base, role, councilId: null, providerId, providerManager: identity.providerManager } : null;
  return !councilId && !providerId ? { ...base, role, councilId: null, providerId: null, providerManager: false } : null;
}

/** Roles that must use multi-factor authentication before doing anything else. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['ADMIN', 'COMMISSIONER', 'PLATFORM_ADMIN'];

export function mfaSetupRequired(actor: Pick<TActor, 'role' | 'mfaEnabled'>): boolean {
  return MFA_REQUIRED_ROLES.includes(actor.role) && !actor.mfaEnabled;
}

/** True exactly when the actor's role is one `P` lists, which is what TActorFor<P> says. */
function roleHolds<P extends Permission>(actor: TActor, permission: P): actor is TActorFor<P> {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function can(actor: TActor | null, permission: Permission): boolean {
  if (!actor) return false;
  if (!roleHolds(actor, permission)) return false;
  if (permission === 'provider-user:manage' && !actor.providerManager) return false;
  if (permission === 'webhook:manage' && actor.role === 'PROVIDER' && !actor.providerManager) return false;
  // Until an MFA-bound role has set MFA up, it may only manage its own account.
  if (mfaSetupRequired(actor) && permission !== 'account:manage') return false;
  return true;
}

/** The actor, typed by what `permission` allows, when they may use it; otherwise null. */
export function actorWith<P extends Permission, A extends TActor>(actor: A | null, permission: P): (A & TActorFor<P>) | null {
  return actor && can(actor, permission) && roleHolds(actor, permission) ? actor : null;
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  BROKER: '/broker',
  BEST: '/duty',
  PROVIDER: '/provider',
  COMMISSIONER: '/market',
  ADMIN: '/admin/users',
  PLATFORM_ADMIN: '/platform/councils',
};
