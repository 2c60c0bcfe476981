import type { Metadata } from 'next';
import { GeistSans } from 'geist/font/sans';
import { SiteHeader } from './site-header';
import { publicPageContext } from '@/lib/auth/require-page-actor';
import { getActor } from '@/lib/auth/session';
import { countUnreadNotifications } from '@/lib/notification/count-unread-notifications';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'HomeFirst Brokerage', template: '%s · HomeFirst Brokerage' },
  description: 'Home-support packages placed with the right providers, fast.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  const { db } = publicPageContext();
  const unread = actor ? await countUnreadNotifications(db, actor) : 0;
  return (
    <html lang="en-GB" className={GeistSans.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to main content
        </a>
        <SiteHeader actor={actor} unread={unread} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
