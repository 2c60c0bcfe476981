import type { Metadata } from 'next';
import { GeistSans } from 'geist/font/sans';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'HomeFirst Brokerage', template: '%s · HomeFirst Brokerage' },
  description: 'Home-support packages placed with the right providers, fast.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB" className={GeistSans.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to main content
        </a>
        <header className="bg-brand-800 text-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              HomeFirst Brokerage
            </Link>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
