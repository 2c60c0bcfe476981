import Link from 'next/link';
import { SiteNav, type TNavItem } from './site-nav';
import type { Role, TActor } from '@/lib/auth/permissions';
import { NotificationBell } from './notifications/notification-bell';
import { SignOutButton } from '@/components/sign-out-button';
import { ROLE_LABEL } from '@/lib/domain/labels';

const NAV: Record<Role, TNavItem[]> = {
  BROKER: [
    { href: '/broker', label: 'Packages' },
    { href: '/packages/change-requests', label: 'Change requests' },
    { href: '/people', label: 'People' },
    { href: '/market', label: 'Market' },
    { href: '/contracts', label: 'Contracts' },
  ],
  BEST: [
    { href: '/duty', label: 'Duty board' },
    { href: '/packages/change-requests', label: 'Change requests' },
    { href: '/people', label: 'People' },
    { href: '/market', label: 'Market' },
    { href: '/contracts', label: 'Contracts' },
  ],
  PROVIDER: [
    { href: '/provider', label: 'Offers' },
    { href: '/provider/placements', label: 'Placements' },
    { href: '/provider/capacity', label: 'Capacity' },
    { href: '/provider/actuals', label: 'Delivered care' },
  ],
  COMMISSIONER: [
    { href: '/market', label: 'Market' },
    { href: '/dashboards', label: 'Dashboards' },
    { href: '/what-if', label: 'What-if' },
    { href: '/providers', label: 'Providers' },
    { href: '/contracts', label: 'Contracts' },
  ],
  ADMIN: [
    { href: '/admin/users', label: 'Users' },
    { href: '/admin/providers', label: 'Providers' },
    { href: '/contracts', label: 'Contracts' },
    { href: '/admin/geography', label: 'Geography' },
    { href: '/admin/settings', label: 'Settings' },
    { href: '/admin/approvals', label: 'Approvals' },
    { href: '/admin/budget', label: 'Budget' },
    { href: '/admin/finance', label: 'Finance' },
    { href: '/admin/tokens', label: 'API tokens' },
    { href: '/admin/webhooks', label: 'Webhooks' },
    { href: '/admin/audit', label: 'Audit' },
    { href: '/admin/data', label: 'Import and export' },
    { href: '/market', label: 'Market' },
    { href: '/dashboards', label: 'Dashboards' },
    { href: '/what-if', label: 'What-if' },
    { href: '/providers', label: 'Provider status' },
  ],
  PLATFORM_ADMIN: [{ href: '/platform/councils', label: 'Councils' }],
};

/** The signed-in actor (or null) and their unread notifications come from the root layout. */
export function SiteHeader({ actor, unread }: { actor: Pick<TActor, 'name' | 'role' | 'providerManager'> | null; unread: number }) {
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          HomeFirst Brokerage
        </Link>
        {actor ? (
          <>
            <SiteNav
              items={[
                ...NAV[actor.role],
                ...(actor.providerManager
                  ? [
                      { href: '/provider/users', label: 'Users' },
                      { href: '/provider/tokens', label: 'API tokens' },
                      { href: '/provider/webhooks', label: 'Webhooks' },
                    ]
                  : []),
              ]}
            />
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <NotificationBell initialUnread={unread} />
              <Link href="/account" className="hover:underline" data-testid="signed-in-as">
                {actor.name} · {ROLE_LABEL[actor.role]}
              </Link>
              <SignOutButton />
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}
