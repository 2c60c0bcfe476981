import type { PackageStatus } from '@prisma/client';

// The groups of package statuses the rules speak of. A package is a DRAFT until posted; then
// OFFERING (a tier of the cascade) or OPEN_MARKET (the cascade is spent) while offers are out;
// PLACED once a provider accepts, IN_HOSPITAL while the person is in hospital and the provider
// holds a retainer; ENDED or CANCELLED for good.

/** Posted and out to providers: waiting for one to accept. */
export const OFFERING_STATUSES = ['OFFERING', 'OPEN_MARKET'] as const satisfies readonly PackageStatus[];
/** Not placed yet and still wanted: a draft, or out to providers. */
export const UNPLACED_STATUSES = ['DRAFT', ...OFFERING_STATUSES] as const satisfies readonly PackageStatus[];
/** Live with a provider: delivering, or holding it on a retainer while the person is in hospital. */
export const LIVE_STATUSES = ['PLACED', 'IN_HOSPITAL'] as const satisfies readonly PackageStatus[];
/** Posted and not over: out to providers or live with one. */
export const POSTED_OPEN_STATUSES = [...OFFERING_STATUSES, ...LIVE_STATUSES] as const satisfies readonly PackageStatus[];

export type TUnplacedStatus = (typeof UNPLACED_STATUSES)[number];
export type TLiveStatus = (typeof LIVE_STATUSES)[number];

const within =
  <T extends PackageStatus>(group: readonly T[]) =>
  (status: string): status is T =>
    (group as readonly string[]).includes(status);

export const isOffering = within(OFFERING_STATUSES);
export const isUnplaced = within(UNPLACED_STATUSES);
export const isLive = within(LIVE_STATUSES);
export const isPostedOpen = within(POSTED_OPEN_STATUSES);

/** A Prisma filter on a package's status for one of the groups above. */
export function statusIn<T extends PackageStatus>(group: readonly T[]): { in: T[] } {
  return { in: [...group] };
}

/** SQL: the group as a parenthesised list of literals, for `status IN …`. */
export function statusListSql(group: readonly PackageStatus[]): string {
  return `(${group.map((s) => `'${s}'`).join(', ')})`;
}
