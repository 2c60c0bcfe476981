import type { Role } from '@prisma/client';

// The one place that says who may do what. Deny by default: a permission lists the roles that
// have it and nothing else does. Every server action and route handler names one of these.

export const PERMISSIONS = {
  /** The council's market overview (no personal data). */
  'market:view': ['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'],
  /** Packages and the people they are for, in the actor's own council. */
  'package:read': ['BROKER', 'BEST'],
  'package:write': ['BROKER', 'BEST'],
  /** BEST's duty board of discharges and reablement. */
  'duty:view': ['BEST'],
  /** A provider's own offers (minimised until awarded) and responses to them. */
  'offer:read-own': ['PROVIDER'],
  'offer:respond': ['PROVIDER'],
  'capacity:declare': ['PROVIDER'],
  /** A provider's manager managing their own organisation's users (needs providerManager). */
  'provider-user:manage': ['PROVIDER'],
  'dashboard:view': ['COMMISSIONER', 'ADMIN'],
  /** Suspending a provider and re-placing its packages as a batch. */
  'provider:suspend': ['COMMISSIONER', 'ADMIN'],
  /** The council's home-care budget that dashboards compare spend against. */
  'budget:manage': ['ADMIN'],
  'user:manage': ['ADMIN'],
  'token:manage': ['ADMIN'],
  'provider-org:manage': ['ADMIN'],
  /** The council's own brokerage settings, such as how long providers have to answer offers. */
  'council-settings:manage': ['ADMIN'],
  'audit:search': ['ADMIN'],
  'council:manage': ['PLATFORM_ADMIN'],
  /** One's own notifications: the bell and its live stream. */
  'notification:read': ['BROKER', 'BEST', 'PROVIDER', 'COMMISSIONER', 'ADMIN', 'PLATFORM_ADMIN'],
  /** One's own account: password, MFA, sign out everywhere. */
  'account:manage': ['BROKER', 'BEST', 'PROVIDER', 'COMMISSIONER', 'ADMIN', 'PLATFORM_ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export type TActor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Council staff: their one council. */
  councilId: string | null;
  /** Provider users: their one provider organisation. */
  providerId: string | null;
  providerManager: boolean;
  mfaEnabled: boolean;
};

/** Roles that must use multi-factor authentication before doing anything else. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['ADMIN', 'COMMISSIONER', 'PLATFORM_ADMIN'];

export function mfaSetupRequired(actor: Pick<TActor, 'role' | 'mfaEnabled'>): boolean {
  return MFA_REQUIRED_ROLES.includes(actor.role) && !actor.mfaEnabled;
}

export function can(actor: TActor | null, permission: Permission): boolean {
  if (!actor) return false;
  if (!(PERMISSIONS[permission] as readonly Role[]).includes(actor.role)) return false;
  if (permission === 'provider-user:manage' && !actor.providerManager) return false;
  // Until an MFA-bound role has set MFA up, it may only manage its own account.
  if (mfaSetupRequired(actor) && permission !== 'account:manage') return false;
  return true;
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
